import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// The tasks toolset, end to end: the built server over stdio, the sandbox over HTTP.
@Suite struct TasksTests {
    static func ids(_ result: JSON) -> [Int]? {
        result["tasks"]?.arrayValue?.compactMap { $0["id"]?.intValue }
    }

    /// The main workspace's tasks as the API orders them: by name, then id.
    static func expected(_ snapshot: SandboxSnapshot, where include: (TaskRecord) -> Bool = { _ in true }) -> [Int] {
        snapshot.tasks.values
            .filter { snapshot.projects[$0.projectID]?.workspaceID == Fixture.Workspace.main && include($0) }
            .sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
            .map(\.id)
    }

    static let writers = [Fixture.Token.owner, Fixture.Token.admin, Fixture.Token.manager]

    /// Owners, admins and managers may use every task tool: each call acts on the sandbox.
    @Test(arguments: writers)
    func everyWritingRoleUsesEveryTaskTool(_ token: String) async throws {
        try await withHarness(token: token) { harness in
            let names = try await harness.server.toolNames()
            for tool in ["list_tasks", "get_task", "create_task", "update_task", "archive_task"] {
                #expect(names.contains(tool), "\(tool) is listed")
            }
            let listed = try await harness.call("list_tasks", ["project_id": .int(Fixture.Project.starkDashboard)]).content()
            #expect(Self.ids(listed) == [Fixture.Task.starkDevelopment, Fixture.Task.starkQA])
            let one = try await harness.call("get_task", ["task_id": .int(Fixture.Task.initechMigration)]).content()
            #expect(one["task"]?["project"]?["name"] == "Initech Migration")

            let created = try await harness.call("create_task", ["project_id": .int(Fixture.Project.acmeMobile), "name": "Testing"]).content()
            let id = try #require(created["task"]?["id"]?.intValue)
            #expect(harness.sandbox.snapshot().tasks[id]?.projectID == Fixture.Project.acmeMobile)
            #expect(harness.sandbox.snapshot().tasks[id]?.billableByDefault == true, "billable unless said otherwise")
            _ = try await harness.call("update_task", ["task_id": .int(id), "hourly_rate": 0]).content()
            #expect(harness.sandbox.snapshot().tasks[id]?.hourlyRate == 0)
            let archived = try await harness.call("archive_task", ["task_id": .int(id)]).content()
            #expect(archived["archived"] == true)
            #expect(archived["message"]?.stringValue?.contains("No timer was running") == true)
            #expect(harness.sandbox.snapshot().tasks[id]?.isActive == false)
        }
    }

    @Test func ownersListTasksByProjectWithFiltersAndPages() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let snapshot = harness.sandbox.snapshot()

