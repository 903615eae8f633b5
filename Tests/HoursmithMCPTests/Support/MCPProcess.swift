import Foundation
@testable import JSONCore
import ConcurrencyHelpers
import HoursmithServer
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built `hoursmith-mcp`, running as a child process, driven over its stdin and stdout as an
/// MCP client would. Every line it writes is kept, so tests can check that stdout carried
/// JSON-RPC only and that no token secret ever left the process. Tests wait for what it writes
/// (a response, a line on stderr, its exit) without polling.
final class MCPProcess: Sendable {
    private let child: ChildProcess
    private let output = Watched(Output())
    private let nextID = Locked(1)

    /// Everything the process wrote so far, and whether it ended.
    private struct Output {
        var lines: [String] = []
        /// Each stdout line parsed, or nil for one that is not JSON.
        var messages: [JSON?] = []
        /// When each stdout line was read, by the reading thread (so a busy test pool does not
        /// make a reply look late).
        var arrivals: [ContinuousClock.Instant] = []
        var stderr = ""
        var stdoutEnded = false
        var stderrEnded = false
        var exitStatus: Int32?

        /// The process exited and both its outputs were read to the end.
        var isFinished: Bool { exitStatus != nil && stdoutEnded && stderrEnded }

        func response(id: JSON) -> JSON? {
            messages.lazy.compactMap { $0 }.first { $0["id"] == id && $0["method"] == nil }
        }
    }

    /// Starts the server with exactly `environment` (plus PATH) and `arguments`.
    init(environment: [String: String], arguments: [String] = []) throws {
        var environment = environment
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        child = try ChildProcess(
            executable: try MCPProcess.executable(), arguments: arguments, environment: environment
        ) { [output] status in
            output.withLock { $0.exitStatus = status }
        }
        startReading(child.standardOutput, isOutput: true)
        startReading(child.standardError, isOutput: false)
    }

    /// A server pointed at `sandbox` with `token`.
    convenience init(sandboxURL: String, token: String?, arguments: [String] = [], extra: [String: String] = [:]) throws {
        var environment = extra
        environment["HOURSMITH_API_URL"] = sandboxURL
        if let token { environment["HOURSMITH_API_TOKEN"] = token }
        try self.init(environment: environment, arguments: arguments)
    }

    // MARK: Output

    var stdoutLines: [String] { output.current.lines }
    var stderrText: String { output.current.stderr }

    /// Whether the process has not exited yet.
    var isRunning: Bool { output.current.exitStatus == nil }

