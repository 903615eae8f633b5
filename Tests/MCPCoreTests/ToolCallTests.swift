import Foundation
import ConcurrencyHelpers
import Testing
import JSONCore
@testable import MCPCore

/// Holds tool calls until released, and counts how many run at once and how many were cancelled
/// while held.
final class Gate: Sendable {
    private struct State {
        var running = 0
        var peak = 0
        var cancellations = 0
    }

    private let state = Watched(State())
    private let opened = Watched(false)

    var running: Int { state.current.running }
    var peak: Int { state.current.peak }
    var cancellations: Int { state.current.cancellations }

    func release() { opened.open() }

    /// Waits until `count` calls are held at the gate.
    func waitUntilHolding(_ count: Int) async throws {
        try await state.wait(until: { $0.running == count }, "\(count) call(s) at the gate")
    }

    /// Waits until `count` held calls were cancelled.
    func waitForCancellations(_ count: Int) async throws {
        try await state.wait(until: { $0.cancellations == count }, "\(count) cancellation(s) at the gate")
    }

    func pass() async throws {
        state.withLock {
            $0.running += 1
            $0.peak = max($0.peak, $0.running)
        }
        defer { state.withLock { $0.running -= 1 } }
        do {
            try await opened.waitUntilOpen(timeout: .seconds(60))
        } catch {
            state.withLock { $0.cancellations += 1 }
            throw error
        }
    }
}

func gatedTool(_ gate: Gate) -> Tool {
    Tool(name: "wait", title: "Wait", description: "Waits for the gate.", inputSchema: .object([:]), outputSchema: nil,
         annotations: readOnly) { _, _ in
        try await gate.pass()
        return .success(["done": true])
    }
}

/// A gate that a tool waits at without heeding cancellation: a tool that would hold its call
/// for as long as the gate stays shut.
final class StubbornGate: Sendable {
    private let opened = Watched(false)
    private let entered = Watched(0)

    func open() { opened.open() }

    func waitUntilEntered(_ count: Int) async throws {
        try await entered.wait(until: { $0 >= count }, "\(count) call(s) at the stubborn gate")
    }

    func pass() async {
        entered.withLock { $0 += 1 }
        let opened = self.opened
        // A detached task is not cancelled with the call's.
        await Task.detached { try? await opened.waitUntilOpen(timeout: .seconds(120)) }.value
    }
}

func stubbornTool(_ gate: StubbornGate, annotations: ToolAnnotations = readOnly) -> Tool {
    Tool(name: "stubborn", title: "Stubborn", description: "Waits, whatever happens.", inputSchema: .object([:]),
         outputSchema: nil, annotations: annotations) { _, _ in
        await gate.pass()
        return .success(["done": true])
    }
}

/// A tool that changes things.
let changes = ToolAnnotations(readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false)

