import Foundation
import JSONCore
@testable import MCPCore

/// Collects what the server writes, and lets a test wait for it.
final class CaptureSink: MessageSink, @unchecked Sendable {
    private let condition = NSCondition()
    private var storage: [JSON] = []

    func send(line: [UInt8]) -> Bool {
        // Every message must be one line of valid JSON.
        precondition(!line.contains(0x0A), "a message with a raw newline")
        guard let message = try? JSON.parse(line) else {
            preconditionFailure("a message that is not JSON: \(String(decoding: line, as: UTF8.self))")
        }
        condition.lock()
        storage.append(message)
        condition.broadcast()
        condition.unlock()
        return true
    }

    var messages: [JSON] {
        condition.lock()
        defer { condition.unlock() }
        return storage
    }

    /// Waits until at least `count` messages arrived (or 10 s passed), then returns them all.
    /// (Polls without blocking a thread: tool calls run on the same small cooperative pool.)
    func wait(for count: Int, seconds: Double = 10) async -> [JSON] {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while messages.count < count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(1))
        }
        return messages
    }

    /// Waits for the response with this id.
    /// (30 s: the whole suite runs at once on two cores, and the end-to-end suites beside these
    /// keep them busy; a reply that never comes still fails the test.)
    func response(id: JSON, seconds: Double = 30) async -> JSON? {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if let found = messages.first(where: { $0["id"] == id && $0["method"] == nil }) { return found }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return nil
    }
}

/// Collects log lines.
final class CaptureLog: LogSink, @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func write(line: String) { lock.withLock { storage.append(line) } }
    var lines: [String] { lock.withLock { storage } }
}

struct ServerHarness {
    let server: MCPServer
    let sink = CaptureSink()
    let log = CaptureLog()

    init(tools: [Tool] = [], configure: (inout ServerConfiguration) -> Void = { _ in }) {
        var configuration = ServerConfiguration(name: "test-server", title: "Test Server", version: "1.2.3", instructions: "Be kind.")
        configure(&configuration)
        let logger = Logger(label: "test", level: .debug, sink: log)
        server = MCPServer(configuration: configuration, tools: StaticToolSource(tools), logger: logger, sink: sink)
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
