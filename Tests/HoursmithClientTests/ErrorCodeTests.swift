import Foundation
import HoursmithSandbox
import JSONCore
import Testing
@testable import HoursmithClient

/// Every error code of the contract, produced by the sandbox over real HTTP, with its message.
@Suite struct ErrorCodeTests {
    /// Runs `call` and returns the error it throws, recording an issue when it does not throw.
    static func failure<T>(_ call: () async throws -> T) async -> HoursmithError? {
        do {
            let value = try await call()
            Issue.record("expected an error, got \(value)")
            return nil
        } catch let error as HoursmithError {
            return error
        } catch {
            Issue.record("expected a HoursmithError, got \(error)")
            return nil
        }
    }

    @Test(arguments: [Fixture.Token.revoked, Fixture.Token.inactiveMember, "hsk_live_000000000000_NoSuchTokenNoSuchTokenNoSuchTok"])
    func invalidToken(token: String) async throws {
        let harness = try Harness()
        let error = await Self.failure { try await harness.client(token: token).me() }
        #expect(error?.kind == .invalidToken)
        #expect(error?.status == 401)
        #expect(error?.message == "Hoursmith rejected the API token: it is invalid, was revoked, or its member was removed. Mint a new one in Settings → API (https://hoursmith.app/settings/api) and update HOURSMITH_API_TOKEN in your MCP client's config.")
        #expect(harness.sandbox.requests().count == 1, "a 401 is not retried")
    }

    @Test func revocationAndRemovalTakeEffectOnTheNextRequest() async throws {
        let harness = try Harness()
        let minted = harness.sandbox.mintToken(user: Fixture.User.admin)
        let client = try harness.client(token: minted)
        _ = try await client.me()
        harness.sandbox.revoke(token: minted)
        #expect(await Self.failure { try await client.me() }?.kind == .invalidToken)

        let manager = try harness.client(token: Fixture.Token.manager)
        _ = try await manager.me()
        harness.sandbox.removeMember(user: Fixture.User.manager)
        #expect(await Self.failure { try await manager.me() }?.kind == .invalidToken)
    }

    @Test(arguments: [(Fixture.Token.soloPlan, Plan.solo, "Solo"), (Fixture.Token.freePlan, .free, "Free")])
    func planRequired(token: String, plan: Plan, name: String) async throws {
        let harness = try Harness()
        let error = await Self.failure { try await harness.client(token: token).me() }
        #expect(error?.kind == .planRequired(plan: plan))
        #expect(error?.message == "API access needs the Studio or Agency plan; this workspace is on \(name). An Owner can upgrade in Settings → Billing.")
        #expect(error?.apiMessage?.isEmpty == false)
    }

    @Test func planRequiredAfterADowngrade() async throws {
        let harness = try Harness()
        harness.sandbox.setPlan("solo", workspace: Fixture.Workspace.main)
        let error = await Self.failure { try await harness.client.listClients() }
        #expect(error?.kind == .planRequired(plan: .solo))
    }

    @Test func forbidden() async throws {
        let harness = try Harness()
        let member = try harness.client(token: Fixture.Token.member)
        let clients = await Self.failure { try await member.listClients() }
        #expect(clients?.kind == .forbidden)
        #expect(clients?.status == 403)
        #expect(clients?.message.contains("role") == true)
        #expect(clients?.apiMessage.map { clients?.message.contains($0) == true } == true, "the API's reason is quoted")

        let manager = try harness.client(token: Fixture.Token.manager)
        #expect(await Self.failure { try await manager.deleteClient(id: Fixture.Client.umbrella) }?.kind == .forbidden)
        let invoice = InvoiceDraft(clientID: Fixture.Client.acme, content: .lineItems([LineItemDraft(description: "x", quantity: 1, unitPrice: 1)]))
        #expect(await Self.failure { try await manager.createInvoice(invoice) }?.kind == .forbidden)
        #expect(await Self.failure { try await member.listTimeEntries(TimeEntryFilter(userID: Fixture.User.member2)) }?.kind == .forbidden)
    }

