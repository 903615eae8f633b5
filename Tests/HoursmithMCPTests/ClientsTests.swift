import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// The clients toolset, end to end: the built server over stdio, the sandbox over HTTP.
@Suite struct ClientsTests {
    @Test func ownersListGetCreateAndUpdateClients() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let page = try await harness.call("list_clients", ["per_page": 2]).content()
            #expect(page["clients"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Acme Corp", "Globex"])
            #expect(page["total_entries"] == 5)
            #expect(page["next_page"] == 2)
            #expect(page["truncated"] == false)
            #expect(page["clients"]?.arrayValue?.first?["created_at"] == nil, "lists leave out timestamps")

            let inactive = try await harness.call("list_clients", ["is_active": false]).content()
            #expect(inactive["clients"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [Fixture.Client.umbrella])

            let one = try await harness.call("get_client", ["client_id": .int(Fixture.Client.initech)]).content()
            #expect(one["client"]?["name"] == "Initech")
            #expect(one["client"]?["created_at"] != nil)

            let missing = try await harness.call("get_client", ["client_id": 999_999])
            #expect(missing.isError)
            #expect(missing.text.hasPrefix("Hoursmith has no client 999999 that this token can see: it does not exist"), "\(missing.text)")
            #expect(missing.text.hasSuffix("List them to find the right id."))

            let created = try await harness.call("create_client", ["name": "Wayne Enterprises", "currency": "EUR",
                                                                    "address": "1007 Mountain Drive"]).content()
            let newID = try #require(created["client"]?["id"]?.intValue)
            #expect(harness.sandbox.snapshot().clients[newID]?.name == "Wayne Enterprises")

            let updated = try await harness.call("update_client", ["client_id": .int(newID), "address": nil, "is_active": false]).content()
            #expect(updated["client"]?["address"] == .null)
            #expect(updated["client"]?["is_active"] == false)
            #expect(updated["client"]?["currency"] == "EUR")

            let duplicate = try await harness.call("create_client", ["name": "Acme Corp"])
            #expect(duplicate.isError)
            #expect(duplicate.text.contains("name"))
        }
    }

    @Test func deleteClientRefusesActiveProjectsAndInvoicesWithoutDeleting() async throws {
        try await withHarness(token: Fixture.Token.admin) { harness in
            let acme = try await harness.call("delete_client", ["client_id": .int(Fixture.Client.acme)])
            #expect(acme.isError)
            #expect(acme.text.contains("Acme Website (id 1)"))
            #expect(acme.text.contains("Acme Mobile App (id 2)"))
            #expect(acme.text.contains("archive_project"))

            let globex = try await harness.call("delete_client", ["client_id": .int(Fixture.Client.globex)])
            #expect(globex.isError)
            #expect(globex.text.contains("2 invoices"))
            #expect(globex.text.contains("is_active: false"))

            let dryRun = try await harness.call("delete_client", ["client_id": .int(Fixture.Client.acme), "dry_run": true]).content()
            #expect(dryRun["would"] == "refuse")
            #expect(dryRun["reason"]?.stringValue == acme.text, "the dry run gives the refusal's own words")

            #expect(!harness.requestLines.contains { $0.hasPrefix("DELETE") }, "no DELETE reached the API")
            #expect(harness.sandbox.snapshot().clients[Fixture.Client.acme] != nil)
            #expect(harness.sandbox.snapshot().clients[Fixture.Client.globex] != nil)
        }
    }

    @Test func deleteClientDryRunChangesNothingThenDeleteTakesItsArchivedWork() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let before = harness.sandbox.snapshot()
            let entries = before.timeEntries.rows.filter { $0.projectID == Fixture.Project.initechMigration }.count
            let dryRun = try await harness.call("delete_client", ["client_id": .int(Fixture.Client.initech), "dry_run": true]).content()
            #expect(dryRun["would"] == "delete")
            #expect(dryRun["also_affected"]?["time_entries"]?.intValue == entries)
            #expect(dryRun["also_affected"]?["archived_projects"]?.arrayValue?.first?["name"] == "Initech Migration")
            #expect(!harness.requestLines.contains { $0.hasPrefix("DELETE") })
            #expect(harness.sandbox.snapshot().clients[Fixture.Client.initech] != nil)

            let deleted = try await harness.call("delete_client", ["client_id": .int(Fixture.Client.initech)]).content()
            #expect(deleted["deleted"] == true)
            #expect(harness.requestLines.filter { $0.hasPrefix("DELETE") } == ["DELETE /clients/\(Fixture.Client.initech)"])
            let after = harness.sandbox.snapshot()
            #expect(after.clients[Fixture.Client.initech] == nil)
            #expect(after.projects[Fixture.Project.initechMigration] == nil)
            #expect(!after.timeEntries.rows.contains { $0.projectID == Fixture.Project.initechMigration })
        }
    }

    @Test func whenTheAPIRefusesAnywayTheRefusalUsesTheGuardsWords() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            // Someone adds an active project to the client while its DELETE is on the way.
            let api = SandboxAPI(baseURL: harness.sandbox.baseURL, token: Fixture.Token.owner)
            let refused = try await harness.callWhileDeleteIsHeld(
                "/clients/\(Fixture.Client.initech)", "delete_client", ["client_id": .int(Fixture.Client.initech)]
            ) {
                let created = try await api.send("POST", "/projects", ["client_id": .int(Fixture.Client.initech), "name": "Initech Phase 2"])
                #expect(created.status == 201)
            }
            #expect(refused.isError)
            #expect(refused.text.contains("Initech Phase 2"), "the refusal names the project that appeared: \(refused.text)")
            #expect(harness.sandbox.snapshot().clients[Fixture.Client.initech] != nil)
        }
    }

    @Test func managersMayWriteClientsButNotDeleteThem() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let names = try await harness.server.toolNames()
            #expect(names.contains("update_client"))
            #expect(!names.contains("delete_client"))

            let created = try await harness.call("create_client", ["name": "Hooli"]).content()
            #expect(created["client"]?["name"] == "Hooli")

            harness.sandbox.clearRequests()
            let refused = try await harness.call("delete_client", ["client_id": .int(Fixture.Client.umbrella)])
            #expect(refused.isError)
            #expect(refused.text.contains("Your Hoursmith role is Manager"))
            #expect(refused.text.contains("can't delete clients"))
            #expect(harness.requestLines.isEmpty, "refused by role without a request: \(harness.requestLines)")
            #expect(harness.sandbox.snapshot().clients[Fixture.Client.umbrella] != nil)
        }
    }

    @Test func membersSeeNoClientToolsAndAreToldWhy() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let names = try await harness.server.toolNames()
            #expect(!names.contains { $0.contains("client") })

            harness.sandbox.clearRequests()
            let refused = try await harness.call("list_clients")
            #expect(refused.isError)
            #expect(refused.text.contains("Your Hoursmith role is Member"))
            #expect(refused.text.contains("Members can log"))
            #expect(harness.requestLines.isEmpty)
        }
    }
}
