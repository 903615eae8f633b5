import Foundation
import JSONCore

extension MCPServer {
    // MARK: - tools/list

    /// The `tools/list` response, serialized. A page's `tools` array is serialized once per
    /// revision and list, then reused (written from the cache, not copied): declarations do not
    /// change while the server runs.
    func listTools(_ request: JSONRPCRequest, _ exchange: Exchange) -> SerializedMessage {
        let all = tools.listedTools()
        var start = 0
        if let cursor = request.params["cursor"] {
            guard let name = cursor.stringValue.flatMap(ToolListCursor.toolName(in:)),
                  let index = all.firstIndex(where: { $0.name == name })
            else {
                return SerializedMessage(JSONRPCOutgoing.error(id: request.id, .invalidParams(
                    "the cursor is not one this server gave out, or the tool list has changed since; list again without a cursor"
                )).serialized())
            }
            start = index + 1
        }
        let end = min(start + max(1, configuration.toolsPageSize), all.count)
        let page = all[start..<end]
        let key = exchange.version.rawValue + ":" + page.map(\.name).joined(separator: ",")
        let toolsJSON = toolListCache.withLock { cache in
            if let cached = cache[key] { return cached }
            let serialized = JSON.array(page.map { $0.json(for: exchange.version) }).serialized()
            cache[key] = serialized
            return serialized
        }
        var members: JSONObject = [:]
        if end < all.count, let last = page.last {
            members["nextCursor"] = .string(ToolListCursor.after(last.name))
        }
        if exchange.version.isModern {
            members["ttlMs"] = .int(max(0, tools.listTimeToLive))
            // The list depends on the token's role: never share it across users.
            members["cacheScope"] = "private"
            members["resultType"] = "complete"
            members["_meta"] = [ModernMeta.serverInfo: configuration.serverInfo(for: exchange.version)]
        }
        var head = JSONWriter()
        head.raw(#"{"jsonrpc":"2.0","id":"#)
        head.write(request.id.json)
        head.raw(#","result":{"tools":"#)
        var tail = JSONWriter()
        tail.writeMembers(continuing: members)
        tail.raw("}}")
        return SerializedMessage(pieces: [head.bytes, toolsJSON, tail.bytes])
    }

    // MARK: - tools/call

    func callTool(_ request: JSONRPCRequest, _ exchange: Exchange, completion: @escaping @Sendable (SerializedMessage?) -> Void) {
        let reply: (JSON) -> Void = { completion(SerializedMessage($0.serialized())) }
        guard let name = request.params["name"]?.stringValue else {
            return reply(JSONRPCOutgoing.error(id: request.id, .invalidParams("\"tools/call\" needs the tool's \"name\"")))
        }
        let arguments: JSONObject
        switch request.params["arguments"] {
        case nil, .null?: arguments = [:]
        case .object(let object)?: arguments = object
        case .some: return reply(JSONRPCOutgoing.error(id: request.id, .invalidParams("\"arguments\" must be an object")))
        }
        guard let tool = tools.tool(named: name) else {
            return reply(JSONRPCOutgoing.error(id: request.id, .invalidParams("Unknown tool: \(name)")))
        }
        guard inFlight.begin(request.id) else {
            return reply(JSONRPCOutgoing.error(id: request.id, .invalidRequest(
                "id \(request.id) is already used by a request in progress")))
        }
        let progressToken = request.meta["progressToken"].flatMap(RequestID.init)?.json
        let channel = RequestChannel(
            progressToken: progressToken, version: exchange.version, clientLogLevel: exchange.clientLogLevel,
            loggerName: configuration.name, redact: logger.redact, sink: sink)
        let context = ToolContext(requestID: request.id, protocolVersion: exchange.version, channel: channel)
        let task = Task {
            let outcome = await self.run(tool, arguments, context)
            channel.close()
            var replied = false
            self.inFlight.finish(request.id) {
                guard let outcome else { return }
                completion(self.toolResponse(request, outcome, exchange))
                replied = true
            }
            if !replied {
                self.logger.debug("Request \(request.id) (\(name)) was cancelled; no reply.")
                completion(nil)
            }
        }
        inFlight.attach(task, to: request.id)
    }

    /// Validates the arguments, waits for a slot, runs the handler. Nil when cancelled.
    private func run(_ tool: Tool, _ arguments: JSONObject, _ context: ToolContext) async -> ToolResult? {
        let problems = SchemaValidator(tool.inputSchema).problems(in: .object(arguments))
        guard problems.isEmpty else {
            return .failure("Invalid arguments for \(tool.name): " + problems.joined(separator: " "))
        }
        do {
            try await limit.acquire()
        } catch {
            return nil
        }
        defer { limit.release() }
        guard !Task.isCancelled else { return nil }
        let started = ContinuousClock.now
        do {
            let result = try await tool.handler(ToolArguments(arguments), context)
            logger.debug("\(tool.name) answered in \(ContinuousClock.now - started)\(result.isError ? " (tool error)" : "").")
            return result.isError ? .failure(logger.redact(result.text)) : result
        } catch is CancellationError where Task.isCancelled {
            return nil
        } catch let error as ToolError {
            return .failure(logger.redact(error.message))
        } catch {
            logger.error("\(tool.name) failed: \(error)")
            return .failure(logger.redact("\(tool.name) failed: \(error)"))
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
