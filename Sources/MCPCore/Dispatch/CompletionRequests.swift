import Foundation
import JSONCore

extension MCPServer {
    // MARK: - completion/complete

    /// The longest text completed; a longer one is refused.
    static let maxCompletedLength = 1000

    func complete(_ request: JSONRPCRequest, _ terms: RequestTerms, completion: @escaping @Sendable (SerializedMessage?) -> Void) {
        let replies = replyWriter(for: request, terms)
        let completer: Completer?
        let completing: CompletionRequest
        switch completionTarget(request.params) {
        case .failure(let error): return completion(replies.error(error))
        case .success(let target): (completer, completing) = target
        }
        guard let completer else { return completion(replies.result(Completion.none.members)) }
        answerLater(request, terms, completion: completion) { context in
            // A completion holds at most the protocol's 100 values (its only initializer sees to it).
            replies.result(try await completer(completing, context).members)
        }
    }

    /// The completer a `completion/complete` names and what it asks; or the -32602 error that
    /// says what is wrong with it.
    private func completionTarget(_ params: JSONObject) -> Result<(Completer?, CompletionRequest), JSONRPCError> {
        guard let ref = params["ref"]?.objectValue, let type = ref["type"]?.stringValue else {
            return .failure(.invalidParams("\"ref\" must be an object with a \"type\": \"ref/prompt\" or \"ref/resource\""))
        }
        guard let argument = params["argument"]?.objectValue, let name = argument["name"]?.stringValue,
              let value = argument["value"]?.stringValue
        else {
            return .failure(.invalidParams("\"argument\" must be an object with a \"name\" and a \"value\", both strings"))
        }
        guard value.count <= Self.maxCompletedLength else {
            return .failure(.invalidParams("the value to complete is longer than \(Self.maxCompletedLength) characters"))
        }
        var context: [String: String] = [:]
        switch params["context"]?["arguments"] {
        case nil, .null?: break
        case .object(let given)?:
            for (key, value) in given {
                guard let text = value.stringValue, text.count <= Self.maxCompletedLength else {
                    return .failure(.invalidParams("\"context.arguments\" must map names to strings of at most "
                        + "\(Self.maxCompletedLength) characters; \"\(key.prefix(40))\" does not"))
                }
                context[key] = text
            }
        case .some:
            return .failure(.invalidParams("\"context.arguments\" must be an object of strings"))
        }
        let request = CompletionRequest(argument: name, value: value, context: context)
        let names: [String], completer: Completer?, what: String
        switch type {
        case "ref/prompt":
            guard let promptName = ref["name"]?.stringValue, let prompt = prompts?.prompt(named: promptName) else {
                return .failure(.invalidParams("Unknown prompt: \((ref["name"]?.stringValue ?? "(no name)").prefix(100))"))
            }
            (names, completer, what) = (prompt.arguments.map(\.name), prompt.completer, "the prompt \(promptName)")
        case "ref/resource":
            let uri = ref["uri"]?.stringValue ?? ""
            if let template = resources?.declaredTemplates().first(where: { $0.uriTemplate == uri }) {
                (names, completer, what) = (template.template.variables, template.completer, "the template \(uri)")
            } else if resources?.declaredResources().contains(where: { $0.uri == uri }) == true {
                (names, completer, what) = ([], nil, "the resource \(uri)")
            } else {
                return .failure(.invalidParams("Unknown resource template: \(uri.prefix(200))"))
            }
        default:
            return .failure(.invalidParams("\"ref.type\" must be \"ref/prompt\" or \"ref/resource\", not \"\(type.prefix(40))\""))
        }
        guard names.contains(name) else {
            let known = names.isEmpty ? "none" : names.joined(separator: ", ")
            return .failure(.invalidParams("\(what) has no argument \"\(name.prefix(40))\"; its arguments: \(known)"))
        }
        return .success((completer, request))
    }
}
