import Foundation
import JSONCore
import ConcurrencyHelpers

/// An MCP server that serves both eras at once: modern requests (2026-07-28, version and
/// capabilities in every request's `_meta`) and a legacy session opened by `initialize`
/// (2024-11-05 to 2025-11-25).
///
/// The transport hands it one line at a time (``receive(line:)``); replies and notifications go to
/// its ``MessageSink``. Cheap requests are answered on the calling thread; tool calls run as tasks,
/// at most `maxConcurrentRequests` at once, and reply in completion order.
package final class MCPServer: Sendable {
    package let configuration: ServerConfiguration
    let tools: any ToolSource
    let prompts: (any PromptSource)?
    let resources: (any ResourceSource)?
    let logger: Logger
    let sink: any MessageSink
    let inFlight = InFlightRequests()
    let limit: ConcurrencyLimit

    /// Serialized `tools` arrays of `tools/list` pages, by revision and list.
    let toolListCache = Locked<[String: [UInt8]]>([:])
    /// The session a legacy `initialize` opened, if one did.
    private let legacySession = Locked<LegacySession?>(nil)

    private struct LegacySession {
        let version: ProtocolVersion
        /// Set by `logging/setLevel`; until then no log messages go to the client.
        var logLevel: LogLevel?
    }

    /// Keeps each call's time limit.
    let timeLimits: TimeLimits

    /// A server of `tools` and, when given, `prompts` and `resources` (with completions of their
    /// arguments).
    package convenience init(
        configuration: ServerConfiguration, tools: any ToolSource, prompts: (any PromptSource)? = nil,
        resources: (any ResourceSource)? = nil, logger: Logger, sink: any MessageSink
    ) {
        self.init(configuration: configuration, tools: tools, prompts: prompts, resources: resources, logger: logger,
                  sink: sink, timeLimits: .dispatch)
    }

    init(
        configuration: ServerConfiguration, tools: any ToolSource, prompts: (any PromptSource)? = nil,
        resources: (any ResourceSource)? = nil, logger: Logger, sink: any MessageSink, timeLimits: TimeLimits
    ) {
        self.configuration = configuration
        self.tools = tools
        self.prompts = prompts
        self.resources = resources
        self.logger = logger
        // The one exit: nothing the server writes reaches `sink` unfiltered.
        self.sink = FilteredSink(filter: logger.filter, next: sink)
        self.timeLimits = timeLimits
        self.limit = ConcurrencyLimit(limit: configuration.maxConcurrentRequests)
    }

    /// The revision a legacy `initialize` negotiated, if one did.
    var negotiatedLegacyVersion: ProtocolVersion? {
        legacySession.current?.version
    }

    /// How many tool calls are being served now.
    var requestsInFlight: Int { inFlight.count }

    /// Waits for the tool calls in flight to finish, until `deadline`. Returns whether they all did.
    func waitForRequests(before deadline: ContinuousClock.Instant) -> Bool {
        inFlight.waitUntilEmpty(before: deadline)
    }

    /// Tells a legacy client that the tool list changed (modern clients re-read it per `ttlMs`).
    package func toolListChanged() {
        guard negotiatedLegacyVersion != nil else { return }
        sink.send(JSONRPCOutgoing.notification(method: "notifications/tools/list_changed", params: [:]))
    }

    /// Tells a legacy client that the prompt list changed (modern clients re-read it per `ttlMs`).
    package func promptListChanged() {
        guard negotiatedLegacyVersion != nil, prompts != nil else { return }
        sink.send(JSONRPCOutgoing.notification(method: "notifications/prompts/list_changed", params: [:]))
    }

    /// Tells a legacy client that the resource list (or the template list) changed.
    package func resourceListChanged() {
        guard negotiatedLegacyVersion != nil, resources != nil else { return }
        sink.send(JSONRPCOutgoing.notification(method: "notifications/resources/list_changed", params: [:]))
    }

    // MARK: - Input

    /// Handles one line of input: a JSON-RPC message or batch.
    package func receive(line: UnsafeRawBufferPointer) {
        let json: JSON
        do {
            json = try JSON.parse(line)
        } catch {
            logger.debug("Unparseable line of \(line.count) bytes: \(error)")
            sink.send(unidentifiedError(.parseError(error.description)))
            return
        }
        if case .array(let elements) = json {
            receiveBatch(elements)
        } else {
            handle(JSONRPCMessage(json)) { [sink] reply in
                if let reply { sink.send(reply) }
            }
        }
    }

    /// Answers a line that was over the length limit and has been discarded.
    package func receiveOversizedLine(length: Int) {
        logger.warning("Discarded a line of \(length) bytes (the limit is \(configuration.maxLineLength)).")
        sink.send(unidentifiedError(.invalidRequest(
            "the message is \(length) bytes long; the limit is \(configuration.maxLineLength) bytes")))
    }

    private func receiveBatch(_ elements: [JSON]) {
        guard negotiatedLegacyVersion?.allowsBatches == true else {
            sink.send(unidentifiedError(.invalidRequest("batches are only served in protocol revision 2025-03-26")))
            return
        }
        guard !elements.isEmpty else {
            sink.send(unidentifiedError(.invalidRequest("an empty batch")))
            return
        }
        let collector = BatchCollector(expected: elements.count, sink: sink)
        for element in elements {
            handle(JSONRPCMessage(element), completion: collector.complete)
        }
    }

    /// Handles one message. `completion` is called exactly once, with the serialized reply to
    /// write, or nil when there is none (a notification, a response, a cancelled request).
    func handle(_ message: JSONRPCMessage, completion: @escaping @Sendable (SerializedMessage?) -> Void) {
        switch message {
        case .invalid(let id, let error):
            completion(ReplyWriter(id: id, version: nil, configuration: configuration).error(error))
        case .response:
            logger.debug("Ignored a response: this server sends no requests.")
            completion(nil)
        case .notification(let method, let params):
            handleNotification(method, params)
            completion(nil)
        case .request(let request):
            handleRequest(request, completion: completion)
        }
    }

    private func handleNotification(_ method: String, _ params: JSONObject) {
        switch method {
        case "notifications/cancelled":
            guard let id = params["requestId"].flatMap(RequestID.init) else { return }
            logger.debug("Client cancelled request \(id): \(params["reason"]?.stringValue ?? "no reason given")")
            inFlight.cancel(id)
        case "notifications/initialized":
            logger.debug("Client finished the handshake.")
        default:
            logger.debug("Ignored notification \(method).")
        }
    }

    // MARK: - Requests

    /// The terms a request is served under: its protocol revision (per request in the modern
    /// era, the session's in the legacy one), and the level from which log messages go to the
    /// client (nil: none do).
    struct RequestTerms {
        let version: ProtocolVersion
        let clientLogLevel: LogLevel?
    }

    private func handleRequest(_ request: JSONRPCRequest, completion: @escaping @Sendable (SerializedMessage?) -> Void) {
        // An id comes back in the reply through the output filter: one it would change (a hidden
        // character, a secret) could not be matched by the client, so it is refused instead.
        guard isEchoedUnchanged(request.id) else {
            return completion(unidentifiedError(.invalidRequest(
                "the request's id holds characters this server does not echo (invisible or control characters, or a "
                    + "secret); use plain text or a number")))
        }
        let terms: RequestTerms
        switch resolveTerms(for: request) {
        case .failure(let error):
            return completion(replyWriter(for: request, nil).error(error))
        case .success(let value?):
            terms = value
        case .success(nil):
            // Not modern, and no legacy session: only the handshake and ping are served.
            let replies = replyWriter(for: request, nil)
            switch request.method {
            case "initialize": return completion(initialize(request))
            case "ping": return completion(replies.result([:]))
            default:
                return completion(replies.error(.invalidParams(
                    "the request has no \"_meta\" with \"\(ModernMeta.protocolVersion)\" (protocol 2026-07-28), "
                        + "and no \"initialize\" handshake came first (protocol 2025-11-25 and earlier)")))
            }
        }
        let isModern = terms.version.isModern
        let replies = replyWriter(for: request, terms)
        switch request.method {
        case "ping":
            completion(replies.result([:]))
        case "server/discover" where isModern:
            let hint = CacheHint(timeToLive: configuration.discoverTimeToLive, scope: .public)
            whenToolsSettle { completion(replies.result(self.discover(), cache: hint)) }
        case "tools/list":
            whenToolsSettle { completion(self.listTools(request, terms)) }
        case "tools/call":
            callTool(request, terms, completion: completion)
        case "prompts/list" where prompts != nil, "resources/list" where resources != nil,
             "resources/templates/list" where resources != nil:
            listPromptsOrResources(request, terms, completion: completion)
        case "prompts/get" where prompts != nil:
            getPrompt(request, terms, completion: completion)
        case "resources/read" where resources != nil:
            readResource(request, terms, completion: completion)
        case "completion/complete" where prompts != nil || resources != nil:
            complete(request, terms, completion: completion)
        case "initialize" where !isModern:
            completion(replies.error(.invalidRequest("the session is already initialized (protocol \(terms.version))")))
        case "logging/setLevel" where !isModern:
            completion(setLogLevel(request, replies))
        default:
            completion(replies.error(.methodNotFound(request.method)))
        }
    }

    /// Runs `body` now if the tool list is settled; otherwise in a task, once it settles or
    /// `toolListHold` has passed, so that the reader thread and other requests go on meanwhile.
    private func whenToolsSettle(_ body: @escaping @Sendable () -> Void) {
        let tools = self.tools
        whenSettled(tools.isSettled, settle: { await tools.settle(within: $0) }, body)
    }

    /// Runs `body` now when a list is settled; otherwise in a task, once `settle` returns (it is
    /// given `toolListHold`, the longest it may take).
    func whenSettled(_ isSettled: Bool, settle: @escaping @Sendable (Duration) async -> Void, _ body: @escaping @Sendable () -> Void) {
        guard !isSettled else { return body() }
        let hold = configuration.toolListHold
        Task {
            await settle(hold)
            body()
        }
    }

    /// The terms a request is served under: modern when its `_meta` names a protocol version (or
    /// carries any of the modern keys), legacy when a session was initialized, else nil.
    private func resolveTerms(for request: JSONRPCRequest) -> Result<RequestTerms?, JSONRPCError> {
        let meta = request.meta
        let modernKeys = [ModernMeta.protocolVersion, ModernMeta.clientCapabilities, ModernMeta.clientInfo, ModernMeta.logLevel]
        guard modernKeys.contains(where: { meta[$0] != nil }) else {
            return .success(legacySession.current.map { RequestTerms(version: $0.version, clientLogLevel: $0.logLevel) })
        }
        guard let requested = meta[ModernMeta.protocolVersion]?.stringValue else {
            return .failure(.invalidParams("\"_meta\" must name the protocol version in \"\(ModernMeta.protocolVersion)\""))
        }
        guard let version = ProtocolVersion(requested), version.isModern else {
            return .failure(JSONRPCError(
                code: JSONRPCError.unsupportedProtocolVersionCode, message: "Unsupported protocol version",
                data: ["supported": .array(ProtocolVersion.supported.map { .string($0.rawValue) }), "requested": .string(requested)]))
        }
        guard meta[ModernMeta.clientCapabilities]?.objectValue != nil else {
            return .failure(.invalidParams("\"_meta\" must carry the client's capabilities in \"\(ModernMeta.clientCapabilities)\""))
        }
        var logLevel: LogLevel?
        if let levelName = meta[ModernMeta.logLevel] {
            guard let name = levelName.stringValue, let level = LogLevel(name: name) else {
                return .failure(.invalidParams("\"\(ModernMeta.logLevel)\" must be one of "
                    + LogLevel.allCases.map(\.description).joined(separator: ", ")))
            }
            logLevel = level
        }
        return .success(RequestTerms(version: version, clientLogLevel: logLevel))
    }

    /// Whether the output filter leaves an id (a request's, or a progress token) as it is.
    func isEchoedUnchanged(_ id: RequestID) -> Bool {
        guard case .string(let text) = id else { return true }
        return logger.filter.text(text) == text
    }

    /// The writer of the replies to `request`, served under `terms` (nil: under none yet).
    func replyWriter(for request: JSONRPCRequest, _ terms: RequestTerms?) -> ReplyWriter {
        ReplyWriter(id: request.id, version: terms?.version, configuration: configuration)
    }

    /// An error answered with `"id": null`: the line had no readable request.
    private func unidentifiedError(_ error: JSONRPCError) -> SerializedMessage {
        ReplyWriter(id: nil, version: nil, configuration: configuration).error(error)
    }

    // MARK: - Handshake and discovery

    private func capabilities(for version: ProtocolVersion) -> JSON {
        // Modern revisions have no list-changed push outside `subscriptions/listen`, which this
        // server does not offer; clients re-read a list when its `ttlMs` runs out.
        let lists: JSONObject = version.isModern ? [:] : ["listChanged": true]
        var capabilities: JSONObject = ["tools": .object(lists), "logging": [:]]
        if prompts != nil { capabilities["prompts"] = .object(lists) }
        if resources != nil { capabilities["resources"] = .object(lists) }
        if (prompts != nil || resources != nil) && version.hasCompletionsCapability { capabilities["completions"] = [:] }
        return .object(capabilities)
    }

    private func initialize(_ request: JSONRPCRequest) -> SerializedMessage {
        guard let requested = request.params["protocolVersion"]?.stringValue else {
            return replyWriter(for: request, nil).error(.invalidParams("\"initialize\" needs a \"protocolVersion\" string"))
        }
        // Echo a legacy revision we serve; otherwise answer with the newest legacy one.
        let version = ProtocolVersion(requested).flatMap { $0.isModern ? nil : $0 } ?? ProtocolVersion.latestLegacy
        let alreadyInitialized = legacySession.withLock { session in
            if session != nil { return true }
            session = LegacySession(version: version)
            return false
        }
        let replies = ReplyWriter(id: request.id, version: version, configuration: configuration)
        if alreadyInitialized {
            return replies.error(.invalidRequest("the session is already initialized"))
        }
        let client = request.params["clientInfo"]?["name"]?.stringValue ?? "an unnamed client"
        logger.info("\(client) initialized a session with protocol \(version) (asked for \(requested)).")
        var body: JSONObject = [
            "protocolVersion": .string(version.rawValue),
            "capabilities": capabilities(for: version),
            "serverInfo": configuration.serverInfo(for: version),
        ]
        if let instructions = configuration.instructions { body["instructions"] = .string(instructions) }
        return replies.result(body)
    }

    private func discover() -> JSONObject {
        var body: JSONObject = [
            "supportedVersions": .array(ProtocolVersion.supported.map { .string($0.rawValue) }),
            "capabilities": capabilities(for: .v2026_07_28),
        ]
        if let instructions = configuration.instructions { body["instructions"] = .string(instructions) }
        return body
    }

    private func setLogLevel(_ request: JSONRPCRequest, _ replies: ReplyWriter) -> SerializedMessage {
        guard let name = request.params["level"]?.stringValue, let level = LogLevel(name: name) else {
            return replies.error(.invalidParams(
                "\"level\" must be one of " + LogLevel.allCases.map(\.description).joined(separator: ", ")))
        }
        legacySession.withLock { $0?.logLevel = level }
        return replies.result([:])
    }
}

/// Gathers the replies of one batch and writes them as one array once every element completed.
final class BatchCollector: Sendable {
    private let state: Locked<(pending: Int, replies: [[UInt8]])>
    private let sink: any MessageSink

    init(expected: Int, sink: any MessageSink) {
        self.state = Locked((expected, []))
        self.sink = sink
    }

    /// One element completed, with its serialized reply or none.
    @Sendable func complete(_ reply: SerializedMessage?) {
        let collected: [[UInt8]]? = state.withLock { state in
            if let reply { state.replies.append(reply.bytes) }
            state.pending -= 1
            return state.pending == 0 ? state.replies : nil
        }
        // A batch of notifications only is answered with nothing at all.
        guard let collected, !collected.isEmpty else { return }
        var line: [UInt8] = [UInt8(ascii: "[")]
        for (index, reply) in collected.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            line.append(contentsOf: reply)
        }
        line.append(UInt8(ascii: "]"))
        sink.send(line: line)
    }
}
