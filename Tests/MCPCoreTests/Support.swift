import Foundation
import JSONCore
import ConcurrencyHelpers
@testable import MCPCore

/// Collects what the server writes, and lets a test wait for it.
final class CaptureSink: MessageSink, Sendable {
    private let storage = Watched<[JSON]>([])

    func send(_ message: SerializedMessage) -> Bool {
        let line = message.bytes
        // Every message must be one line of valid JSON.
        precondition(!line.contains(0x0A), "a message with a raw newline")
        guard let message = try? JSON.parse(line) else {
            preconditionFailure("a message that is not JSON: \(String(decoding: line, as: UTF8.self))")
        }
        storage.withLock { $0.append(message) }
        return true
    }

    var messages: [JSON] { storage.current }

    /// Waits until at least `count` messages arrived (or `seconds` passed), then returns them all.
    func wait(for count: Int, seconds: Int = 10) async -> [JSON] {
        (try? await storage.wait(until: { $0.count >= count }, timeout: .seconds(seconds))) ?? messages
    }

    /// Waits for the response with this id.
    func response(id: JSON, seconds: Int = 30) async -> JSON? {
        let isResponse: @Sendable (JSON) -> Bool = { $0["id"] == id && $0["method"] == nil }
        let messages = try? await storage.wait(until: { $0.contains(where: isResponse) }, timeout: .seconds(seconds))
        return messages?.first(where: isResponse)
    }
}

/// Collects log lines.
final class CaptureLog: LogSink, Sendable {
    private let storage = Watched<[String]>([])
    func write(line: String) { storage.withLock { $0.append(line) } }
    var lines: [String] { storage.current }

    /// Waits until a line contains `text`.
    func waitFor(_ text: String) async throws {
        try await storage.wait(until: { $0.contains { $0.contains(text) } }, "a log line with \"\(text)\"")
    }
}

struct ServerHarness {
    let server: MCPServer
    let sink = CaptureSink()
    let log = CaptureLog()

    init(
        tools: [Tool] = [], prompts: (any PromptSource)? = nil, resources: (any ResourceSource)? = nil,
        timeLimits: TimeLimits = .dispatch, redaction: any Redacting = NoRedaction(),
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) {
        var configuration = ServerConfiguration(name: "test-server", title: "Test Server", version: "1.2.3", instructions: "Be kind.")
        configure(&configuration)
        let logger = Logger(label: "test", level: .debug, sink: log, filter: OutputFilter(redaction: redaction))
        server = MCPServer(configuration: configuration, tools: StaticToolSource(tools), prompts: prompts, resources: resources,
                           logger: logger, sink: sink, timeLimits: timeLimits)
    }

    func send(_ text: String) {
        var text = text
        text.withUTF8 { server.receive(line: UnsafeRawBufferPointer($0)) }
    }

    func send(_ json: JSON) {
        send(json.serializedString())
    }

    /// Sends a request and waits for its response.
    @discardableResult
    func request(_ json: JSON) async -> JSON? {
        send(json)
        guard let id = json["id"] else { return nil }
        return await sink.response(id: id)
    }

    func initialize(_ version: String = "2025-06-18") async {
        _ = await request(["jsonrpc": "2.0", "id": "init", "method": "initialize",
                     "params": ["protocolVersion": .string(version), "capabilities": [:], "clientInfo": ["name": "t", "version": "1"]]])
    }
}

let modernMeta: JSON = [
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientCapabilities": [:],
    "io.modelcontextprotocol/clientInfo": ["name": "test", "version": "1"],
]

func modern(_ id: JSON, _ method: String, _ params: JSONObject = [:]) -> JSON {
    var params = params
    params["_meta"] = modernMeta
    return ["jsonrpc": "2.0", "id": id, "method": .string(method), "params": .object(params)]
}

func legacy(_ id: JSON, _ method: String, _ params: JSONObject = [:]) -> JSON {
    ["jsonrpc": "2.0", "id": id, "method": .string(method), "params": .object(params)]
}

let readOnly = ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)

func echoTool(name: String = "echo") -> Tool {
    Tool(name: name, title: "Echo", description: "Echoes its text.",
         inputSchema: .object(["text": .string("What to echo.", minLength: 1)], required: ["text"]),
         outputSchema: .object(["echo": .string("The text.")], required: ["echo"]),
         annotations: readOnly) { arguments, _ in
        .success(["echo": .string(arguments.string("text") ?? "")])
    }
}

/// A fixed set of tools.
struct StaticToolSource: ToolSource {
    let tools: [Tool]
    let listTimeToLive: Int

    init(_ tools: [Tool], listTimeToLive: Int = 3_600_000) {
        self.tools = tools
        self.listTimeToLive = listTimeToLive
    }

    func listedTools() -> [Tool] { tools }
    func tool(named name: String) -> Tool? { tools.first { $0.name == name } }
}

/// Time limits that a test fires itself, once what it wants to see is under way, instead of
/// waiting for them (and hoping a busy machine has started the call by then).
final class ManualTimeLimits: Sendable {
    private struct Limit {
        let action: @Sendable () -> Void
        var disarmed = false
    }

    private let armed = Watched<[Limit]>([])

    var limits: TimeLimits {
        TimeLimits { [armed] _, action in
            let index = armed.withLock { limits in
                limits.append(Limit(action: action))
                return limits.count - 1
            }
            return { armed.withLock { $0[index].disarmed = true } }
        }
    }

    func waitUntilArmed(_ count: Int) async throws {
        try await armed.wait(until: { $0.count >= count }, "\(count) time limit(s) armed")
    }

    /// Runs every limit armed (and not disarmed, unless `evenDisarmed`), as if its time had come.
    func fireAll(evenDisarmed: Bool = false) {
        let due = armed.withLock { limits in limits.filter { evenDisarmed || !$0.disarmed }.map(\.action) }
        due.forEach { $0() }
    }
}
