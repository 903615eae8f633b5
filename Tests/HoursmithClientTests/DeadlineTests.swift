import Foundation
import HoursmithSandbox
import Testing
@testable import HoursmithClient

/// Bounded time over real HTTP: a call's deadline covers every try and every wait, a try is cut
/// off however slowly its answer comes, `Retry-After` is read strictly, and GETs stuck on a hung
/// endpoint leave room for others. Tests that wait for real say so in their clock.
@Suite struct DeadlineTests {
    static func failure<T>(_ call: () async throws -> T) async -> HoursmithError? {
        await ErrorCodeTests.failure(call)
    }

    /// A harness whose client sleeps for real, so that its deadline passes for real.
    static func realTime(callTimeout: Duration, requestTimeout: Duration = .seconds(10)) throws -> Harness {
        try Harness {
            $0.clock = .system
            $0.callTimeout = callTimeout
            $0.requestTimeout = requestTimeout
        }
    }

    @Test func aReadOrAChangeToAnAPIThatNeverAnswersEndsAtTheDeadline() async throws {
        let harness = try Self.realTime(callTimeout: .seconds(2), requestTimeout: .seconds(30))
        harness.sandbox.inject(.hold(SandboxGate()), times: 2)
        let started = ContinuousClock.now
        let read = await Self.failure { try await harness.client.me() }
        let elapsed = ContinuousClock.now - started
        #expect(read?.kind == .deadlineExceeded(seconds: 2))
        #expect(read?.message.contains("did not answer GET /me within this call's time limit of 2 seconds") == true)
        #expect(read?.outcomeIsUnknown == false, "a read changes nothing")
        // Not the three tries of 30 s each it would otherwise wait. (A wide bound: on a busy
        // machine the test's own task may be slow to run again; the server's figures are in
        // docs/PERFORMANCE.md.)
        #expect(elapsed >= .seconds(2) && elapsed < .seconds(60), "\(elapsed)")

        let change = await Self.failure { try await harness.client.stopTimeEntry(id: Fixture.TimeEntry.samRunningTimer) }
        #expect(change?.kind == .deadlineExceeded(seconds: 2))
        #expect(change?.outcomeIsUnknown == true)
        #expect(change?.object == APIObject(.timeEntries, Fixture.TimeEntry.samRunningTimer))
        #expect(change?.message.contains("may or may not have been made") == true)
    }

    /// URLSession's timeout restarts with every byte on Linux; the client's does not: each try
    /// of a dripped answer (about 100 s at this pace) is cut off at the try's timeout.
    @Test func anAnswerDrippedAByteAtATimeIsCutOffAtTheTryTimeout() async throws {
        let harness = try Self.realTime(callTimeout: .seconds(60), requestTimeout: .seconds(1))
        harness.sandbox.inject(.drip(everyMilliseconds: 200), times: 10, method: "GET", path: "/me")
        let started = ContinuousClock.now
        let error = await Self.failure { try await harness.client.me() }
        let elapsed = ContinuousClock.now - started
        #expect(error?.kind == .timedOut, "\(String(describing: error))")
        #expect(harness.requests("GET", "/me").count == 3, "three tries, each cut off")
        #expect(elapsed < .seconds(90), "less than one try left to drip to its end: \(elapsed)")
    }

    @Test func aRetryAfterPastTheDeadlineFailsAtOnceSayingHowLongToWait() async throws {
        let harness = try Harness { $0.callTimeout = .seconds(40) }
        harness.sandbox.inject(.rateLimited(retryAfter: 50), method: "GET", path: "/me")
        let error = await Self.failure { try await harness.client.me() }
        #expect(error?.kind == .rateLimited(retryAfter: 50))
        #expect(error?.message.contains("try again in 50 seconds") == true)
        #expect(harness.clock.sleeps.isEmpty, "no wait begun that would pass the deadline")
        #expect(harness.requests("GET", "/me").count == 1)
    }

