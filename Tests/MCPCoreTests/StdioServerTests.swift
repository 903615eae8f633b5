import Foundation
import Testing
import JSONCore
import ConcurrencyHelpers
@testable import MCPCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A StdioServer running in this process on two pipes, as a client would see it.
final class PipedServer: Sendable {
    let stdio: StdioServer
    let log = CaptureLog()
    let toServer: Int32
    let fromServer: Int32
    /// `run()`'s status once it returned.
    private let status = LockedCondition<Int32?>(nil)
    /// Read but not yet returned by `readLines`.
    private let buffer = Locked<[UInt8]>([])

    init(tools: [Tool], configure: (inout ServerConfiguration) -> Void = { _ in }) {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        precondition(pipe(&input) == 0 && pipe(&output) == 0)
        var configuration = ServerConfiguration(name: "piped", title: "Piped", version: "0")
        configure(&configuration)
        stdio = StdioServer(configuration: configuration, tools: StaticToolSource(tools),
                            logger: Logger(label: "piped", sink: log), input: input[0], output: output[1])
        toServer = input[1]
        fromServer = output[0]
        let serverInput = input[0], serverOutput = output[1]
        Thread.detachNewThread { [self] in
            let code = stdio.run(handlingSignals: false)
            close(serverInput)
            close(serverOutput)
            status.withLock { $0 = code }
        }
    }

    func write(_ text: String) {
        _ = FileDescriptorIO.writeAll(toServer, Array(text.utf8))
    }

    func closeInput() { close(toServer) }

    /// Reads lines until `count` have arrived or the output ends (on a thread of its own, so
    /// that the cooperative pool stays free for the server's tasks).
    func readLines(_ count: Int) async -> [String] {
        await onItsOwnThread { self.readLinesBlocking(count) }
    }

    /// Waits for `run()` to return; its status, or nil after `seconds`.
    func exitStatus(within seconds: Double) async -> Int32? {
        await onItsOwnThread { self.exitStatusBlocking(within: seconds) }
    }

    private func readLinesBlocking(_ count: Int) -> [String] {
        var lines: [String] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while lines.count < count {
            let line = buffer.withLock { buffer -> String? in
                guard let newline = buffer.firstIndex(of: 0x0A) else { return nil }
                defer { buffer.removeSubrange(...newline) }
                return String(decoding: buffer[..<newline], as: UTF8.self)
            }
            if let line {
                lines.append(line)
                continue
            }
            let read = chunk.withUnsafeMutableBytes { FileDescriptorIO.readSome(fromServer, into: $0) }
            if read <= 0 { break }
            buffer.withLock { $0.append(contentsOf: chunk[0..<read]) }
        }
        return lines
    }

    private func exitStatusBlocking(within seconds: Double) -> Int32? {
        status.wait(until: { $0 != nil }, deadline: .now + .seconds(seconds)).value
    }
}

func sleeper(milliseconds: Int) -> Tool {
    Tool(name: "sleep", title: "Sleep", description: "Sleeps.", inputSchema: .object(["ms": .integer()]), outputSchema: nil,
         annotations: readOnly) { arguments, _ in
        try await Task.sleep(for: .milliseconds(arguments.int("ms") ?? milliseconds))
        return .success(["slept": .int(arguments.int("ms") ?? milliseconds)])
    }
}

func callLine(_ id: Int, _ tool: String, _ arguments: JSON = [:]) -> String {
    modern(.int(id), "tools/call", ["name": .string(tool), "arguments": arguments]).serializedString() + "\n"
}

