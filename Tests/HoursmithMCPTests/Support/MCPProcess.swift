import Foundation
@testable import JSONCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built `hoursmith-mcp`, running as a child process, driven over its stdin and stdout as an
/// MCP client would. Every line it writes is kept, so tests can check that stdout carried
/// JSON-RPC only and that no token secret ever left the process.
final class MCPProcess: @unchecked Sendable {
    let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let lock = NSLock()
    private var outLines: [String] = []
    private var errText = ""
    private var nextID = 1
    private var outputEnded = false

    /// Starts the server with exactly `environment` (plus PATH) and `arguments`.
    init(environment: [String: String], arguments: [String] = []) throws {
        process.executableURL = try MCPProcess.executable()
        process.arguments = arguments
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        process.environment = env
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        try process.run()
        startReading(stdoutPipe.fileHandleForReading, isOutput: true)
        startReading(stderrPipe.fileHandleForReading, isOutput: false)
    }

    /// A server pointed at `sandbox` with `token`.
    convenience init(sandboxURL: String, token: String?, arguments: [String] = [], extra: [String: String] = [:]) throws {
        var environment = extra
        environment["HOURSMITH_API_URL"] = sandboxURL
        if let token { environment["HOURSMITH_API_TOKEN"] = token }
        try self.init(environment: environment, arguments: arguments)
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    // MARK: Output

    var stdoutLines: [String] { lock.withLock { outLines } }
    var stderrText: String { lock.withLock { errText } }

    private func startReading(_ handle: FileHandle, isOutput: Bool) {
        let descriptor = handle.fileDescriptor
        Thread.detachNewThread { [self] in
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
                        lock.withLock { outLines.append(line) }
                    }
                } else {
                    let text = String(decoding: buffer[0..<count], as: UTF8.self)
                    lock.withLock { errText += text }
                }
            }
            if isOutput {
                if !pending.isEmpty { lock.withLock { outLines.append(String(decoding: pending, as: UTF8.self)) } }
                lock.withLock { outputEnded = true }
            }
        }
    }

    /// Every message written so far, parsed. A line that is not JSON is a test failure.
    var messages: [JSON] {
        stdoutLines.compactMap { line in
            do { return try JSON.parse(line) } catch {
                Issue.record("stdout carried a line that is not JSON: \(line.prefix(200))")
                return nil
            }
        }
    }

    // MARK: Input

    func write(_ line: String) {
        stdinPipe.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    func send(_ message: JSON) {
        write(message.serializedString())
    }

    func newID() -> Int {
        lock.withLock {
            defer { nextID += 1 }
            return nextID
        }
    }

    /// Closes stdin: the server should finish its work and exit 0.
    func closeInput() {
        try? stdinPipe.fileHandleForWriting.close()
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for the process to exit (at most `seconds`); its status, or nil if it did not.
    func exitStatus(within seconds: Double = 15) async -> Int32? {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while process.isRunning {
            if ContinuousClock.now > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return process.terminationStatus
    }

    // MARK: Requests

    /// Sends a request and waits for its response (at most `seconds`).
    func request(_ method: String, _ params: JSONObject = [:], era: Era = .modern, seconds: Double = 30) async throws -> JSON {
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

    func response(id: JSON, seconds: Double = 30) async throws -> JSON {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if let found = messages.first(where: { $0["id"] == id && $0["method"] == nil }) { return found }
            if lock.withLock({ outputEnded }) { break }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw HarnessError("no response to request \(id) within \(seconds) s; stderr:\n\(stderrText.suffix(2000))")
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