    @Test func notFound() async throws {
        let harness = try Harness()
        let sam = try harness.client(token: Fixture.Token.member)
        let hidden = await Self.failure { try await sam.getTimeEntry(id: Fixture.TimeEntry.lenaMobile) }
        #expect(hidden?.kind == .notFound)
        #expect(hidden?.message.contains("GET /time_entries/\(Fixture.TimeEntry.lenaMobile)") == true)
        #expect(hidden?.message.contains("may not see it") == true)
        #expect(hidden?.object == APIObject(.timeEntries, Fixture.TimeEntry.lenaMobile), "the error says which object, typed")
        let missing = await Self.failure { try await harness.client.getProject(id: 999_999) }
        #expect(missing?.kind == .notFound)
        #expect(missing?.object == APIObject(.projects, 999_999))
        let stop = await Self.failure { try await harness.client.stopTimeEntry(id: 999_999) }
        #expect(stop?.kind == .notFound)
        #expect(stop?.object == APIObject(.timeEntries, 999_999), "an action on an object is about that object")
    }

    @Test func methodNotAllowed() async throws {
        let harness = try Harness()
        let error = await Self.failure { try await harness.client.send(.delete(.projects, id: Fixture.Project.acmeWebsite)) }
        #expect(error?.kind == .methodNotAllowed)
        #expect(error?.status == 405)
        #expect(error?.message.contains("DELETE /projects/1") == true)
    }

    @Test func validationFailedNamesTheFields() async throws {
        let harness = try Harness()
        let tooLong = TimeEntryDraft(projectID: Fixture.Project.acmeWebsite, taskID: Fixture.Task.acmeDesign, spentDate: harness.today, hours: 25)
        let hours = await Self.failure { try await harness.client.createTimeEntry(tooLong) }
        guard case .validationFailed(let fields)? = hours?.kind else {
            Issue.record("expected validation_failed, got \(String(describing: hours))")
            return
        }
        #expect(fields.map(\.field) == ["hours"])
        #expect(hours?.message.hasPrefix("Hoursmith refused the values: hours: ") == true)

        let duplicate = await Self.failure { try await harness.client.createClient(ClientDraft(name: "Acme Corp")) }
        guard case .validationFailed(let nameFields)? = duplicate?.kind else {
            Issue.record("expected validation_failed, got \(String(describing: duplicate))")
            return
        }
        #expect(nameFields.map(\.field) == ["name"])

        let page = await Self.failure { try await harness.client.listClients(perPage: 5000) }
        #expect(page?.code == "validation_failed")
        #expect(page?.message.contains("per_page") == true)
    }

    @Test func guardCodes() async throws {
        let harness = try Harness()
        let client = harness.client
        let today = harness.today
        func code(_ call: () async throws -> some Any) async -> String? { await Self.failure(call)?.code }

        #expect(await code { try await client.deleteClient(id: Fixture.Client.acme) } == "client_has_active_projects")
        #expect(await code { try await client.deleteClient(id: Fixture.Client.globex) } == "client_has_invoices")
        #expect(await code { try await client.deleteTimeEntry(id: Fixture.TimeEntry.invoiced) } == "time_entry_invoiced")
        #expect(await code { try await client.updateTimeEntry(id: Fixture.TimeEntry.invoiced, TimeEntryChanges(hours: 1)) } == "time_entry_invoiced")
        #expect(await code { try await client.deleteExpense(id: Fixture.Expense.invoiced) } == "expense_invoiced")
        #expect(await code { try await client.restartTimeEntry(id: Fixture.TimeEntry.samRunningTimer) } == "timer_already_running")
        #expect(await code { try await client.stopTimeEntry(id: Fixture.TimeEntry.mariaToday) } == "timer_not_running")
        #expect(await code { try await client.updateTimeEntry(id: Fixture.TimeEntry.lenaInitech, TimeEntryChanges(notes: .set("x"))) } == "project_archived")
        let onArchivedTask = TimeEntryDraft(projectID: Fixture.Project.acmeWebsite, taskID: Fixture.Task.acmeLegacySupport, spentDate: today, hours: 1)
        #expect(await code { try await client.createTimeEntry(onArchivedTask) } == "task_archived")

        let error = await Self.failure { try await client.deleteClient(id: Fixture.Client.acme) }
        #expect(error?.message == "The client still has active projects, so it cannot be deleted: archive them first, or keep the client and set is_active to false.")
        #expect(error?.apiMessage?.isEmpty == false, "the API's own sentence is kept")
        #expect(harness.requests("DELETE", "/clients/\(Fixture.Client.acme)").count == 2, "guards are not retried")
    }

