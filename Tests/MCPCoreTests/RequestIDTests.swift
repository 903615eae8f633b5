import ConcurrencyHelpers
import Foundation
import Testing
import JSONCore
@testable import MCPCore

/// Holds calls until opened, and lets a test wait, without sleeping, until a number of calls
/// have arrived. A held call that is cancelled leaves at once.
final class ArrivalGate: Sendable {
    private let state = Watched((arrived: 0, isOpen: false))

    /// Waits until `count` calls have arrived (true), or `seconds` passed (false: a failure, not a hang).
    func arrivals(_ count: Int, within seconds: Double = 10) async -> Bool {
        (try? await state.wait(until: { $0.arrived >= count }, timeout: .seconds(seconds))) != nil
    }

    func open() {
        state.withLock { $0.isOpen = true }
    }

    /// Arrives, then waits until the gate is open (throws `CancellationError` when cancelled).
    func pass() async throws {
        state.withLock { $0.arrived += 1 }
        try await state.wait(until: { $0.isOpen }, timeout: .seconds(600), "the gate to open")
    }
}

@Suite struct RequestIDTests {
    static let low = "18446744073709551616"   // 2^64
    static let high = "18446744073709551617"  // 2^64 + 1: the same Double

    func gatedTool(_ gate: ArrivalGate) -> Tool {
        Tool(name: "wait", title: "Wait", description: "Waits for the gate.", inputSchema: .object([:]), outputSchema: nil,
             annotations: readOnly) { _, _ in
            try await gate.pass()
            return .success(["done": true])
        }
    }

    func call(_ id: String) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"wait","_meta":\#(modernMeta.serializedString())}}"# + "\n"
    }

    /// Over stdio: two calls whose ids are one Double are both served, each answered with its
    /// own id, digit for digit.
    @Test func twoLargeIdsAreTwoRequests() async throws {
        let gate = ArrivalGate()
        let piped = PipedServer(tools: [gatedTool(gate)])
        piped.write(call(RequestIDTests.low) + call(RequestIDTests.high))
        #expect(await gate.arrivals(2), "both calls run")
        gate.open()
        let lines = await piped.readLines(2)
        #expect(Set(lines.compactMap { try? JSON.parse($0) }.map { $0["id"]?.serializedString() }) == [RequestIDTests.low, RequestIDTests.high])
        #expect(lines.allSatisfy { (try? JSON.parse($0))?["result"]?["structuredContent"] == ["done": true] }, "\(lines)")
        piped.closeInput()
        #expect(await piped.exitStatus(within: 10) == 0)
    }

    /// Cancelling one of them cancels only it: the other is answered, the cancelled one never.
    @Test func cancellingOneLargeIdCancelsOnlyIt() async throws {
        let gate = ArrivalGate()
        let piped = PipedServer(tools: [gatedTool(gate)])
        piped.write(call(RequestIDTests.low) + call(RequestIDTests.high))
        #expect(await gate.arrivals(2), "both calls run")
        piped.write(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":\#(RequestIDTests.low)}}"# + "\n")
        // The cancelled call leaves the gate (it is not counted again), then the other passes.
        piped.write(#"{"jsonrpc":"2.0","id":"ping","method":"ping"}"# + "\n")
        let ping = await piped.readLines(1)
        #expect(ping.first.flatMap { try? JSON.parse($0) }?["id"] == "ping")
        gate.open()
        piped.closeInput()
        let lines = await piped.readLines(10)
        #expect(lines.count == 1, "\(lines)")
        let reply = try JSON.parse(try #require(lines.first))
        #expect(reply["id"]?.serializedString() == RequestIDTests.high)
        #expect(reply["result"]?["structuredContent"] == ["done": true])
        #expect(await piped.exitStatus(within: 10) == 0)
    }

    @Test func idsCompareByExactValue() throws {
        let low = try #require(RequestID(try JSON.parse(RequestIDTests.low)))
        let high = try #require(RequestID(try JSON.parse(RequestIDTests.high)))
        #expect(low != high)
        #expect(Set([low, high]).count == 2)
        #expect(RequestID(try JSON.parse("-0")) == RequestID(0))
        #expect(RequestID(try JSON.parse("1.0")) == nil, "ids are integers")
    }
}
