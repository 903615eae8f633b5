import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// The time toolset's entries (list, get, create, update, delete), end to end: the built server
/// over stdio, the sandbox over HTTP. Timers are in TimerTests, date words in TimeDateTests.
@Suite struct TimeTests {
    static let timeTools = [
        "list_time_entries", "get_time_entry", "create_time_entry", "update_time_entry", "delete_time_entry",
        "start_timer", "stop_timer", "get_running_timer",
    ]

    /// The main workspace's entries a token of `user` may see (members: their own), newest first.
    static func visible(_ snapshot: SandboxSnapshot, to user: Int? = nil) -> [TimeEntryRecord] {
        snapshot.timeEntries.rows.filter { $0.workspaceID == Fixture.Workspace.main && (user == nil || $0.userID == user) }
    }

    static func ids(_ result: JSON) -> [Int] {
        result["time_entries"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
    }

    // MARK: Roles

    @Test(arguments: [Fixture.Token.owner, Fixture.Token.admin, Fixture.Token.manager, Fixture.Token.member])
    func everyRoleSeesTheTimeToolsAndItsOwnShareOfTime(token: String) async throws {
        try await withHarness(token: token) { harness in
            let names = try await harness.server.toolNames()
            #expect(Self.timeTools.allSatisfy(names.contains), "time tools listed: \(names)")

            let isMember = token == Fixture.Token.member
            let expected = Self.visible(harness.sandbox.snapshot(), to: isMember ? Fixture.User.member : nil)
            let page = try await harness.call("list_time_entries", ["per_page": 3]).content()
            #expect(page["total_entries"]?.intValue == expected.count)
            #expect(Self.ids(page) == expected.prefix(3).map(\.id), "newest first, as the contract orders them")
        }
    }

    @Test func membersListOnlyTheirOwnTimeAndAreRefusedOthersByTheAPI() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let own = try await harness.call("list_time_entries", ["user_id": .int(Fixture.User.member), "per_page": 1]).content()
            #expect(own["total_entries"]?.intValue == Self.visible(harness.sandbox.snapshot(), to: Fixture.User.member).count)

            harness.sandbox.clearRequests()
            let others = try await harness.call("list_time_entries", ["user_id": .int(Fixture.User.owner)])
            #expect(others.isError)
            #expect(others.text.contains("Your Hoursmith role is Member, and Members can't see other people's time entries"),
                    "\(others.text)")
            #expect(harness.sandbox.requests().map(\.status) == [403], "the API decided: \(harness.requestLines)")

            let lenas = try await harness.call("get_time_entry", ["time_entry_id": .int(Fixture.TimeEntry.lenaMobile)])
            #expect(lenas.isError)
            #expect(lenas.text.contains("Hoursmith has no time entry \(Fixture.TimeEntry.lenaMobile) that this token can see"))

