import Foundation
import HoursmithSandbox
import Testing
@testable import HoursmithClient

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every retry path over real HTTP, counted in the sandbox's request log. Waits are virtual.
@Suite struct RetryTests {
    static func failure<T>(_ call: () async throws -> T) async -> HoursmithError? {
        await ErrorCodeTests.failure(call)
    }

    @Test func aGetSurvivesTwoServerErrors() async throws {
        let harness = try Harness()
        harness.sandbox.inject(.status(503), times: 2, method: "GET", path: "/me")
        let me = try await harness.client.me()
        #expect(me.user.id == Fixture.User.owner)
        #expect(harness.requests("GET", "/me").map(\.status) == [503, 503, 200])
        // Backoff 500 ms then 1 s, each scaled by 0.5 + 0.5 × jitter (0.5 here).
        #expect(harness.clock.sleeps == [.milliseconds(375), .milliseconds(750)])
        #expect(harness.logs.text.contains("warning: GET /me: server_error (HTTP 503); trying again in 0.38 s (try 2 of 3)"))
    }

    @Test func aGetGivesUpAfterThreeTries() async throws {
        let harness = try Harness()
        harness.sandbox.inject(.status(500), times: 5, method: "GET", path: "/clients")
        let error = await Self.failure { try await harness.client.listClients() }
        #expect(error?.kind == .serverError(status: 500))
        #expect(harness.requests("GET", "/clients").count == 3)
    }

    @Test func aGetRetriesATruncatedBodyAndADroppedConnection() async throws {
        let harness = try Harness()
        harness.sandbox.inject(.truncatedBody, method: "GET", path: "/projects")
        harness.sandbox.inject(.dropConnection(afterProcessing: false), method: "GET", path: "/projects")
        let page = try await harness.client.listProjects()
        #expect(!page.items.isEmpty)
        #expect(harness.requests("GET", "/projects").count == 3)
    }

    @Test func aBodyThatIsNotJSONIsNotRetried() async throws {
        let harness = try Harness()
        harness.sandbox.inject(.nonJSONBody, method: "GET", path: "/me")
        let error = await Self.failure { try await harness.client.me() }
        #expect(error?.code == "undecodable_response")
        #expect(error?.message.contains("not JSON") == true)
        #expect(harness.requests("GET", "/me").count == 1)
    }