@Suite struct ToolCallTests {
    let typed = Tool(
        name: "typed", title: "Typed", description: "Takes typed arguments.",
        inputSchema: .object([
            "project_id": .integer("A project.", minimum: 1),
            "hours": .number("Hours.", maximum: 24, exclusiveMinimum: 0),
            "group_by": .string("Grouping.", enum: ["client", "project"]),
            "spent_date": .string("A date.", pattern: #"^\d{4}-\d{2}-\d{2}$"#, patternHint: "a date (YYYY-MM-DD)"),
            "ids": .array(of: .integer("An id."), "Ids.", maxItems: 3),
            "notes": .string("Notes.").nullable(),
        ], required: ["project_id"]),
        outputSchema: nil, annotations: readOnly) { arguments, _ in
        .success(["project_id": .int(arguments.int("project_id") ?? 0), "notes_cleared": .bool(arguments.isNull("notes"))])
    }

    func call(_ harness: ServerHarness, _ arguments: JSON, tool: String = "typed", id: Int = 1) async throws -> JSON {
        try #require(await harness.request(modern(.int(id), "tools/call", ["name": .string(tool), "arguments": arguments]))?["result"])
    }

    @Test func validArgumentsReachTheHandler() async throws {
        let harness = ServerHarness(tools: [typed])
        let result = try await call(harness, ["project_id": 7, "hours": 1.5, "group_by": "client", "spent_date": "2026-11-20",
                                        "ids": [1, 2], "notes": nil])
        #expect(result["isError"] == nil)
        #expect(result["structuredContent"] == ["project_id": 7, "notes_cleared": true])
        #expect(result["content"]?.arrayValue?.first?["text"] == #"{"project_id":7,"notes_cleared":true}"#)
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let arguments: JSON
        let expected: String
        var testDescription: String { expected }
    }

    static let badCases: [BadCase] = [
        BadCase(arguments: ["hours": 1], expected: "Missing required argument `project_id` (an integer: A project.)"),
        BadCase(arguments: ["project_id": 1, "projectId": 2], expected: "Unknown argument `projectId`. Did you mean `project_id`?"),
        BadCase(arguments: ["project_id": "7"], expected: "Argument `project_id` must be an integer; got the string \"7\"."),
        BadCase(arguments: ["project_id": 1.5], expected: "Argument `project_id` must be an integer; got the number 1.5."),
        BadCase(arguments: ["project_id": 0], expected: "Argument `project_id` must be at least 1; got 0."),
        BadCase(arguments: ["project_id": 1, "hours": 0], expected: "Argument `hours` must be greater than 0 and at most 24; got 0."),
        BadCase(arguments: ["project_id": 1, "hours": 30], expected: "Argument `hours` must be greater than 0 and at most 24; got 30."),
        BadCase(arguments: ["project_id": 1, "group_by": "clients"], expected: "Argument `group_by` must be one of \"client\", \"project\"; got \"clients\"."),
        BadCase(arguments: ["project_id": 1, "spent_date": "next friday"], expected: "Argument `spent_date` must be a date (YYYY-MM-DD); got \"next friday\"."),
        BadCase(arguments: ["project_id": 1, "ids": [1, "2"]], expected: "Argument `ids[1]` must be an integer; got the string \"2\"."),
        BadCase(arguments: ["project_id": 1, "ids": [1, 2, 3, 4]], expected: "Argument `ids` must have at most 3 items; got 4."),
        BadCase(arguments: ["project_id": nil], expected: "Argument `project_id` must be an integer, not null."),
    ]

    @Test(arguments: badCases)
    func badArgumentsAreToolErrorsThatNameTheArgument(_ badCase: BadCase) async throws {
        let harness = ServerHarness(tools: [typed])
        let result = try await call(harness, badCase.arguments)
        let expected = badCase.expected
        #expect(result["isError"] == true)
        #expect(result["structuredContent"] == nil)
        let text = try #require(result["content"]?.arrayValue?.first?["text"]?.stringValue)
        #expect(text.contains(expected), "\(text)")
    }

    @Test func unknownToolsAndMalformedCallsAreProtocolErrors() async throws {
        let harness = ServerHarness(tools: [typed])
        #expect(await harness.request(modern(1, "tools/call", ["name": "nope"]))?["error"]?["code"] == -32602)
        #expect(await harness.request(modern(2, "tools/call", [:]))?["error"]?["code"] == -32602)
        #expect(await harness.request(modern(3, "tools/call", ["name": "typed", "arguments": [1]]))?["error"]?["code"] == -32602)
    }

    @Test func thrownErrorsBecomeToolErrors() async throws {
        struct Boom: Error {}
        let failing = Tool(name: "fail", title: "Fail", description: "Fails.", inputSchema: .object([:]), outputSchema: nil,
                           annotations: readOnly) { arguments, _ in
            if arguments.object.isEmpty { throw ToolError("The project is archived; restore it first.") }
            throw Boom()
        }
        let harness = ServerHarness(tools: [failing])
        let first = try await call(harness, [:], tool: "fail")
        #expect(first["isError"] == true)
        #expect(first["content"]?.arrayValue?.first?["text"] == "The project is archived; restore it first.")
        // An unexpected error is still a tool error, and the server goes on.
        let unexpected = try #require(await harness.request(modern(2, "tools/call", ["name": "fail", "arguments": [:]])))
        #expect(unexpected["result"]?["isError"] == true)
    }

    @Test func toolsListPaginatesWithOpaqueCursors() async throws {
        let names = (1...5).map { "tool_\($0)" }
        let harness = ServerHarness(tools: names.map { echoTool(name: $0) }) { $0.toolsPageSize = 2 }
        var seen: [String] = []
        var cursor: JSON?
        var pages = 0
        repeat {
            var params: JSONObject = [:]
            if let cursor { params["cursor"] = cursor }
            let result = try #require(await harness.request(modern(.int(pages), "tools/list", params))?["result"])
            seen += result["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            cursor = result["nextCursor"]
            pages += 1
        } while cursor != nil && pages < 10
        #expect(seen == names)
        #expect(pages == 3)
        #expect(await harness.request(modern(99, "tools/list", ["cursor": "bogus"]))?["error"]?["code"] == -32602)
    }

    @Test func cancelledCallsGetNoReplyAndTheirTaskIsCancelled() async throws {
        let gate = Gate()
        let harness = ServerHarness(tools: [gatedTool(gate), echoTool()])
        harness.send(modern("slow", "tools/call", ["name": "wait"]))
        try await gate.waitUntilHolding(1)
        harness.send(["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": "slow", "reason": "user"]])
        // A later request is still answered; the cancelled one never is.
        #expect(await harness.request(modern("after", "tools/call", ["name": "echo", "arguments": ["text": "x"]])) != nil)
        try await gate.waitForCancellations(1)
        gate.release()
        // A request stops counting as in flight only after its reply (if any) was written.
        let server = harness.server
        #expect(await onItsOwnThread { server.waitForRequests(before: .now + .seconds(10)) })
        #expect(!harness.sink.messages.contains { $0["id"] == "slow" })
        #expect(harness.server.requestsInFlight == 0)
    }

    @Test func aCallStillRunningAtItsTimeLimitIsAnsweredForAndCancelled() async throws {
        let gate = Gate()
        let limits = ManualTimeLimits()
        let harness = ServerHarness(tools: [gatedTool(gate)], timeLimits: limits.limits) { $0.callTimeout = .seconds(40) }
        defer { gate.release() }
        harness.send(modern(1, "tools/call", ["name": "wait"]))
        try await gate.waitUntilHolding(1)
        limits.fireAll()
        let result = try #require(await harness.sink.response(id: 1)?["result"])
        #expect(result["isError"] == true)
        let text = result["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
        #expect(text.contains("wait did not finish within 40 seconds"), "\(text)")
        #expect(text.contains("Try again"), "a read may simply be asked again: \(text)")
        try await gate.waitForCancellations(1)
        let server = harness.server
        #expect(await onItsOwnThread { server.waitForRequests(before: .now + .seconds(10)) })
        #expect(harness.log.lines.contains { $0.contains("request 1 (wait) was still running at its time limit") })
    }

    /// Neither a tool that ignores cancellation nor the wait for a slot it holds can keep a call
    /// past its limit; a call that changes things says it may have.
    @Test func noCallOutlivesItsLimitEvenBehindAToolThatIgnoresCancellation() async throws {
        let gate = StubbornGate()
        let limits = ManualTimeLimits()
        let harness = ServerHarness(tools: [stubbornTool(gate, annotations: changes), echoTool()], timeLimits: limits.limits) {
            $0.maxConcurrentRequests = 1
        }
        defer { gate.open() }
        harness.send(modern(1, "tools/call", ["name": "stubborn"]))
        try await gate.waitUntilEntered(1)
        // The second waits for the only slot, which the first never gives back.
        harness.send(modern(2, "tools/call", ["name": "echo", "arguments": ["text": "x"]]))
        try await limits.waitUntilArmed(2)
        limits.fireAll()
        let first = try #require(await harness.sink.response(id: 1))
        let second = try #require(await harness.sink.response(id: 2))
        let firstText = first["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
        let secondText = second["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
        #expect(firstText.contains("stubborn did not finish") && firstText.contains("may or may not have changed something"),
                "\(firstText)")
        #expect(secondText.contains("echo did not finish"), "it waited for the slot the whole time: \(secondText)")
        #expect(harness.server.requestsInFlight == 0)
    }

    /// A limit that comes after the call answered (had it not been disarmed) answers nothing more.
    @Test func aLimitThatComesAfterTheAnswerDoesNothing() async throws {
        let limits = ManualTimeLimits()
        let harness = ServerHarness(tools: [echoTool()], timeLimits: limits.limits)
        let reply = try #require(await harness.request(modern(1, "tools/call", ["name": "echo", "arguments": ["text": "x"]])))
        #expect(reply["result"]?["structuredContent"]?["echo"] == "x")
        limits.fireAll(evenDisarmed: true)
        #expect(harness.sink.messages.filter { $0["id"] == 1 }.count == 1, "answered once")
        #expect(!harness.log.lines.contains { $0.contains("was still running at its time limit") })
    }

    @Test func aToolIsToldItsDeadlineALittleBeforeTheLimit() async throws {
        let told = Locked<(deadline: ContinuousClock.Instant, limit: Duration)?>(nil)
        let clock = Tool(name: "clock", title: "Clock", description: "Notes its deadline.", inputSchema: .object([:]),
                         outputSchema: nil, annotations: readOnly) { _, context in
            told.withLock { $0 = (context.deadline, context.timeLimit) }
            return .success([:])
        }
        let harness = ServerHarness(tools: [clock]) { $0.callTimeout = .seconds(40) }
        let sent = ContinuousClock.now
        _ = try await call(harness, [:], tool: "clock")
        let answered = ContinuousClock.now
        let (deadline, limit) = try #require(told.current)
        #expect(limit == .seconds(40))
        // A second before the limit, counted from the call's arrival (between sending and the answer).
        #expect(deadline >= sent + .seconds(39) && deadline <= answered + .seconds(39), "\(deadline - sent)")
    }

    @Test func theMarginBeforeTheLimitIsASecondOrAQuarterOfAShortLimit() {
        var configuration = ServerConfiguration(name: "n", title: "t", version: "1")
        configuration.callTimeout = .seconds(40)
        #expect(configuration.toolAnswerMargin == .seconds(1))
        configuration.callTimeout = .milliseconds(400)
        #expect(configuration.toolAnswerMargin == .milliseconds(100))
    }

    @Test func atMostNCallsRunAtOnceAndAllFinish() async throws {
        let gate = Gate()
        let harness = ServerHarness(tools: [gatedTool(gate)]) { $0.maxConcurrentRequests = 4 }
        for id in 0..<40 { harness.send(modern(.int(id), "tools/call", ["name": "wait"])) }
        try await gate.waitUntilHolding(4)
        #expect(harness.server.requestsInFlight == 40, "every call is in flight; all but four wait for a slot")
        gate.release()
        let replies = await harness.sink.wait(for: 40, seconds: 60)
        #expect(Set(replies.compactMap { $0["id"]?.intValue }) == Set(0..<40))
        #expect(gate.peak == 4)
    }

    @Test func progressOnlyWithATokenIncreasingAndNeverAfterTheReply() async throws {
        let counter = Tool(name: "count", title: "Count", description: "Counts.", inputSchema: .object([:]), outputSchema: nil,
                           annotations: readOnly) { _, context in
            context.reportProgress(1, total: 3, message: "one")
            context.reportProgress(1, total: 3)      // not increasing: dropped
            context.reportProgress(0.5, total: 3)    // not increasing: dropped
            context.reportProgress(3, total: 3, message: "three")
            return .success(["wanted": .bool(context.wantsProgress)])
        }
        let harness = ServerHarness(tools: [counter])
        var params: JSONObject = ["name": "count"]
        _ = await harness.request(modern(1, "tools/call", params))
        #expect(harness.sink.messages.filter { $0["method"] != nil }.isEmpty)

        var meta = modernMeta.objectValue ?? [:]
        meta["progressToken"] = "p-1"
        params["_meta"] = .object(meta)
        let reply = await harness.request(["jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": .object(params)])
        #expect(reply?["result"]?["structuredContent"]?["wanted"] == true)
        let messages = harness.sink.messages
        let progress = messages.filter { $0["method"] == "notifications/progress" }
        #expect(progress.compactMap { $0["params"]?["progress"]?.doubleValue } == [1, 3])
        #expect(progress.allSatisfy { $0["params"]?["progressToken"] == "p-1" })
        let replyIndex = try #require(messages.firstIndex { $0["id"] == 2 })
        let lastProgress = try #require(messages.lastIndex { $0["method"] == "notifications/progress" })
        #expect(lastProgress < replyIndex)
    }

    @Test func logMessagesGoToTheClientOnlyWhenAskedFor() async throws {
        let chatty = Tool(name: "chatty", title: "Chatty", description: "Logs.", inputSchema: .object([:]), outputSchema: nil,
                          annotations: readOnly) { _, context in
            context.log(.debug, "details")
            context.log(.warning, "careful")
            return .success([:])
        }
        let harness = ServerHarness(tools: [chatty])
        _ = await harness.request(modern(1, "tools/call", ["name": "chatty"]))
        #expect(!harness.sink.messages.contains { $0["method"] == "notifications/message" })

        var meta = modernMeta.objectValue ?? [:]
        meta["io.modelcontextprotocol/logLevel"] = "info"
        _ = await harness.request(["jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": ["name": "chatty", "_meta": .object(meta)]])
        let logged = harness.sink.messages.filter { $0["method"] == "notifications/message" }
        #expect(logged.map { $0["params"]?["data"] } == ["careful"])
        #expect(logged.first?["params"]?["level"] == "warning")

        let session = ServerHarness(tools: [chatty])
        await session.initialize()
        _ = await session.request(legacy(3, "tools/call", ["name": "chatty"]))
        #expect(!session.sink.messages.contains { $0["method"] == "notifications/message" })
        _ = await session.request(legacy(4, "logging/setLevel", ["level": "debug"]))
        _ = await session.request(legacy(5, "tools/call", ["name": "chatty"]))
        #expect(session.sink.messages.filter { $0["method"] == "notifications/message" }.count == 2)
    }
}
