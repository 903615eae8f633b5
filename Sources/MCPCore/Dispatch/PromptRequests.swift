import Foundation
import JSONCore

extension MCPServer {
    // MARK: - prompts/list, resources/list, resources/templates/list

    /// One of the three short lists, held like `tools/list` until its source is settled. Each
    /// depends on the token's role, so a modern client may cache it privately only.
    func listPromptsOrResources(_ request: JSONRPCRequest, _ terms: RequestTerms, completion: @escaping @Sendable (SerializedMessage?) -> Void) {
        let replies = replyWriter(for: request, terms)
        if let error = refuseCursor(request) { return completion(replies.error(error)) }
        let version = terms.version
        if request.method == "prompts/list", let prompts {
            return whenSettled(prompts.isSettled, settle: { await prompts.settle(within: $0) }) {
                let listed = prompts.listedPrompts().map { $0.json(for: version) }
                let cache = CacheHint(timeToLive: prompts.listTimeToLive, scope: .private)
                completion(replies.result(["prompts": .array(listed)], cache: cache))
            }
        }
        guard let resources else { return completion(replies.error(.methodNotFound(request.method))) }
        let isTemplates = request.method == "resources/templates/list"
        whenSettled(resources.isSettled, settle: { await resources.settle(within: $0) }) {
            let body: JSONObject = isTemplates
                ? ["resourceTemplates": .array(resources.listedTemplates().map { $0.json(for: version) })]
                : ["resources": .array(resources.listedResources().map { $0.json(for: version) })]
            completion(replies.result(body, cache: CacheHint(timeToLive: resources.listTimeToLive, scope: .private)))
        }
    }

    // MARK: - prompts/get

    func getPrompt(_ request: JSONRPCRequest, _ terms: RequestTerms, completion: @escaping @Sendable (SerializedMessage?) -> Void) {
        let replies = replyWriter(for: request, terms)
        guard let name = request.params["name"]?.stringValue else {
            return completion(replies.error(.invalidParams("\"prompts/get\" needs the prompt's \"name\"")))
        }
        guard let prompt = prompts?.prompt(named: name) else {
            return completion(replies.error(.invalidParams("Unknown prompt: \(name.prefix(100))")))
        }
        let arguments: PromptArguments
        switch prompt.check(request.params["arguments"]) {
        case .failure(let error): return completion(replies.error(error))
        case .success(let checked): arguments = checked
        }
        answerLater(request, terms, completion: completion) { context in
            replies.result(try await prompt.handler(arguments, context).members)
        }
    }
}