    /// A number no `Double` can hold (hours of `1e400`) is refused as the answer is read, not
    /// carried into totals as infinity.
    @Test func aNumberTooLargeForADoubleIsRefusedAsTheAnswerIsRead() async throws {
        let harness = try Harness()
        harness.sandbox.inject(.rewriteBody { body in
            Array(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\"hours\":", with: "\"hours\":1e400,\"x\":").utf8)
        }, method: "GET", path: "/time_entries")
        let error = await Self.failure { try await harness.client.listTimeEntries() }
        #expect(error?.code == "undecodable_response")
        #expect(error?.message.contains("too large") == true, "\(String(describing: error?.message))")
    }

    @Test func aCreateThatFailedAfterProcessingIsRetriedAndCreatesOnce() async throws {
        let harness = try Harness()
        let before = harness.sandbox.snapshot().timeEntries.count
        harness.sandbox.inject(.failAfterProcessing(500), method: "POST", path: "/time_entries")
        let entry = try await harness.client.createTimeEntry(TimeEntryDraft(
            projectID: Fixture.Project.acmeWebsite, taskID: Fixture.Task.acmeDesign, spentDate: harness.today, hours: 3, notes: "Once"))
        let after = harness.sandbox.snapshot()
        #expect(after.timeEntries.count == before + 1, "exactly one new entry")
        #expect(after.timeEntries[id: entry.id]?.notes == "Once")
        let posts = harness.requests("POST", "/time_entries")
        #expect(posts.map(\.status) == [500, 201])
        let keys = posts.compactMap { $0.headers["idempotency-key"] }
        #expect(keys.count == 2 && keys[0] == keys[1], "the same Idempotency-Key on both tries")
    }

    @Test func aCreateWhoseAnswerWasLostIsRetriedAndCreatesOnce() async throws {
        let harness = try Harness()
        let before = harness.sandbox.snapshot().timeEntries.count
        harness.sandbox.inject(.dropConnection(afterProcessing: true), method: "POST", path: "/time_entries")
        let entry = try await harness.client.createTimeEntry(TimeEntryDraft(
            projectID: Fixture.Project.acmeWebsite, taskID: Fixture.Task.acmeDesign, spentDate: harness.today, hours: 2))
        #expect(harness.sandbox.snapshot().timeEntries.count == before + 1)
        let posts = harness.requests("POST", "/time_entries")
        #expect(posts.count == 2)
        #expect(Set(posts.compactMap { $0.headers["idempotency-key"] }).count == 1)
        #expect(posts.last?.status == 201 || posts.last?.status == 200)
        #expect(try await harness.client.getTimeEntry(id: entry.id).hours == 2)
    }

    @Test func twoCallsGetTwoKeys() async throws {
        let harness = try Harness()
        _ = try await harness.client.createClient(ClientDraft(name: "First"))
        _ = try await harness.client.createClient(ClientDraft(name: "Second"))
        let keys = harness.requests("POST", "/clients").compactMap { $0.headers["idempotency-key"] }
        #expect(keys.count == 2 && keys[0] != keys[1])
    }

    @Test func aPatchIsRetriedAfterAServerError() async throws {
        let harness = try Harness()
        harness.sandbox.inject(.status(502), method: "PATCH", path: "/clients")
        let client = try await harness.client.updateClient(id: Fixture.Client.stark, ClientChanges(address: .set("10880 Malibu Point")))
        #expect(client.address == "10880 Malibu Point")
        #expect(harness.requests("PATCH", "/clients/\(Fixture.Client.stark)").map(\.status) == [502, 200])
    }

    @Test(arguments: ["DELETE", "POST"])
    func deletesAndActionsAreNotRetriedAfterAServerError(method: String) async throws {
        let harness = try Harness()
        let path = method == "DELETE" ? "/time_entries/\(Fixture.TimeEntry.samYesterday)" : "/time_entries/\(Fixture.TimeEntry.samRunningTimer)/stop"
        harness.sandbox.inject(.status(503), method: method, path: path)
        let error = await Self.failure {
            if method == "DELETE" {
                try await harness.client.deleteTimeEntry(id: Fixture.TimeEntry.samYesterday)
            } else {
                _ = try await harness.client.stopTimeEntry(id: Fixture.TimeEntry.samRunningTimer)
            }
        }
        #expect(error?.kind == .serverError(status: 503))
        #expect(harness.requests(method, path).count == 1)
        #expect(harness.clock.sleeps.isEmpty)
    }

    @Test func anActionWhoseAnswerWasLostIsNotRetriedAndSaysSo() async throws {
        let harness = try Harness()
        let path = "/time_entries/\(Fixture.TimeEntry.samRunningTimer)/stop"
        harness.sandbox.inject(.dropConnection(afterProcessing: true), method: "POST", path: path)
        let error = await Self.failure { try await harness.client.stopTimeEntry(id: Fixture.TimeEntry.samRunningTimer) }
        #expect(error?.kind == .connectionLost)
        #expect(error?.message.contains("may or may not have been made") == true)
        #expect(harness.requests("POST", path).count == 1)
        #expect(harness.sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.samRunningTimer]?.isRunning == false, "it was processed")
    }

    /// libcurl resends a request whose reused keep-alive connection closes without an answer;
    /// requests that must not be sent twice therefore get a connection of their own.
    @Test(arguments: ["DELETE", "POST"])
    func anActionIsSentOnceEvenOnAConnectionThatWasInUse(method: String) async throws {
        let harness = try Harness()
        _ = try await harness.client.me()
        _ = try await harness.client.listClients()
        let path = method == "DELETE" ? "/time_entries/\(Fixture.TimeEntry.samYesterday)" : "/time_entries/\(Fixture.TimeEntry.samRunningTimer)/stop"
        harness.sandbox.inject(.dropConnection(afterProcessing: true), method: method, path: path)
        let error = await Self.failure {
            if method == "DELETE" {
                try await harness.client.deleteTimeEntry(id: Fixture.TimeEntry.samYesterday)
            } else {
                _ = try await harness.client.stopTimeEntry(id: Fixture.TimeEntry.samRunningTimer)
            }
        }
        #expect(error?.kind == .connectionLost)
        #expect(harness.requests(method, path).count == 1)
    }

    /// Resent by libcurl on a reused connection, a request with a body lost its body and waited
    /// for the timeout; on a connection of its own it is resent whole, by the retry policy.
    @Test func aCreateOnAConnectionThatWasInUseIsResentWholeAndCreatesOnce() async throws {
        let harness = try Harness()
        _ = try await harness.client.me()
        let before = harness.sandbox.snapshot().expenses.count
        harness.sandbox.inject(.dropConnection(afterProcessing: true), method: "POST", path: "/expenses")
        _ = try await harness.client.createExpense(ExpenseDraft(projectID: Fixture.Project.acmeWebsite, spentDate: harness.today, amount: 12, category: "Meals"))
        #expect(harness.sandbox.snapshot().expenses.count == before + 1)
        let posts = harness.requests("POST", "/expenses")
        #expect(posts.count == 2)
        #expect(posts.allSatisfy { $0.bodyText.contains(#""category":"Meals""#) }, "both tries carried the body")
        #expect(Set(posts.compactMap { $0.headers["idempotency-key"] }).count == 1)
        #expect(!harness.logs.text.contains("timed_out"))
    }

    @Test func aPatchOnAConnectionThatWasInUseIsResentWhole() async throws {
        let harness = try Harness()
        _ = try await harness.client.me()
        harness.sandbox.inject(.dropConnection(afterProcessing: false), method: "PATCH", path: "/tasks")
        let task = try await harness.client.updateTask(id: Fixture.Task.starkQA, TaskChanges(name: "Quality"))
        #expect(task.name == "Quality")
        let patches = harness.requests("PATCH", "/tasks/\(Fixture.Task.starkQA)")
        #expect(patches.count == 2)
        #expect(patches.allSatisfy { $0.bodyText == #"{"name":"Quality"}"# })
    }

    @Test(arguments: ["GET", "POST", "PATCH", "DELETE"])
    func aRateLimitIsWaitedOutForEveryMethod(method: String) async throws {
        let harness = try Harness()
        harness.sandbox.inject(.rateLimited(retryAfter: 7), times: 2, method: method)
        switch method {
        case "GET": _ = try await harness.client.getClient(id: Fixture.Client.acme)
        case "POST": _ = try await harness.client.archiveTask(id: Fixture.Task.acmeManagement)
        case "PATCH": _ = try await harness.client.updateTask(id: Fixture.Task.acmeManagement, TaskChanges(name: "PM"))
        default: try await harness.client.deleteClient(id: Fixture.Client.umbrella)
        }
        #expect(harness.sandbox.requests().filter { $0.method == method }.map(\.status).prefix(2) == [429, 429])
        #expect(harness.sandbox.requests().filter { $0.method == method }.count == 3)
        #expect(harness.clock.sleeps == [.seconds(7), .seconds(7)])
    }

    @Test func rateLimitWaitsAreBounded() async throws {
        let harness = try Harness()
        harness.sandbox.inject(.rateLimited(retryAfter: 1), times: 10, method: "GET")
        let error = await Self.failure { try await harness.client.me() }
        #expect(error?.kind == .rateLimited(retryAfter: 1))
        #expect(harness.requests("GET", "/me").count == 4, "the first try and three waits")
    }

    @Test func aConnectionThatNeverOpensIsRetriedForAnyMethodThenNamed() async throws {
        // A port held by a socket that never listens: connections are refused, and no other test's
        // sandbox can take the port meanwhile (as it could a port that was merely free a moment ago).
        let closed = try ClosedPort()
        defer { closed.release() }
        let port = closed.port
        let clock = VirtualClock()
        let client = try Harness.client(for: "http://127.0.0.1:\(port)/api/v1", token: Fixture.Token.owner, clock: clock, logs: LogRecorder())
        let error = await Self.failure { try await client.deleteClient(id: Fixture.Client.umbrella) }
        #expect(error?.kind == .cannotConnect)
        #expect(error?.message.contains("http://127.0.0.1:\(port)") == true)
        #expect(clock.sleeps.count == 2, "three tries in all")
    }

    @Test func aTimeoutIsRetriedForAGet() async throws {
        let harness = try Harness { $0.requestTimeout = .seconds(1) }
        harness.sandbox.inject(.delay(milliseconds: 1_600), method: "GET", path: "/me")
        _ = try await harness.client.me()
        #expect(harness.requests("GET", "/me").count == 2)
        #expect(harness.logs.text.contains("GET /me: timed_out; trying again"))
    }

    @Test func pacingHoldsAWalkButNeverASingleCall() async throws {
        let harness = try Harness { $0.pacing = [RequestPacing(limit: 2, window: .seconds(10))] }
        for _ in 0..<3 { _ = try await harness.client.me() }
        #expect(harness.clock.sleeps.isEmpty, "single calls are counted but never held")
        #expect(harness.requests("GET", "/me").count == 3)

        // The window is already full, so each page of the walk waits for room.
        let client = harness.client
        let walk = try await client.collectAll(limit: 30, perPage: 10) { page, perPage in
            try await client.listTimeEntries(page: page, perPage: perPage)
        }
        #expect(walk.items.count == 30)
        #expect(harness.requests("GET", "/time_entries").count == 3)
        #expect(harness.clock.sleeps.count >= 2)
        #expect(harness.clock.sleeps.allSatisfy { $0 > .zero && $0 <= .seconds(10) })
        #expect(harness.logs.lines.contains { $0.level == "info" && $0.message.contains("pacing at 2 requests per 10 s") })
    }
}

/// A loopback port bound by a socket that never listens, so that connecting to it is refused.
struct ClosedPort {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        guard descriptor >= 0, bound else { throw HarnessFailure("could not bind a loopback port") }
        self.descriptor = descriptor
        self.port = UInt16(bigEndian: address.sin_port)
    }

    func release() { close(descriptor) }
}

struct HarnessFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
