import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// The projects toolset, end to end: the built server over stdio, the sandbox over HTTP.
@Suite struct ProjectsTests {
    static func ids(_ result: JSON, _ key: String = "projects") -> [Int]? {
        result[key]?.arrayValue?.compactMap { $0["id"]?.intValue }
    }

    static let writers = [Fixture.Token.owner, Fixture.Token.admin, Fixture.Token.manager]

    /// Owners, admins and managers may use every project tool: each call acts on the sandbox.
    @Test(arguments: writers)
    func everyWritingRoleUsesEveryProjectTool(_ token: String) async throws {
        try await withHarness(token: token) { harness in
            let names = try await harness.server.toolNames()
            for tool in ["list_projects", "get_project", "create_project", "update_project", "archive_project"] {
                #expect(names.contains(tool), "\(tool) is listed")
            }
            let listed = try await harness.call("list_projects", ["client_id": .int(Fixture.Client.stark)]).content()
            #expect(Self.ids(listed) == [Fixture.Project.starkDashboard])
            let one = try await harness.call("get_project", ["project_id": .int(Fixture.Project.globexRebrand)]).content()
            #expect(one["project"]?["is_active"] == false)

            let created = try await harness.call("create_project", ["client_id": .int(Fixture.Client.globex), "name": "Globex Intranet"]).content()
            let id = try #require(created["project"]?["id"]?.intValue)
            #expect(harness.sandbox.snapshot().projects[id]?.clientID == Fixture.Client.globex)
            _ = try await harness.call("update_project", ["project_id": .int(id), "budget_hours": 80.5]).content()
            #expect(harness.sandbox.snapshot().projects[id]?.budgetHours == 8050)
            let archived = try await harness.call("archive_project", ["project_id": .int(id)]).content()
            #expect(archived["archived"] == true)
            #expect(harness.sandbox.snapshot().projects[id]?.isActive == false)
        }
    }

    @Test func ownersListProjectsByNameWithFiltersAndPages() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let snapshot = harness.sandbox.snapshot()
            let expected = snapshot.projects.values.filter { $0.workspaceID == Fixture.Workspace.main }
                .sorted { $0.name.lowercased() < $1.name.lowercased() }