            harness.sandbox.clearRequests()
            let delete = try await harness.call("delete_time_entry", ["time_entry_id": .int(Fixture.TimeEntry.lenaMobile)])
            #expect(delete.isError)
            #expect(!harness.requestLines.contains { $0.hasPrefix("DELETE") })
            #expect(harness.sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.lenaMobile] != nil)
        }
    }

    // MARK: list_time_entries

    @Test func listFiltersReachTheAPIAndMatchTheSandbox() async throws {
        try await withHarness(token: Fixture.Token.owner, environment: Harness.roomy) { harness in
            let all = Self.visible(harness.sandbox.snapshot())
            let snapshot = harness.sandbox.snapshot()

            let lenaOnStark = try await harness.call("list_time_entries", [
                "user_id": .int(Fixture.User.member2), "project_id": .int(Fixture.Project.starkDashboard), "per_page": 2000,
            ]).content()
            let expected = all.filter { $0.userID == Fixture.User.member2 && $0.projectID == Fixture.Project.starkDashboard }
            #expect(!expected.isEmpty)
            #expect(Self.ids(lenaOnStark) == expected.map(\.id))

            let running = try await harness.call("list_time_entries", ["is_running": true]).content()
            #expect(Self.ids(running) == [Fixture.TimeEntry.samRunningTimer])
            #expect(running["time_entries"]?.arrayValue?.first?["user"] == "Sam Carter", "concise: names")
            #expect(running["time_entries"]?.arrayValue?.first?["is_running"] == true, "an unusual flag is shown")
            #expect(running["references"]?["users"] == [["id": .int(Fixture.User.member), "name": "Sam Carter"]], "ids beside names")

            let invoiced = try await harness.call("list_time_entries", ["is_invoiced": true, "client_id": .int(Fixture.Client.globex),
                                                                        "per_page": 1]).content()
            let globexInvoiced = all.filter { $0.isInvoiced && snapshot.projects[$0.projectID]?.clientID == Fixture.Client.globex }
            #expect(invoiced["total_entries"]?.intValue == globexInvoiced.count)
            #expect(globexInvoiced.contains { $0.id == Fixture.TimeEntry.invoiced })

            let nonBillable = try await harness.call("list_time_entries", ["billable": false, "task_id": .int(Fixture.Task.acmeManagement),
                                                                           "per_page": 1]).content()
            #expect(nonBillable["total_entries"]?.intValue == all.filter { !$0.billable && $0.taskID == Fixture.Task.acmeManagement }.count)

            let day = try #require(all.first { $0.id == Fixture.TimeEntry.samYesterday }).spentDate
            harness.sandbox.clearRequests()
            let oneDay = try await harness.call("list_time_entries", ["from": .string(day), "to": .string(day), "per_page": 2000]).content()
            #expect(Self.ids(oneDay) == all.filter { $0.spentDate == day }.map(\.id))
            let query = try #require(harness.sandbox.requests().first?.query)
            #expect(query["from"] == day && query["to"] == day)
        }
    }

    @Test func listPagesAndAllWithLimitTruncatesAndReportsProgress() async throws {
        try await withHarness(token: Fixture.Token.owner, environment: Harness.roomy) { harness in
            let all = Self.visible(harness.sandbox.snapshot())
            let second = try await harness.call("list_time_entries", ["page": 2, "per_page": 4]).content()
            #expect(Self.ids(second) == all[4..<8].map(\.id))
            #expect(second["page"] == 2)
            #expect(second["next_page"] == 3)
            #expect(second["truncated"] == false)
            #expect(second["time_entries"]?.arrayValue?.first?["updated_at"] == nil, "lists leave out timestamps")

            let collected = try await harness.call(
                "list_time_entries", ["all": true, "per_page": 100, "limit": 250], meta: ["progressToken": "p1"]).content()
            #expect(Self.ids(collected) == all.prefix(250).map(\.id))
            #expect(collected["truncated"] == true)
            #expect(collected["total_entries"]?.intValue == all.count)
            #expect(collected["note"]?.stringValue?.contains("limit") == true)
            let progress = harness.server.messages.filter {
                $0["method"] == "notifications/progress" && $0["params"]?["progressToken"] == "p1"
            }
            #expect(progress.count >= 2, "one notification per page: \(progress.count)")
            #expect(harness.requestLines.filter { $0 == "GET /time_entries" }.count >= 3)

            let mixed = try await harness.call("list_time_entries", ["all": true, "page": 2])
            #expect(mixed.isError)
            #expect(mixed.text.contains("`page`"))
        }
    }

    @Test func listArgumentErrorsNameTheArgumentWithoutARequest() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            harness.sandbox.clearRequests()
            let word = try await harness.call("list_time_entries", ["from": "last tuesday"])
            #expect(word.isError)
            #expect(word.text.contains("from"))
            let impossible = try await harness.call("list_time_entries", ["to": "2026-02-30"])
            #expect(impossible.isError)
            #expect(impossible.text.contains("Argument `to` is \"2026-02-30\", which is not a date"))
            let backwards = try await harness.call("list_time_entries", ["from": "2026-03-10", "to": "2026-03-01"])
            #expect(backwards.isError)
            #expect(backwards.text.contains("`from` (2026-03-10) is after `to` (2026-03-01)"))
            let both = try await harness.call("list_time_entries", ["period": "this_week", "from": "2026-03-01"])
            #expect(both.isError)
            #expect(both.text.contains("`period` or `from`/`to`"))
            let unknown = try await harness.call("list_time_entries", ["period": "next_week"])
            #expect(unknown.isError)
            #expect(unknown.text.contains("period"))
            #expect(harness.requestLines.isEmpty, "refused before any request: \(harness.requestLines)")
        }
    }

    // MARK: get_time_entry

    @Test func getTimeEntryGivesTheWholeEntryWithNames() async throws {
        try await withHarness(token: Fixture.Token.admin) { harness in
            let record = try #require(harness.sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.invoiced])
            let entry = try #require(try await harness.call("get_time_entry", ["time_entry_id": .int(record.id)]).content()["time_entry"])
            #expect(entry["spent_date"]?.stringValue == record.spentDate)
            #expect(entry["hours"]?.doubleValue == Double(record.hours) / 100)
            #expect(entry["notes"]?.stringValue == record.notes)
            #expect(entry["invoice"]?["number"] == "INV-0001")
            #expect(entry["user"]?["name"] == "Maria Lopez")
            #expect(entry["project"]?["name"] == "Globex Rebrand")
            #expect(entry["client"]?["name"] == "Globex")
            #expect(entry["task"]?["name"] == "Brand Strategy")
            #expect(entry["created_at"] != nil)

            let missing = try await harness.call("get_time_entry", ["time_entry_id": 999_999])
            #expect(missing.isError)
            #expect(missing.text.contains("no time entry 999999"))
        }
    }

    // MARK: create_time_entry

    @Test func membersLogTheirOwnTimeOnTheirProjectsOnly() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let created = try await harness.call("create_time_entry", [
                "project_id": .int(Fixture.Project.acmeWebsite), "task_id": .int(Fixture.Task.acmeDesign), "hours": 1.5,
                "notes": "Pricing page polish",
            ]).content()
            let id = try #require(created["time_entry"]?["id"]?.intValue)
            let record = try #require(harness.sandbox.snapshot().timeEntries[id: id])
            #expect(record.hours == 150)
            #expect(record.userID == Fixture.User.member)
            #expect(record.notes == "Pricing page polish")
            #expect(record.spentDate == harness.sandbox.today, "spent_date defaults to the workspace's today")
            #expect(!record.isRunning, "hours given: logged, not a timer")
            #expect(harness.requestLines.last == "POST /time_entries")

            let forLena = try await harness.call("create_time_entry", [
                "project_id": .int(Fixture.Project.acmeMobile), "task_id": .int(Fixture.Task.mobileDesign), "hours": 1,
                "user_id": .int(Fixture.User.member2),
            ])
            #expect(forLena.isError)
            #expect(forLena.text.contains("Members can't log time for other people"), "\(forLena.text)")

            let notAssigned = try await harness.call("create_time_entry", [
                "project_id": .int(Fixture.Project.starkDashboard), "task_id": .int(Fixture.Task.starkQA), "hours": 1,
            ])
            #expect(notAssigned.isError)
            #expect(notAssigned.text.contains("project_id"))
            #expect(!harness.sandbox.snapshot().timeEntries.rows.contains {
                $0.userID == Fixture.User.member && $0.projectID == Fixture.Project.starkDashboard
            })
        }
    }

    @Test func managersLogTimeForOthersAndArgumentErrorsNameTheArgument() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let created = try await harness.call("create_time_entry", [
                "project_id": .int(Fixture.Project.starkDashboard), "task_id": .int(Fixture.Task.starkDevelopment), "hours": 2.25,
                "user_id": .int(Fixture.User.member2), "billable": false, "spent_date": "2026-01-15",
            ]).content()
            let id = try #require(created["time_entry"]?["id"]?.intValue)
            let record = try #require(harness.sandbox.snapshot().timeEntries[id: id])
            #expect(record.userID == Fixture.User.member2)
            #expect(record.hours == 225)
            #expect(record.spentDate == "2026-01-15")
            #expect(record.billable == false)
            #expect(created["time_entry"]?["user"]?["name"] == "Lena Novak")

            harness.sandbox.clearRequests()
            let tooMany = try await harness.call("create_time_entry", [
                "project_id": .int(Fixture.Project.starkDashboard), "task_id": .int(Fixture.Task.starkQA), "hours": 25,
            ])
            #expect(tooMany.isError)
            #expect(tooMany.text.contains("hours"))
            let badWord = try await harness.call("create_time_entry", [
                "project_id": .int(Fixture.Project.starkDashboard), "task_id": .int(Fixture.Task.starkQA), "hours": 1,
                "spent_date": "someday",
            ])
            #expect(badWord.isError)
            #expect(badWord.text.contains("spent_date"))
            let noHours = try await harness.call("create_time_entry", [
                "project_id": .int(Fixture.Project.starkDashboard), "task_id": .int(Fixture.Task.starkQA),
            ])
            #expect(noHours.isError)
            #expect(noHours.text.contains("hours"))
            #expect(harness.requestLines.isEmpty, "refused before any request: \(harness.requestLines)")

            let archived = try await harness.call("create_time_entry", [
                "project_id": .int(Fixture.Project.acmeWebsite), "task_id": .int(Fixture.Task.acmeLegacySupport), "hours": 1,
            ])
            #expect(archived.isError)
            #expect(archived.text.contains("task is archived"))
        }
    }

    // MARK: update_time_entry

    @Test func updateChangesOnlyWhatIsGiven() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let before = try #require(harness.sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.samYesterday])
            let updated = try await harness.call("update_time_entry", [
                "time_entry_id": .int(before.id), "hours": 2.75, "notes": nil,
            ]).content()
            #expect(updated["time_entry"]?["notes"] == .null)
            let after = try #require(harness.sandbox.snapshot().timeEntries[id: before.id])
            #expect(after.hours == 275)
            #expect(after.notes == nil)
            #expect(after.taskID == before.taskID && after.spentDay == before.spentDay && after.billable == before.billable)

            let moved = try await harness.call("update_time_entry", [
                "time_entry_id": .int(before.id), "project_id": .int(Fixture.Project.acmeMobile),
                "task_id": .int(Fixture.Task.mobileDevelopment), "spent_date": "2026-02-02",
            ]).content()
            #expect(moved["time_entry"]?["project"]?["name"] == "Acme Mobile App")
            #expect(harness.sandbox.snapshot().timeEntries[id: before.id]?.spentDate == "2026-02-02")

            harness.sandbox.clearRequests()
            let nothing = try await harness.call("update_time_entry", ["time_entry_id": .int(before.id)])
            #expect(nothing.isError)
            #expect(nothing.text.contains("Nothing to change"))
            #expect(harness.requestLines.isEmpty)
        }
    }

    @Test func updateOfInvoicedOrArchivedTimeIsRefusedByTheAPI() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let invoiced = try await harness.call("update_time_entry", ["time_entry_id": .int(Fixture.TimeEntry.invoiced), "hours": 1])
            #expect(invoiced.isError)
            #expect(invoiced.text.contains("can't be changed: it is on invoice INV-0001"), "names the invoice: \(invoiced.text)")
            #expect(harness.sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.invoiced]?.hours == 350)

            let archived = try await harness.call("update_time_entry", ["time_entry_id": .int(Fixture.TimeEntry.lenaInitech), "notes": "x"])
            #expect(archived.isError)
            #expect(archived.text.contains("project is archived"))
        }
    }

    // MARK: delete_time_entry

    @Test func deleteRefusesInvoicedTimeNamingTheInvoiceWithoutADelete() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let refused = try await harness.call("delete_time_entry", ["time_entry_id": .int(Fixture.TimeEntry.invoiced)])
            #expect(refused.isError)
            #expect(refused.text.contains("can't be deleted: it is on invoice INV-0001"), "\(refused.text)")

            let dryRun = try await harness.call("delete_time_entry", ["time_entry_id": .int(Fixture.TimeEntry.invoiced), "dry_run": true]).content()
            #expect(dryRun["would"] == "refuse")
            #expect(dryRun["reason"]?.stringValue == refused.text, "the dry run gives the refusal's own words")
            #expect(dryRun["also_affected"]?["invoice"]?["number"] == "INV-0001")
            #expect(dryRun["target"]?["id"]?.intValue == Fixture.TimeEntry.invoiced)

            #expect(!harness.requestLines.contains { $0.hasPrefix("DELETE") }, "no DELETE reached the API")
            #expect(harness.sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.invoiced] != nil)
        }
    }

    @Test func deleteDryRunChangesNothingThenDeleteActsOnce() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let id = Fixture.TimeEntry.samYesterday
            let dryRun = try await harness.call("delete_time_entry", ["time_entry_id": .int(id), "dry_run": true]).content()
            #expect(dryRun["would"] == "delete")
            #expect(dryRun["target"]?["project"]?["name"] == "Acme Website")
            #expect(!harness.requestLines.contains { $0.hasPrefix("DELETE") })
            #expect(harness.sandbox.snapshot().timeEntries[id: id] != nil)

            let deleted = try await harness.call("delete_time_entry", ["time_entry_id": .int(id)]).content()
            #expect(deleted["deleted"] == true)
            #expect(deleted["target"]?["id"]?.intValue == id)
            #expect(harness.requestLines.filter { $0.hasPrefix("DELETE") } == ["DELETE /time_entries/\(id)"])
            #expect(harness.sandbox.snapshot().timeEntries[id: id] == nil)

            let running = try await harness.call("delete_time_entry", ["time_entry_id": .int(Fixture.TimeEntry.samRunningTimer),
                                                                       "dry_run": true]).content()
            #expect(running["would"] == "delete")
            #expect(running["also_affected"]?["running_timer"] == true)
            #expect(running["reason"]?.stringValue?.contains("timer is running") == true)
        }
    }

    @Test func whenTheAPIRefusesAnywayTheRefusalUsesTheGuardsWords() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let id = Fixture.TimeEntry.samYesterday
            let day = try #require(harness.sandbox.snapshot().timeEntries[id: id]).spentDate
            // The DELETE is held for a while (long enough for a loaded machine); meanwhile someone
            // invoices that day's Acme Website time.
            let api = SandboxAPI(baseURL: harness.sandbox.baseURL, token: Fixture.Token.owner)
            var number = ""
            let refused = try await harness.callWhileDeleteIsHeld("/time_entries/\(id)", "delete_time_entry", ["time_entry_id": .int(id)]) {
                let invoice = try await api.send("POST", "/invoices", [
                    "client_id": .int(Fixture.Client.acme),
                    "import": ["from": .string(day), "to": .string(day), "project_ids": [.int(Fixture.Project.acmeWebsite)]],
                ])
                #expect(invoice.status == 201)
                number = try #require(invoice.json?["number"]?.stringValue)
            }
            #expect(refused.isError)
            #expect(refused.text.contains("it is on invoice \(number)"), "the refusal names the new invoice: \(refused.text)")
            #expect(harness.sandbox.requests().filter { $0.method == "DELETE" }.map(\.status) == [422])
            #expect(harness.sandbox.snapshot().timeEntries[id: id] != nil)
        }
    }
}