    @Test func aRetryAfterThatIsNotWholeSecondsIsTreatedAsAbsent() async throws {
        let harness = try Harness()
        let body = #"{"error":"rate_limited","message":"Too many requests."}"#
        for value in ["-5", "1.5", "soon", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999", "+3", ""] {
            harness.sandbox.inject(.answer(status: 429, headers: [("Retry-After", value)], body: body), times: 4, method: "GET", path: "/me")
            let waited = harness.clock.sleeps.count
            let error = await Self.failure { try await harness.client.me() }
            #expect(error?.kind == .rateLimited(retryAfter: nil), "\(value)")
            #expect(error?.message.contains("try again shortly") == true, "\(value): \(String(describing: error?.message))")
            // Absent: a second each time, as for a 429 without the header.
            #expect(Array(harness.clock.sleeps.dropFirst(waited)) == [.seconds(1), .seconds(1), .seconds(1)], "\(value)")
        }
    }

    @Test func retryAfterIsReadAsWholeSecondsOnly() {
        #expect(HTTPResponse.retryAfterSeconds("12") == 12)
        #expect(HTTPResponse.retryAfterSeconds(" 3 ") == 3)
        #expect(HTTPResponse.retryAfterSeconds("0") == 0)
        for value in ["-5", "1.5", "soon", "+3", "", "1e3", "99999999999", "٣"] {
            #expect(HTTPResponse.retryAfterSeconds(value) == nil, "\(value)")
        }
        #expect(HTTPResponse.retryAfterSeconds(nil) == nil)
    }

    /// The deadline is the call's, not each request's: the second request of the call cannot
    /// wait out a `Retry-After` that the first already used most of the time for.
    @Test func oneDeadlineCoversEveryRequestOfACall() async throws {
        let harness = try Harness()
        let client = harness.client, sandbox = harness.sandbox
        let error = await Self.failure {
            try await client.withDeadline(in: .seconds(10), limit: .seconds(10)) {
                sandbox.inject(.rateLimited(retryAfter: 7), method: "GET", path: "/me")
                _ = try await client.me()   // waits 7 s, then succeeds
                sandbox.inject(.rateLimited(retryAfter: 7), method: "GET", path: "/me")
                return try await client.me() // would wait 7 s more: past the deadline
            }
        }
        #expect(error?.kind == .rateLimited(retryAfter: 7))
        #expect(harness.clock.sleeps == [.seconds(7)])
        #expect(harness.requests("GET", "/me").map(\.status) == [429, 200, 429])
    }

    @Test func aWalkThatWouldBePacedPastTheDeadlineFailsAtOnce() async throws {
        let harness = try Harness {
            $0.callTimeout = .seconds(40)
            $0.pacing = [RequestPacing(limit: 2, window: .seconds(60))]
        }
        let client = harness.client
        let error = await Self.failure {
            try await client.collectAll(limit: 30, perPage: 10) { page, perPage in
                try await client.listTimeEntries(page: page, perPage: perPage)
            }
        }
        #expect(error?.code == "rate_limited")
        #expect(error?.message.contains("longer than this call's time limit of 40 seconds") == true, "\(String(describing: error))")
        #expect(harness.clock.sleeps.isEmpty)
        #expect(harness.requests("GET", "/time_entries").count < 3, "the third page is never asked for")
    }

    /// Sixteen GETs held by a hung endpoint take sixteen connections; a GET elsewhere still
    /// gets one of its own at once.
    @Test func getsStuckOnAHungEndpointLeaveRoomForOthers() async throws {
        let harness = try Harness()
        let gate = SandboxGate()
        defer { gate.open() }
        harness.sandbox.inject(.hold(gate), times: 16, method: "GET", path: "/clients")
        let client = harness.client
        let stuck = Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<16 { group.addTask { _ = try? await client.getClient(id: Fixture.Client.acme) } }
            }
        }
        try await harness.sandbox.waitForRequests(16) { $0.method == "GET" && $0.path.hasPrefix("/clients") }
        let me = try await client.me()
        #expect(me.user.id == Fixture.User.owner)
        gate.open()
        await stuck.value
    }

    /// A shared result that arrives first is the answer, every time: the timer that would end the
    /// wait at the deadline, cancelled, must not answer "deadline exceeded" in a race with it.
    @Test func aSharedResultThatArrivesFirstIsAlwaysTheAnswer() async throws {
        let harness = try Self.realTime(callTimeout: .seconds(40))
        for round in 0..<500 {
            let shared = Task<Result<Int, HoursmithError>, Never> { .success(round) }
            let result = await harness.client.waitForShared(shared, path: "/me")
            guard case .success(let value) = result else {
                Issue.record("round \(round): \(result)")
                return
            }
            #expect(value == round)
        }
    }
}
