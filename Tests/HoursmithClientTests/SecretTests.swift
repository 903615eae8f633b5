import Foundation
import HoursmithSandbox
import Testing
@testable import HoursmithClient

/// The token's secret never appears in an error, a description or a log line, whatever fails.
@Suite struct SecretTests {
    static let secret = "SecretSecretSecretSecret12345678"

    @Test func noErrorOrLogLineOfAnyKindContainsTheSecret() async throws {
        let harness = try Harness()
        let token = harness.sandbox.mintToken(user: Fixture.User.owner, secret: Self.secret)
        let client = try harness.client(token: token)
        let elsewhere = try Sandbox(.relaxed)
        defer { elsewhere.shutdown() }
        let sandbox = harness.sandbox
        let today = harness.today

        // One call per kind of failure the client can meet.
        sandbox.inject(.status(503), times: 3, method: "GET", path: "/me")
        sandbox.inject(.rateLimited(retryAfter: 120), method: "GET", path: "/users")
        sandbox.inject(.redirect(location: "\(elsewhere.baseURL)/me?token=\(token)"), method: "GET", path: "/clients")
        sandbox.inject(.nonJSONBody, method: "GET", path: "/projects")
        sandbox.inject(.dropConnection(afterProcessing: true), method: "DELETE", path: "/time_entries")
        sandbox.inject(.rateLimited(retryAfter: 2), method: "GET", path: "/tasks")
        var errors: [HoursmithError] = []
        func attempt(_ call: () async throws -> some Any) async {
            do { _ = try await call() } catch let error as HoursmithError { errors.append(error) } catch {}
        }
        await attempt { try await client.me() }
        await attempt { try await client.listUsers() }
        await attempt { try await client.listClients() }
        await attempt { try await client.listProjects() }
        await attempt { try await client.listTasks() }
        await attempt { try await client.deleteTimeEntry(id: Fixture.TimeEntry.samYesterday) }
        await attempt { try await client.getClient(id: 999) }
        await attempt { try await client.deleteClient(id: Fixture.Client.acme) }
        await attempt { try await client.createTimeEntry(TimeEntryDraft(projectID: 1, taskID: 1, spentDate: today, hours: 99)) }
        await attempt { try await client.send(.delete(.projects, id: 1)) }
        await attempt { try await client.listTimeEntries(perPage: 2000) }
        let tiny = try harness.client(token: token) { $0.maxResponseBytes = 1024 }
        await attempt { try await tiny.listTimeEntries(perPage: 100) }
        sandbox.revoke(token: token)
        await attempt { try await client.me() }
        sandbox.setPlan("solo", workspace: Fixture.Workspace.main)
        await attempt { try await harness.client.me() }
        let closed = try Harness.client(for: "http://127.0.0.1:1/api/v1", token: token, clock: harness.clock, logs: harness.logs)
        await attempt { try await closed.me() }

        let codes = Set(errors.map(\.code))
        #expect(codes.isSuperset(of: ["server_error", "rate_limited", "redirect_refused", "undecodable_response", "connection_lost",
                                      "not_found", "client_has_active_projects", "validation_failed", "method_not_allowed",
                                      "response_too_large", "invalid_token", "plan_required", "cannot_connect"]), "\(codes)")
        #expect(!harness.logs.lines.isEmpty)
        for error in errors {
            var dumped = ""
            dump(error, to: &dumped)
            for text in [error.message, error.description, error.apiMessage ?? "", String(reflecting: error), dumped] {
                #expect(!text.contains(Self.secret), "leaked by \(error.code): \(text)")
            }
        }
        #expect(!harness.logs.text.contains(Self.secret))
        var dumpedClient = ""
        dump(client.configuration, to: &dumpedClient)
        #expect(!dumpedClient.contains(Self.secret))
        #expect(!String(describing: client.configuration).contains(Self.secret))
        // And the token did reach the sandbox, in the Authorization header only.
        #expect(sandbox.requests().contains { $0.headers["authorization"] == "Bearer \(token)" })
        #expect(elsewhere.requests().isEmpty)
    }
}
