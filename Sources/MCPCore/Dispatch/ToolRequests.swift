import Foundation
import JSONCore

extension MCPServer {
    // MARK: - tools/list

    /// The `tools/list` response, serialized. A page's `tools` array is serialized and passed
    /// through the output filter once per revision and list, then reused (written from the cache,
    /// not copied, and not filtered again): declarations do not change while the server runs.
    func listTools(_ request: JSONRPCRequest, _ terms: RequestTerms) -> SerializedMessage {
        let replies = replyWriter(for: request, terms)
        let all = tools.listedTools()
        var start = 0
        if let cursor = request.params["cursor"] {
            guard let name = cursor.stringValue.flatMap(ToolListCursor.toolName(in:)),
                  let index = all.firstIndex(where: { $0.name == name })
            else {
                return replies.error(.invalidParams(
                    "the cursor is not one this server gave out, or the tool list has changed since; list again without a cursor"))
            }
            start = index + 1
        }
        let end = min(start + max(1, configuration.toolsPageSize), all.count)
        let page = all[start..<end]
        let version = terms.version
        let key = version.rawValue + ":" + page.map(\.name).joined(separator: ",")
        let toolsJSON = toolListCache.withLock { cache in
            if let cached = cache[key] { return cached }
            let serialized = JSON.array(page.map { $0.json(for: version) }).serialized()
            let filtered = logger.filter.message(SerializedMessage(serialized)).bytes
            cache[key] = filtered
            return filtered
        }
        var members: JSONObject = [:]
        if end < all.count, let last = page.last {
            members["nextCursor"] = .string(ToolListCursor.after(last.name))
        }
        // The list depends on the token's role: never share it across users.
        let cache = CacheHint(timeToLive: tools.listTimeToLive, scope: .private)
        // The array is the second piece of the member: filtered already.
        return replies.result(pieces: ReplyWriter.member("tools", json: toolsJSON), then: members, cache: cache, filtered: [1])
    }

    // MARK: - tools/call

    /// Runs a tool call (``serve(_:_:_:completion:failures:work:)``): its arguments checked against
    /// the tool's input schema, then its handler; what goes wrong is a tool error.
    func callTool(_ request: JSONRPCRequest, _ terms: RequestTerms, completion: @escaping @Sendable (SerializedMessage?) -> Void) {
        let replies = replyWriter(for: request, terms)
        guard let name = request.params["name"]?.stringValue else {
            return completion(replies.error(.invalidParams("\"tools/call\" needs the tool's \"name\"")))
        }
        let arguments: JSONObject
        switch request.params["arguments"] {
        case nil, .null?: arguments = [:]
        case .object(let object)?: arguments = object
        case .some: return completion(replies.error(.invalidParams("\"arguments\" must be an object")))
        }
        guard let tool = tools.tool(named: name) else {
            return completion(replies.error(.invalidParams("Unknown tool: \(name)")))
        }
        let version = terms.version
        @Sendable func failure(_ message: String) -> SerializedMessage {
            replies.result(pieces: ToolResult.failure(message).members(for: version))
        }
        let call = InFlightRequests.Call(id: request.id, tool: name, isReadOnly: tool.annotations.readOnlyHint)
        let failures = Failures {
            failure(self.timeLimitWords(call))
        } thrown: { error in
            switch error {
            case let failed as ToolError: return failure(failed.message)
            case let refused as Refusal: return failure(refused.message)
            case let error as JSONRPCError: return failure(error.message)
            default:
                self.logger.error("\(name) failed: \(error)")
                return failure("\(name) failed: \(error)")
            }
        }
        serve(request, terms, call, completion: completion, failures: failures) { context in
            let problems = SchemaValidator(tool.inputSchema).problems(in: .object(arguments))
            guard problems.isEmpty else { throw ToolError("Invalid arguments for \(name): " + problems.joined(separator: " ")) }
            // The result's text and its escaped form go out from the buffers it keeps.
            return replies.result(pieces: try await tool.handler(ToolArguments(arguments), context).members(for: version))
        }
    }

    /// The answer the server gives for a call still running at its time limit.
    private func timeLimitWords(_ call: InFlightRequests.Call) -> String {
        let outcome = call.isReadOnly
            ? "Try again in a moment, or ask for less."
            : "It may or may not have changed something before it stopped: check before repeating it."
        return "\(call.tool) did not finish within \(configuration.callTimeout.words), this server's time limit for a "
            + "call, and was stopped. \(outcome)"
    }
}

/// Opaque `tools/list` cursors: the name of the last tool sent, so a cursor stays meaningful
/// while the list is read page by page.
enum ToolListCursor {
    static func after(_ name: String) -> String {
        Data("after:\(name)".utf8).base64EncodedString()
    }

    static func toolName(in cursor: String) -> String? {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8),
              text.hasPrefix("after:")
        else { return nil }
        return String(text.dropFirst("after:".count))
    }
}
