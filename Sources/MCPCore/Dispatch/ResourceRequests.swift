import Foundation
import JSONCore

extension MCPServer {
    /// The longest URI read; a longer one is refused.
    static let maxURILength = 2048

    /// `resources/read`: a resource whose URI is the one asked for, else the first template that
    /// matches it; neither, or a reader's ``Refusal``, is the revision's missing-resource error.
    func readResource(_ request: JSONRPCRequest, _ terms: RequestTerms, completion: @escaping @Sendable (SerializedMessage?) -> Void) {
        let replies = replyWriter(for: request, terms)
        guard let uri = request.params["uri"]?.stringValue else {
            return completion(replies.error(.invalidParams("\"resources/read\" needs the resource's \"uri\"")))
        }
        let version = terms.version
        @Sendable func notFound(_ detail: String) -> SerializedMessage {
            replies.error(.resourceNotFound(String(uri.prefix(Self.maxURILength)), detail: detail, version: version))
        }
        guard uri.utf8.count <= Self.maxURILength else {
            return completion(notFound("the URI is longer than \(Self.maxURILength) bytes"))
        }
        let reader: ResourceReader, variables: [String: String]
        if let resource = resources?.declaredResources().first(where: { $0.uri == uri }) {
            (reader, variables) = (resource.reader, [:])
        } else if let (template, values) = resources?.declaredTemplates().lazy
            .compactMap({ template in template.template.match(uri).map { (template, $0) } }).first {
            (reader, variables) = (template.reader, values)
        } else {
            let known = (resources?.listedResources().map(\.uri) ?? []) + (resources?.listedTemplates().map(\.uriTemplate) ?? [])
            return completion(notFound("this server has no resource \(uri.prefix(200)); it has \(known.joined(separator: ", "))"))
        }
        answerLater(request, terms, completion: completion, refusal: { .resourceNotFound(String(uri.prefix(Self.maxURILength)), detail: $0, version: version) }) { context in
            let read = try await reader(uri, variables, context)
            let body: JSONObject = ["contents": .array(read.contents.map(\.json))]
            return replies.result(body, cache: CacheHint(timeToLive: read.timeToLive, scope: .private))
        }
    }
}