@Suite struct StdioServerTests {
    @Test func endOfInputFinishesInFlightRequestsThenReturnsZero() async throws {
        // A grace far longer than the call, so that only the order of events is under test.
        let piped = PipedServer(tools: [sleeper(milliseconds: 300)]) { $0.shutdownGrace = .seconds(60) }
        piped.write(callLine(1, "sleep"))
        piped.closeInput()
        let lines = await piped.readLines(1)
        let reply = try JSON.parse(try #require(lines.first))
        #expect(reply["id"] == 1)
        #expect(reply["result"]?["structuredContent"]?["slept"] == 300)
        #expect(await piped.exitStatus(within: 10) == 0)
    }

    @Test func aThousandConcurrentRepliesNeverInterleave() async throws {
        let piped = PipedServer(tools: [sleeper(milliseconds: 1), echoTool()])
        var input = ""
        for id in 0..<1000 {
            input += id % 2 == 0
                ? callLine(id, "sleep", ["ms": .int(id % 7)])
                : callLine(id, "echo", ["text": .string(String(repeating: "é", count: 500 + id))])
        }
        piped.write(input)
        let lines = await piped.readLines(1000)
        #expect(lines.count == 1000)
        var ids = Set<Int>()
        for line in lines {
            let reply = try JSON.parse(line)
            #expect(reply["jsonrpc"] == "2.0")
            if let id = reply["id"]?.intValue { ids.insert(id) }
        }
        #expect(ids == Set(0..<1000))
        piped.closeInput()
        #expect(await piped.exitStatus(within: 10) == 0)
    }

    /// A large result goes out in pieces, small ones gathered: either way, one line per reply, the
    /// same bytes as written whole.
    @Test func largeResultsWrittenInPiecesArriveAsOneLineEach() async throws {
        let items = (0..<3000).map { JSON.object(["id": .int($0), "note": .string("line \"\($0)\"\n\\ é")]) }
        let content: JSON = ["items": .array(items)]
        let built = Tool(name: "built", title: "Built", description: "A value.", inputSchema: .object([:]),
                         outputSchema: nil, annotations: readOnly) { _, _ in .success(content) }
        let piped = PipedServer(tools: [built, echoTool()])
        piped.write(callLine(1, "built") + callLine(2, "echo", ["text": "small"]) + callLine(3, "built"))
        let lines = await piped.readLines(3)
        #expect(lines.count == 3)
        let replies = try lines.map { try JSON.parse($0) }
        for reply in replies where reply["id"] != 2 {
            #expect(reply["result"]?["structuredContent"] == content)
            let text = try #require(reply["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue)
            #expect(text == content.serializedString())
        }
        #expect(replies.first { $0["id"] == 2 }?["result"]?["structuredContent"]?["echo"] == "small")
        piped.closeInput()
        #expect(await piped.exitStatus(within: 10) == 0)
    }

    #if os(Linux)
    @Test func aPipedOutputGetsALargerBuffer() {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        let getPipeSize: Int32 = 1032 // F_GETPIPE_SZ
        #expect(fcntl(ends[1], getPipeSize) == 65536, "a new pipe has the default 64 KiB")
        FileDescriptorIO.enlargePipeBuffer(ends[1], to: 1 << 20)
        #expect(fcntl(ends[1], getPipeSize) == 1 << 20)
    }
    #endif

    @Test func anOversizedLineIsRefusedAndServingGoesOn() async throws {
        let piped = PipedServer(tools: []) { $0.maxLineLength = 1000 }
        piped.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + String(repeating: "x", count: 5000) + "\"}}\n")
        piped.write(#"{"jsonrpc":"2.0","id":2,"method":"ping"}"# + "\n")
        let lines = try await piped.readLines(2).map { try JSON.parse($0) }
        #expect(lines.first?["error"]?["code"] == -32600)
        #expect(lines.first?["id"] == .null)
        #expect(lines.last?["id"] == 2)
        #expect(lines.last?["result"] == [:])
        piped.closeInput()
        #expect(await piped.exitStatus(within: 10) == 0)
    }

    @Test func aClosedOutputStopsTheServer() async throws {
        let piped = PipedServer(tools: [])
        close(piped.fromServer)
        piped.write(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"# + "\n")
        // stdin is still open: only the failed write (EPIPE, with SIGPIPE ignored) can stop it.
        #expect(await piped.exitStatus(within: 10) == 0)
        close(piped.toServer)
    }

    @Test func atEndOfInputACallIsAnsweredByItsTimeLimitThenTheServerExits() async throws {
        let gate = Gate()
        // A grace far longer than the limit: at the end of input, only the call's limit counts.
        let piped = PipedServer(tools: [gatedTool(gate)]) {
            $0.callTimeout = .seconds(2)
            $0.shutdownGrace = .seconds(60)
        }
        defer { gate.release() }
        piped.write(callLine(1, "wait"))
        piped.closeInput()
        let reply = try JSON.parse(try #require(await piped.readLines(1).first))
        #expect(reply["id"] == 1)
        #expect(reply["result"]?["isError"] == true)
        #expect(reply["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue?.contains("did not finish within 2 seconds") == true)
        #expect(await piped.exitStatus(within: 10) == 0)
        try await gate.waitUntilHolding(0)
    }

    @Test func aSignalCutsTheWaitToTheGraceAndTheLogNamesTheCallLeftUnanswered() async throws {
        let gate = StubbornGate()
        let piped = PipedServer(tools: [stubbornTool(gate, annotations: changes)]) {
            $0.callTimeout = .seconds(120)
            $0.shutdownGrace = .milliseconds(200)
        }
        defer { gate.open() }
        piped.write(callLine(1, "stubborn"))
        try await gate.waitUntilEntered(1)
        piped.closeInput()
        try await piped.log.waitFor("Stopping (stdin reached end of input); letting 1 request(s) finish, each by its time limit")
        piped.stdio.stop("SIGTERM")
        #expect(await piped.exitStatus(within: 10) == 0)
        #expect(piped.log.lines.contains {
            $0.contains("Exiting with request 1 (stubborn) unanswered; it may or may not have changed something")
        })
    }
}