            let website = try await harness.call("list_tasks", ["project_id": .int(Fixture.Project.acmeWebsite)]).content()
            #expect(Self.ids(website) == [Fixture.Task.acmeDesign, Fixture.Task.acmeDevelopment, Fixture.Task.acmeLegacySupport,
                                          Fixture.Task.acmeManagement])
            let management = try #require(website["tasks"]?.arrayValue?.first { $0["id"]?.intValue == Fixture.Task.acmeManagement })
            #expect(management["billable_by_default"] == false)
            #expect(management["project"] == "Acme Website", "concise: names")
            #expect(website["references"]?["projects"] == [["id": .int(Fixture.Project.acmeWebsite), "name": "Acme Website"]], "ids beside")
            #expect(management["created_at"] == nil, "lists leave out timestamps")

            let archived = try await harness.call("list_tasks", ["is_active": false]).content()
            #expect(Self.ids(archived) == Self.expected(snapshot) { !$0.isActive })

            let all = Self.expected(snapshot)
            let page = try await harness.call("list_tasks", ["page": 3, "per_page": 3]).content()
            #expect(Self.ids(page) == Array(all[6..<9]))
            #expect(page["total_entries"]?.intValue == all.count)
            #expect(page["next_page"] == 4)

            let qa = try await harness.call("get_task", ["task_id": .int(Fixture.Task.starkQA)]).content()
            #expect(qa["task"]?["name"] == "QA")
            #expect(qa["task"]?["hourly_rate"]?.doubleValue == 120)
            #expect(qa["task"]?["project"]?["name"] == "Stark Dashboard")
            #expect(qa["task"]?["updated_at"] != nil, "single objects keep their timestamps")
        }
    }

    @Test func allTasksFollowsPagesWithProgressAndTruncatesAtTheLimit() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let all = Self.expected(harness.sandbox.snapshot())
            let limited = try await harness.call("list_tasks", ["all": true, "per_page": 4, "limit": 7],
                                                 meta: ["progressToken": "t1"]).content()
            #expect(Self.ids(limited) == Array(all.prefix(7)))
            #expect(limited["truncated"] == true)
            #expect(limited["total_entries"]?.intValue == all.count)
            #expect(limited["note"]?.stringValue?.contains("first 7 of \(all.count) tasks") == true)
            let progress = harness.server.messages.filter {
                $0["method"] == "notifications/progress" && $0["params"]?["progressToken"] == "t1"
            }
            #expect(progress.compactMap { $0["params"]?["progress"]?.doubleValue } == [4, 7])

            let everything = try await harness.call("list_tasks", ["all": true]).content()
            #expect(Self.ids(everything) == all)
            #expect(everything["truncated"] == false)
        }
    }

    @Test func managersCreateAndUpdateTasks() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let created = try await harness.call("create_task", [
                "project_id": .int(Fixture.Project.starkDashboard), "name": "Research", "billable_by_default": false,
                "hourly_rate": 99.95,
            ]).content()
            let id = try #require(created["task"]?["id"]?.intValue)
            let stored = try #require(harness.sandbox.snapshot().tasks[id])
            #expect(stored.projectID == Fixture.Project.starkDashboard)
            #expect(stored.name == "Research")
            #expect(stored.billableByDefault == false)
            #expect(stored.hourlyRate == 9995)

            let updated = try await harness.call("update_task", ["task_id": .int(id), "name": "User Research", "hourly_rate": nil,
                                                                 "billable_by_default": true]).content()
            #expect(updated["task"]?["name"] == "User Research")
            let after = try #require(harness.sandbox.snapshot().tasks[id])
            #expect(after.hourlyRate == nil, "null clears the task's own rate")
            #expect(after.billableByDefault == true)
            #expect(after.name == "User Research")

            let duplicate = try await harness.call("create_task", ["project_id": .int(Fixture.Project.starkDashboard), "name": "QA"])
            #expect(duplicate.isError)
            #expect(duplicate.text.contains("name"))

            harness.sandbox.clearRequests()
            let negative = try await harness.call("create_task", ["project_id": .int(Fixture.Project.starkDashboard), "name": "Free",
                                                                  "hourly_rate": -5])
            #expect(negative.isError)
            #expect(negative.text.contains("hourly_rate"))
            #expect(harness.requestLines.isEmpty, "the schema refuses a negative rate before any request")
        }
    }

    @Test func archiveTaskDryRunChangesNothingThenArchivesOnceStoppingTimers() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let development = Fixture.Task.acmeDevelopment, timer = Fixture.TimeEntry.samRunningTimer

            let dryRun = try await harness.call("archive_task", ["task_id": .int(development), "dry_run": true]).content()
            #expect(dryRun["would"] == "archive")
            #expect(dryRun["target"]?["project"]?["name"] == "Acme Website")
            #expect(dryRun["also_affected"]?["running_timers"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [timer])
            #expect(dryRun["reason"]?.stringValue?.contains("update_task with task_id: \(development) and is_active: true") == true)
            #expect(!harness.requestLines.contains { $0.hasSuffix("/archive") })
            #expect(harness.sandbox.snapshot().tasks[development]?.isActive == true)
            #expect(harness.sandbox.snapshot().timeEntries[id: timer]?.isRunning == true)

            let archived = try await harness.call("archive_task", ["task_id": .int(development)]).content()
            #expect(archived["archived"] == true)
            #expect(archived["task"]?["is_active"] == false)
            #expect(archived["message"]?.stringValue?.contains("Stopped 1 running timer: Sam Carter's timer") == true)
            #expect(harness.requestLines.filter { $0.hasSuffix("/archive") } == ["POST /tasks/\(development)/archive"])
            let after = harness.sandbox.snapshot()
            #expect(after.tasks[development]?.isActive == false)
            #expect(after.timeEntries[id: timer]?.isRunning == false)
            #expect(after.projects[Fixture.Project.acmeWebsite]?.isActive == true, "the project stays active")

            let restored = try await harness.call("update_task", ["task_id": .int(development), "is_active": true]).content()
            #expect(restored["task"]?["is_active"] == true)
            #expect(harness.sandbox.snapshot().tasks[development]?.isActive == true)
        }
    }

    @Test func archivingAnArchivedTaskIsANoOpThatSaysSo() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let legacy = Fixture.Task.acmeLegacySupport
            let before = try #require(harness.sandbox.snapshot().tasks[legacy])
            harness.sandbox.clearRequests()
            let again = try await harness.call("archive_task", ["task_id": .int(legacy)]).content()
            #expect(again["archived"] == false)
            #expect(again["already_archived"] == true)
            #expect(again["message"]?.stringValue?.contains("Legacy Support (task \(legacy) on Acme Website) is already archived") == true)
            #expect(again["task"]?["is_active"] == false)
            #expect(harness.requestLines == ["GET /tasks/\(legacy)"], "read only: \(harness.requestLines)")
            #expect(harness.sandbox.snapshot().tasks[legacy] == before)

            let missing = try await harness.call("archive_task", ["task_id": 999])
            #expect(missing.isError)
            #expect(missing.text.contains("no task 999"))
        }
    }

    @Test func membersReadTheTasksOfTheirProjectsOnlyAndMayNotWriteThem() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let names = try await harness.server.toolNames()
            #expect(names.contains("list_tasks"))
            #expect(names.contains("get_task"))
            for tool in ["create_task", "update_task", "archive_task"] {
                #expect(!names.contains(tool), "\(tool) is not listed for members")
            }

            let snapshot = harness.sandbox.snapshot()
            let mine = try await harness.call("list_tasks").content()
            #expect(Self.ids(mine) == Self.expected(snapshot) {
                snapshot.projects[$0.projectID]?.memberIDs.contains(Fixture.User.member) == true
            })
            let hidden = try await harness.call("get_task", ["task_id": .int(Fixture.Task.starkQA)])
            #expect(hidden.isError)
            #expect(hidden.text.contains("no task \(Fixture.Task.starkQA) that this token can see"))

            harness.sandbox.clearRequests()
            let calls: [(String, JSONObject, String)] = [
                ("create_task", ["project_id": .int(Fixture.Project.acmeWebsite), "name": "Mine"], "can't create tasks"),
                ("update_task", ["task_id": .int(Fixture.Task.acmeDesign), "name": "Mine"], "can't change tasks"),
                ("archive_task", ["task_id": .int(Fixture.Task.acmeDesign), "dry_run": true], "can't archive tasks"),
            ]
            for (tool, arguments, words) in calls {
                let refused = try await harness.call(tool, arguments)
                #expect(refused.isError)
                #expect(refused.text.contains("Your Hoursmith role is Member"), "\(tool)")
                #expect(refused.text.contains(words), "\(tool): \(refused.text)")
            }
            #expect(harness.requestLines.isEmpty, "refused by role without a request: \(harness.requestLines)")
        }
    }
}