            let all = try await harness.call("list_projects", ["detail": "full"]).content()
            #expect(Self.ids(all) == expected.map(\.id))
            #expect(all["total_entries"]?.intValue == expected.count)
            let website = try #require(all["projects"]?.arrayValue?.first { $0["id"]?.intValue == Fixture.Project.acmeWebsite })
            #expect(website["client"] == ["id": .int(Fixture.Client.acme), "name": "Acme Corp"], "names next to ids")
            #expect(website["code"] == "ACME-WEB")
            #expect(website["hourly_rate"]?.doubleValue == 150)
            #expect(website["budget_hours"]?.doubleValue == 400)
            #expect(website["member_ids"]?.arrayValue?.compactMap(\.intValue) == [1, 2, 3, 4])
            let concise = try await harness.call("list_projects").content()
            let short = try #require(concise["projects"]?.arrayValue?.first { $0["id"]?.intValue == Fixture.Project.acmeWebsite })
            #expect(short == ["id": .int(Fixture.Project.acmeWebsite), "name": "Acme Website", "code": "ACME-WEB", "client": "Acme Corp",
                              "hourly_rate": 150.0, "budget_hours": 400.0, "starts_on": website["starts_on"] ?? .null], "concise: no nulls")

            let acme = try await harness.call("list_projects", ["client_id": .int(Fixture.Client.acme)]).content()
            #expect(Self.ids(acme) == [Fixture.Project.acmeMobile, Fixture.Project.acmeWebsite])
            let archived = try await harness.call("list_projects", ["is_active": false]).content()
            #expect(Self.ids(archived) == [Fixture.Project.globexRebrand, Fixture.Project.initechMigration])

            let page = try await harness.call("list_projects", ["page": 2, "per_page": 2]).content()
            #expect(Self.ids(page) == expected[2..<4].map(\.id))
            #expect(page["next_page"] == 3)
            #expect(page["truncated"] == false)

            let one = try await harness.call("get_project", ["project_id": .int(Fixture.Project.starkDashboard)]).content()
            #expect(one["project"]?["name"] == "Stark Dashboard")
            #expect(one["project"]?["notes"] == "Reactor telemetry dashboard.")
            #expect(one["project"]?["client"]?["name"] == "Stark Industries")
            #expect(one["project"]?["created_at"] != nil, "single objects keep their timestamps")

            let missing = try await harness.call("get_project", ["project_id": 999])
            #expect(missing.isError)
            #expect(missing.text.contains("no project 999"))
        }
    }

    @Test func allProjectsFollowsPagesWithProgressAndTruncatesAtTheLimit() async throws {
        try await withHarness(token: Fixture.Token.admin) { harness in
            let total = harness.sandbox.snapshot().projects.values.filter { $0.workspaceID == Fixture.Workspace.main }.count
            let everything = try await harness.call("list_projects", ["all": true, "per_page": 2], meta: ["progressToken": "p1"]).content()
            #expect(everything["projects"]?.arrayValue?.count == total)
            #expect(everything["truncated"] == false)
            #expect(everything["next_page"] == .null)
            #expect(harness.requestLines.filter { $0.hasPrefix("GET /projects") }.count == (total + 1) / 2, "every page fetched once")
            let progress = harness.server.messages.filter {
                $0["method"] == "notifications/progress" && $0["params"]?["progressToken"] == "p1"
            }
            #expect(progress.count >= 2, "one notification per page at least")
            #expect(progress.last?["params"]?["progress"]?.doubleValue == Double(total))

            let limited = try await harness.call("list_projects", ["all": true, "limit": 2]).content()
            #expect(limited["projects"]?.arrayValue?.count == 2)
            #expect(limited["truncated"] == true)
            #expect(limited["note"]?.stringValue?.contains("raise `limit`") == true)
        }
    }

    @Test func managersCreateAndUpdateProjectsWithDateWordsAndClearing() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let today = try #require(harness.sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.mariaToday]?.spentDay)
            let created = try await harness.call("create_project", [
                "client_id": .int(Fixture.Client.stark), "name": "Stark Mobile", "code": "STK-MOB", "is_billable": false,
                "hourly_rate": 125.5, "budget_hours": 120, "starts_on": "today", "ends_on": "tomorrow", "notes": "Phase 1",
            ]).content()
            let id = try #require(created["project"]?["id"]?.intValue)
            let stored = try #require(harness.sandbox.snapshot().projects[id])
            #expect(stored.name == "Stark Mobile")
            #expect(stored.clientID == Fixture.Client.stark)
            #expect(stored.code == "STK-MOB")
            #expect(stored.isBillable == false)
            #expect(stored.hourlyRate == 12550)
            #expect(stored.budgetHours == 12000)
            #expect(stored.startsOn == today, "today in the workspace's timezone")
            #expect(stored.endsOn == today + 1)
            #expect(stored.notes == "Phase 1")
            #expect(stored.memberIDs == [Fixture.User.manager])

            let updated = try await harness.call("update_project", [
                "project_id": .int(id), "name": "Stark Mobile App", "code": nil, "hourly_rate": nil, "ends_on": nil,
                "notes": "Phase 2", "client_id": .int(Fixture.Client.acme),
            ]).content()
            #expect(updated["project"]?["name"] == "Stark Mobile App")
            let after = try #require(harness.sandbox.snapshot().projects[id])
            #expect(after.code == nil)
            #expect(after.hourlyRate == nil)
            #expect(after.endsOn == nil)
            #expect(after.startsOn == today, "left alone when not given")
            #expect(after.budgetHours == 12000)
            #expect(after.notes == "Phase 2")
            #expect(after.clientID == Fixture.Client.acme)

            let unknownClient = try await harness.call("create_project", ["client_id": 999, "name": "Nowhere"])
            #expect(unknownClient.isError)
            #expect(unknownClient.text.contains("client_id"))
        }
    }

    @Test func dateArgumentsAreCheckedBeforeAnyRequest() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            harness.sandbox.clearRequests()
            let reversed = try await harness.call("create_project", [
                "client_id": .int(Fixture.Client.acme), "name": "Backwards", "starts_on": "2026-05-10", "ends_on": "2026-05-01",
            ])
            #expect(reversed.isError)
            #expect(reversed.text.contains("`ends_on`"))
            #expect(reversed.text.contains("`starts_on`"))

            let word = try await harness.call("create_project", ["client_id": .int(Fixture.Client.acme), "name": "Soon", "starts_on": "someday"])
            #expect(word.isError)
            #expect(word.text.contains("starts_on"))

            let noSuchDay = try await harness.call("update_project", ["project_id": .int(Fixture.Project.acmeWebsite), "ends_on": "2026-02-30"])
            #expect(noSuchDay.isError)
            #expect(noSuchDay.text.contains("`ends_on`"))
            #expect(noSuchDay.text.contains("not a date"))

            let unknown = try await harness.call("update_project", ["project_id": .int(Fixture.Project.acmeWebsite), "colour": "red"])
            #expect(unknown.isError)
            #expect(unknown.text.contains("colour"))
            #expect(harness.requestLines.isEmpty, "nothing reached the API: \(harness.requestLines)")
        }
    }

    @Test func archiveProjectDryRunChangesNothingThenArchivesOnceStoppingTimers() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let website = Fixture.Project.acmeWebsite, timer = Fixture.TimeEntry.samRunningTimer
            #expect(harness.sandbox.snapshot().timeEntries[id: timer]?.isRunning == true)

            let dryRun = try await harness.call("archive_project", ["project_id": .int(website), "dry_run": true]).content()
            #expect(dryRun["would"] == "archive")
            #expect(dryRun["already_archived"] == false)
            #expect(dryRun["target"]?["name"] == "Acme Website")
            let running = try #require(dryRun["also_affected"]?["running_timers"]?.arrayValue)
            #expect(running.compactMap { $0["id"]?.intValue } == [timer])
            #expect(running.first?["user"]?["name"] == "Sam Carter")
            #expect(dryRun["reason"]?.stringValue?.contains("Sam Carter's timer on Development (time entry 1") == true)
            #expect(dryRun["reason"]?.stringValue?.contains("update_project with project_id: 1 and is_active: true") == true)
            #expect(!harness.requestLines.contains { $0.hasSuffix("/archive") }, "a dry run does not archive")
            #expect(harness.sandbox.snapshot().projects[website]?.isActive == true)
            #expect(harness.sandbox.snapshot().timeEntries[id: timer]?.isRunning == true)

            let archived = try await harness.call("archive_project", ["project_id": .int(website)]).content()
            #expect(archived["archived"] == true)
            #expect(archived["already_archived"] == false)
            #expect(archived["project"]?["is_active"] == false)
            let message = try #require(archived["message"]?.stringValue)
            #expect(message.contains("Stopped 1 running timer"))
            #expect(message.contains("update_project with project_id: 1 and is_active: true"))
            #expect(harness.requestLines.filter { $0.hasSuffix("/archive") } == ["POST /projects/\(website)/archive"])
            #expect(harness.sandbox.snapshot().projects[website]?.isActive == false)
            #expect(harness.sandbox.snapshot().timeEntries[id: timer]?.isRunning == false)

            let again = try await harness.call("archive_project", ["project_id": .int(website)]).content()
            #expect(again["archived"] == false)
            #expect(again["already_archived"] == true)
            #expect(again["message"]?.stringValue?.contains("already archived") == true)
            #expect(harness.requestLines.filter { $0.hasSuffix("/archive") }.count == 1, "a no-op sends no second archive")

            let restored = try await harness.call("update_project", ["project_id": .int(website), "is_active": true]).content()
            #expect(restored["project"]?["is_active"] == true)
            #expect(harness.sandbox.snapshot().projects[website]?.isActive == true)
            #expect(harness.sandbox.snapshot().timeEntries[id: timer]?.isRunning == false, "restoring does not restart timers")
        }
    }

    @Test func archivingAProjectWithoutTimersSaysSoAndAdminsMayArchive() async throws {
        try await withHarness(token: Fixture.Token.admin) { harness in
            let archived = try await harness.call("archive_project", ["project_id": .int(Fixture.Project.starkDashboard)]).content()
            #expect(archived["archived"] == true)
            #expect(archived["also_affected"]?["running_timers"] == [])
            #expect(archived["message"]?.stringValue?.contains("No timer was running") == true)
            #expect(harness.sandbox.snapshot().projects[Fixture.Project.starkDashboard]?.isActive == false)

            harness.sandbox.clearRequests()
            let dryRun = try await harness.call("archive_project", ["project_id": .int(Fixture.Project.initechMigration), "dry_run": true]).content()
            #expect(dryRun["already_archived"] == true)
            #expect(dryRun["reason"]?.stringValue?.contains("already archived") == true)
            #expect(harness.requestLines == ["GET /projects/\(Fixture.Project.initechMigration)"], "an archived project has no timers to look for")
        }
    }

    @Test func membersReadTheirProjectsOnlyAndMayNotWriteThem() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let names = try await harness.server.toolNames()
            #expect(names.contains("list_projects"))
            #expect(names.contains("get_project"))
            for tool in ["create_project", "update_project", "archive_project"] {
                #expect(!names.contains(tool), "\(tool) is not listed for members")
            }

            let visible = harness.sandbox.snapshot().projects.values
                .filter { $0.memberIDs.contains(Fixture.User.member) }
                .sorted { $0.name < $1.name }.map(\.id)
            let mine = try await harness.call("list_projects").content()
            #expect(Self.ids(mine) == visible)
            let one = try await harness.call("get_project", ["project_id": .int(Fixture.Project.acmeMobile)]).content()
            #expect(one["project"]?["name"] == "Acme Mobile App")
            let hidden = try await harness.call("get_project", ["project_id": .int(Fixture.Project.starkDashboard)])
            #expect(hidden.isError)
            #expect(hidden.text.contains("no project \(Fixture.Project.starkDashboard) that this token can see"))

            harness.sandbox.clearRequests()
            let calls: [(String, JSONObject, String)] = [
                ("create_project", ["client_id": .int(Fixture.Client.acme), "name": "Mine"], "can't create projects"),
                ("update_project", ["project_id": .int(Fixture.Project.acmeWebsite), "name": "Mine"], "can't change projects"),
                ("archive_project", ["project_id": .int(Fixture.Project.acmeWebsite)], "can't archive projects"),
            ]
            for (tool, arguments, words) in calls {
                let refused = try await harness.call(tool, arguments)
                #expect(refused.isError)
                #expect(refused.text.contains("Your Hoursmith role is Member"), "\(tool)")
                #expect(refused.text.contains(words), "\(tool): \(refused.text)")
            }
            #expect(harness.requestLines.isEmpty, "refused by role without a request: \(harness.requestLines)")
            #expect(harness.sandbox.snapshot().projects[Fixture.Project.acmeWebsite]?.isActive == true)
        }
    }
}