    /// Reads `descriptor` to its end on a thread of its own, then closes it.
    private func startReading(_ descriptor: Int32, isOutput: Bool) {
        Thread.detachNewThread { [output] in
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                if isOutput {
                    pending.append(contentsOf: buffer[0..<count])
                    while let newline = pending.firstIndex(of: 0x0A) {
                        let line = String(decoding: pending[..<newline], as: UTF8.self)
                        pending.removeSubrange(...newline)
                        MCPProcess.append(line, to: output)
                    }
                } else {
                    let text = String(decoding: buffer[0..<count], as: UTF8.self)
                    output.withLock { $0.stderr += text }
                }
            }
            close(descriptor)
            if isOutput {
                if !pending.isEmpty { MCPProcess.append(String(decoding: pending, as: UTF8.self), to: output) }
                output.withLock { $0.stdoutEnded = true }
            } else {
                output.withLock { $0.stderrEnded = true }
            }
        }
    }

    private static func append(_ line: String, to output: Watched<Output>) {
        let arrival = ContinuousClock.now
        let message = try? JSON.parse(Array(line.utf8))
        output.withLock {
            $0.lines.append(line)
            $0.messages.append(message)
            $0.arrivals.append(arrival)
        }
    }

    /// When the response to `id` was read from stdout, if it was.
    func arrival(ofResponse id: JSON) -> ContinuousClock.Instant? {
        let output = output.current
        return zip(output.messages, output.arrivals).first { message, _ in message?["id"] == id && message?["method"] == nil }?.1
    }

    /// Every message written so far, parsed. A line that is not JSON is a test failure.
    var messages: [JSON] {
        let output = output.current
        return zip(output.lines, output.messages).compactMap { line, message in
            if message == nil { Issue.record("stdout carried a line that is not JSON: \(line.prefix(200))") }
            return message
        }
    }

    /// Waits until the process wrote a message that `matches` (at most `seconds`).
    func waitForMessage(seconds: Int = 15, _ what: String, where matches: @escaping @Sendable (JSON) -> Bool) async throws {
        _ = try await output.wait(until: { $0.messages.contains { $0.map(matches) ?? false } }, timeout: .seconds(seconds), what)
    }

    /// Waits until stderr says `text` (at most `seconds`).
    func waitForStderr(_ text: String, seconds: Int = 15) async throws {
        do {
            _ = try await output.wait(until: { $0.stderr.contains(text) }, timeout: .seconds(seconds))
        } catch is WaitTimedOut {
            throw HarnessError("stderr never said \"\(text)\"; it said:\n\(stderrText.suffix(2000))")
        }
    }

    // MARK: Input

    func write(_ line: String) {
        child.write(Array((line + "\n").utf8))
    }

    func send(_ message: JSON) {
        write(message.serializedString())
    }

    func newID() -> Int {
        nextID.withLock { next in
            defer { next += 1 }
            return next
        }
    }

    /// Closes stdin: the server should finish its work and exit 0.
    func closeInput() {
        child.closeInput()
    }

    func signal(_ number: Int32) {
        child.signal(number)
    }

    /// Waits for the process to exit and its output to be read to the end (at most `seconds`);
    /// its status, or nil if it did not exit.
    func exitStatus(within seconds: Int = 15) async -> Int32? {
        try? await output.wait(until: \.isFinished, timeout: .seconds(seconds), "the process's exit").exitStatus
    }

    // MARK: Requests

    /// Sends a request and waits for its response (at most `seconds`).
    func request(_ method: String, _ params: JSONObject = [:], era: Era = .modern, seconds: Int = 30) async throws -> JSON {
        let id = newID()
        var params = params
        if case .modern = era {
            var meta = params["_meta"]?.objectValue ?? [:]
            meta.merge(Era.modernMeta)
            params["_meta"] = .object(meta)
        }
        send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": .object(params)])
        return try await response(id: .int(id), seconds: seconds)
    }

    func response(id: JSON, seconds: Int = 30) async throws -> JSON {
        let output = try? await output.wait(until: { $0.response(id: id) != nil || $0.stdoutEnded }, timeout: .seconds(seconds))
        guard let found = output?.response(id: id) else {
            throw HarnessError("no response to request \(id) within \(seconds) s; stderr:\n\(stderrText.suffix(2000))")
        }
        return found
    }

    /// Runs the legacy handshake.
    @discardableResult
    func initialize(version: String = "2025-06-18") async throws -> JSON {
        let reply = try await request("initialize", [
            "protocolVersion": .string(version), "capabilities": [:], "clientInfo": ["name": "tests", "version": "1"],
        ], era: .legacy)
        send(["jsonrpc": "2.0", "method": "notifications/initialized"])
        return reply
    }

    /// Calls a tool (modern era unless told) and returns its outcome.
    func callTool(_ name: String, _ arguments: JSONObject = [:], era: Era = .modern, meta: JSONObject = [:]) async throws -> ToolOutcome {
        var params: JSONObject = ["name": .string(name), "arguments": .object(arguments)]
        if !meta.isEmpty { params["_meta"] = .object(meta) }
        let reply = try await request("tools/call", params, era: era)
        return try ToolOutcome(reply: reply)
    }

    /// The names of the tools listed now (every page).
    func toolNames(era: Era = .modern) async throws -> [String] {
        var names: [String] = []
        var cursor: JSON?
        repeat {
            var params: JSONObject = [:]
            if let cursor { params["cursor"] = cursor }
            let result = try #require(try await request("tools/list", params, era: era)["result"])
            names += result["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            cursor = result["nextCursor"]
        } while cursor != nil
        return names
    }

    static func executable() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["HOURSMITH_MCP_BINARY"] { return URL(fileURLWithPath: path) }
        for directory in buildDirectories() {
            let candidate = directory.appendingPathComponent("hoursmith-mcp")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw HarnessError("hoursmith-mcp is not built next to the tests; run `swift build` first")
    }

    /// The directories the test binary may live in, nearest first.
    private static func buildDirectories() -> [URL] {
        var directories: [URL] = []
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: path).deletingLastPathComponent())
        }
        #endif
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        return directories
    }
}

enum Era {
    case modern
    case legacy

    static let modernMeta: JSONObject = [
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": [:],
        "io.modelcontextprotocol/clientInfo": ["name": "hoursmith-mcp-tests", "version": "1"],
    ]
}

/// A tool call's result, unpacked.
struct ToolOutcome {
    let isError: Bool
    let text: String
    let structured: JSON?
    let reply: JSON

    init(reply: JSON) throws {
        self.reply = reply
        guard let result = reply["result"] else {
            throw HarnessError("tools/call failed at the protocol level: \(reply)")
        }
        isError = result["isError"] == true
        text = result["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
        structured = result["structuredContent"]
    }

    /// The structured content of a successful call; a tool error fails the test with its text.
    func content(sourceLocation: SourceLocation = #_sourceLocation) throws -> JSON {
        guard !isError, let structured else {
            throw HarnessError("the tool failed: \(text)")
        }
        return structured
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
