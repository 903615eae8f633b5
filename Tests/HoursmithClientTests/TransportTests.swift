import Foundation
import HoursmithSandbox
import ConcurrencyHelpers
import Testing
@testable import HoursmithClient

/// Redirects, size caps and cancellation, over real HTTP.
@Suite struct TransportTests {
    @Test(arguments: [302, 301, 307, 308])
    func aRedirectIsRefusedAndTheTokenGoesNowhereElse(status: Int) async throws {
        let harness = try Harness()
        let elsewhere = try Sandbox(.relaxed)
        defer { elsewhere.shutdown() }
        let target = "\(elsewhere.baseURL)/me"
        harness.sandbox.inject(.redirect(location: target, status: status), method: "GET", path: "/me")

        let error = await ErrorCodeTests.failure { try await harness.client.me() }
        #expect(error?.kind == .redirectRefused(status: status, location: target))
        #expect(error?.code == "redirect_refused")
        #expect(error?.message.contains("redirect (HTTP \(status) to \(target))") == true)
        #expect(elsewhere.requests().isEmpty, "the second sandbox never heard from the client")
        #expect(harness.requests("GET", "/me").count == 1, "a redirect is not retried")
    }

    @Test func aRedirectOfACreateIsRefusedToo() async throws {
        let harness = try Harness()
        let elsewhere = try Sandbox(.relaxed)
        defer { elsewhere.shutdown() }
        harness.sandbox.inject(.redirect(location: "\(elsewhere.baseURL)/clients", status: 307), method: "POST", path: "/clients")
        let error = await ErrorCodeTests.failure { try await harness.client.createClient(ClientDraft(name: "Nowhere")) }
        #expect(error?.code == "redirect_refused")
        #expect(elsewhere.requests().isEmpty)
    }

    @Test func anAnswerOverTheSizeCapIsAnErrorNotMemory() async throws {
        let harness = try Harness { $0.maxResponseBytes = 64 * 1024 }
        let error = await ErrorCodeTests.failure { try await harness.client.listTimeEntries(perPage: 2000) }
        #expect(error?.kind == .responseTooLarge(limit: 64 * 1024))
        #expect(error?.message.contains("65536 bytes") == true)
        #expect(harness.requests("GET", "/time_entries").count == 1, "not retried")
        // A page under the cap still works with the same client.
        #expect(try await harness.client.listTimeEntries(perPage: 10).items.count == 10)
    }

    @Test func cancellingTheTaskCancelsTheRequest() async throws {
        let harness = try Harness()
        let gate = SandboxGate()
        defer { gate.open() }
        harness.sandbox.inject(.hold(gate), method: "GET", path: "/me")
        let call = Task { try await harness.client.me() }
        // Cancel once the request has reached the sandbox (where it is held).
        try await harness.sandbox.waitForRequests { $0.method == "GET" && $0.path == "/me" }
        call.cancel()
        let result = await call.result
        guard case .failure(let error as HoursmithError) = result else {
            Issue.record("expected a cancellation, got \(result)")
            return
        }
        #expect(error.kind == .cancelled)
        #expect(harness.requests("GET", "/me").count == 1, "a cancelled request is not retried")
    }

    @Test func cancellingDuringARetryWaitStopsTheCall() async throws {
        // A clock whose sleeps really wait (until cancelled), and say when one begins.
        let waits = Watched<[Duration]>([])
        let clock = ClientClock(now: { .now }) { duration in
            waits.withLock { $0.append(duration) }
            try await Task.sleep(for: duration)
        }
        let harness = try Harness { $0.clock = clock }
        harness.sandbox.inject(.rateLimited(retryAfter: 30), method: "GET", path: "/me")
        let call = Task { try await harness.client.me() }
        try await waits.wait(until: { $0 == [.seconds(30)] }, "the wait of 30 s that Retry-After asks for")
        call.cancel()
        let result = await call.result
        guard case .failure(let error as HoursmithError) = result else {
            Issue.record("expected a cancellation, got \(result)")
            return
        }
        #expect(error.kind == .cancelled)
        #expect(harness.requests("GET", "/me").count == 1)
    }

    @Test func aClientIsReusableAcrossManyConcurrentCalls() async throws {
        let harness = try Harness()
        let ids = try await withThrowingTaskGroup(of: Int.self) { group in
            for id in 1...5 { group.addTask { try await harness.client.getClient(id: id).id } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(ids.sorted() == [1, 2, 3, 4, 5])
    }
}
