import Foundation
import JSONCore

extension MCPServer {
    // MARK: - tools/list

    /// The `tools/list` response, serialized. A page's `tools` array is serialized once per
    /// revision and list, then reused (written from the cache, not copied): declarations do not
    /// change while the server runs.
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
            cache[key] = serialized
            return serialized
        }
        var members: JSONObject = [:]
        if end < all.count, let last = page.last {
            members["nextCursor"] = .string(ToolListCursor.after(last.name))
        }
        // The list depends on the token's role: never share it across users.
        let cache = CacheHint(timeToLive: tools.listTimeToLive, scope: .private)
        return replies.result(pieces: ReplyWriter.member("tools", json: toolsJSON), then: members, cache: cache)
    }

    // MARK: - tools/call

    /// Runs a tool call in a task of its own, answered by the tool or, at the call's time limit
    /// (``ServerConfiguration/callTimeout`` from its arrival), by the server for it.
    func callTool(_ request: JSONRPCRequest, _ terms: RequestTerms, completion: @escaping @Sendable (SerializedMessage?) -> Void) {
        let answerBy = ContinuousClock.now + configuration.callTimeout
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
        let call = InFlightRequests.Call(id: request.id, tool: name, isReadOnly: tool.annotations.readOnlyHint)
        serveInTask(request, terms, call, answerBy: answerBy, completion: completion) {
            replies.result(pieces: ToolResult.failure(self.timeLimitWords(call)).members(for: terms.version))
        } work: { context in
            // The result's text and its escaped form go out from the buffers it keeps.
            await self.run(tool, arguments, context).map { replies.result(pieces: $0.members(for: terms.version)) }
        }
    }

    /// The answer the server gives for a call still running at its time limit.
    private func timeLimitWords(_ call: InFlightRequests.Call) -> String {
        let outcome = call.isReadOnly
            ? "Try again in a moment, or ask for less."
            : "It may or may not have changed something before it stopped: check before repeating it."
        return "\(call.tool) did not finish within \(Self.words(configuration.callTimeout)), this server's time limit for a "
            + "call, and was stopped. \(outcome)"
    }

    /// "40 seconds", "1.5 seconds".
    static func words(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return seconds == 1 ? "1 second" : "\(seconds) seconds" }
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return String(format: "%.1f seconds", value)
    }

    /// Validates the arguments, waits for a slot, runs the handler. Nil when cancelled.
    private func run(_ tool: Tool, _ arguments: JSONObject, _ context: ToolContext) async -> ToolResult? {
        let problems = SchemaValidator(tool.inputSchema).problems(in: .object(arguments))
        guard problems.isEmpty else {
            return .failure("Invalid arguments for \(tool.name): " + problems.joined(separator: " "))
        }
        return await limit.withSlot {
            let started = ContinuousClock.now
            do {
                let result = try await tool.handler(ToolArguments(arguments), context)
                logger.debug("\(tool.name) answered in \(ContinuousClock.now - started)\(result.isError ? " (tool error)" : "").")
                return result
            } catch is CancellationError where Task.isCancelled {
                return nil
            } catch let error as ToolError {
                return .failure(error.message)
            } catch {
                logger.error("\(tool.name) failed: \(error)")
                return .failure("\(tool.name) failed: \(error)")
            }
        }
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