    @Test func idempotencyKeys() async throws {
        let harness = try Harness()
        let key = "test-key-0001"
        let first: JSONObject = ["name": "Replayed Client"]
        let created = try await harness.client.fetch(APIRequest.create(.clients, first).with(key: key), as: Client.self)
        let replayed = try await harness.client.fetch(APIRequest.create(.clients, first).with(key: key), as: Client.self)
        #expect(replayed == created, "the same key and body return the first answer")
        #expect(harness.sandbox.snapshot().clients.values.filter { $0.name == "Replayed Client" }.count == 1)

        let other: JSONObject = ["name": "Another Client"]
        let reused = await Self.failure { try await harness.client.fetch(APIRequest.create(.clients, other).with(key: key), as: Client.self) }
        #expect(reused?.kind == .idempotencyKeyReused)
        #expect(reused?.message.contains("idempotency key") == true)
    }

    @Test func rateLimitedWaitsOutARealRetryAfter() async throws {
        // The one test that sleeps for real: a 429 with `Retry-After: 1`, then the resend.
        let harness = try Harness { $0.clock = .system }
        harness.sandbox.inject(.rateLimited(retryAfter: 1), method: "DELETE", path: "/time_entries")
        let start = ContinuousClock.now
        try await harness.client.deleteTimeEntry(id: Fixture.TimeEntry.samYesterday)
        let elapsed = ContinuousClock.now - start
        #expect(harness.requests("DELETE", "/time_entries/\(Fixture.TimeEntry.samYesterday)").map(\.status) == [429, 204])
        #expect(elapsed >= .milliseconds(950), "the resend waited for Retry-After")
        #expect(harness.logs.text.contains("rate limited; waiting 1 s as Retry-After asks"))
    }

    @Test func theSandboxsOwnLimiterAnswers429WithRetryAfter() async throws {
        let harness = try Harness(sandbox: SandboxConfiguration(requestsPerWindow: 2, windowSeconds: 900)) { $0.pacing = [] }
        _ = try await harness.client.me()
        _ = try await harness.client.me()
        let error = await Self.failure { try await harness.client.me() }
        guard case .rateLimited(let retryAfter?)? = error?.kind else {
            Issue.record("expected rate_limited with Retry-After, got \(String(describing: error))")
            return
        }
        #expect((1...900).contains(retryAfter))
        #expect(harness.clock.sleeps.isEmpty, "a Retry-After beyond the 60 s bound is not waited out")
    }

    @Test func rateLimitedBeyondTheBoundFailsAtOnce() async throws {
        let harness = try Harness()
        harness.sandbox.inject(.rateLimited(retryAfter: 120), method: "GET", path: "/me")
        let error = await Self.failure { try await harness.client.me() }
        #expect(error?.kind == .rateLimited(retryAfter: 120))
        #expect(error?.message.contains("try again in 120 seconds") == true)
        #expect(harness.clock.sleeps.isEmpty)
        #expect(harness.requests("GET", "/me").count == 1)
    }

    @Test func serverError() async throws {
        let harness = try Harness { $0.retry = .never }
        harness.sandbox.inject(.status(503), method: "GET", path: "/me")
        let error = await Self.failure { try await harness.client.me() }
        #expect(error?.kind == .serverError(status: 503))
        #expect(error?.message.contains("HTTP 503") == true)
    }
}

extension APIRequest {
    func with(key: String) -> APIRequest {
        var copy = self
        copy.idempotencyKey = key
        return copy
    }
}
