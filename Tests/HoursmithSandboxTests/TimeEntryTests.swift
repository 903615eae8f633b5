import HoursmithSandbox
import JSONCore
import Testing

@Suite("Sandbox time entries")
struct TimeEntryTests {
    @Test func anEntryShowsEveryFieldWithNames() throws {
        let sandbox = try makeSandbox()
        let entry = API(sandbox).get("/time_entries/\(Fixture.TimeEntry.invoiced)").json
        #expect(Set(entry.objectValue?.keys ?? []) == [
            "id", "spent_date", "hours", "notes", "billable", "is_running", "timer_started_at", "is_invoiced", "invoice",
            "user", "client", "project", "task", "created_at", "updated_at",
        ])
        #expect(entry["is_invoiced"]?.boolValue == true)
        #expect(entry["invoice"] == ["id": 1, "number": "INV-0001"])
        #expect(entry["user"] == ["id": 3, "name": "Maria Lopez"])
        #expect(entry["client"] == ["id": 2, "name": "Globex"])
        #expect(entry["project"] == ["id": 3, "name": "Globex Rebrand"])
        #expect(entry["task"] == ["id": 7, "name": "Brand Strategy"])
        #expect(entry["hours"]?.doubleValue == 3.5)
    }

    @Test func samsTimerIsRunningForAboutAnHour() throws {
        let sandbox = try makeSandbox()
        let timer = API(sandbox, token: Fixture.Token.member).get("/time_entries/\(Fixture.TimeEntry.samRunningTimer)").json
        #expect(timer["is_running"]?.boolValue == true)
        #expect(timer["spent_date"]?.stringValue == sandbox.today)
        let hours = try #require(timer["hours"]?.doubleValue)
        #expect(hours >= 0.99 && hours <= 1.1)
        #expect(timer["timer_started_at"]?.stringValue?.hasSuffix("Z") == true)
        #expect(ids(API(sandbox).get("/time_entries?is_running=true"), "time_entries") == [Fixture.TimeEntry.samRunningTimer])
    }

    @Test func createWithHoursLogsTime() throws {
        let sandbox = try makeSandbox()
        let response = API(sandbox).post("/time_entries", [
            "project_id": 1, "task_id": 3, "spent_date": "2026-03-02", "hours": 2.255, "notes": "Planning",
        ])
        #expect(response.status == 201)
        let entry = response.json
        #expect(entry["id"]?.intValue == Fixture.TimeEntry.firstBulkTimeEntry + Fixture.bulkTimeEntryCount)
        #expect(entry["hours"]?.doubleValue == 2.26)
        #expect(entry["is_running"]?.boolValue == false)
        #expect(entry["billable"]?.boolValue == false, "Project Management is not billable by default")
        #expect(entry["user"]?["id"]?.intValue == Fixture.User.owner)
        #expect(entry["spent_date"]?.stringValue == "2026-03-02")
        #expect(entry["invoice"]?.isNull == true)
    }

    @Test func createWithoutHoursStartsATimerAndStopsTheUsersOther() throws {
        let sandbox = try makeSandbox()
        let sam = API(sandbox, token: Fixture.Token.member)
        let response = sam.post("/time_entries", ["project_id": 2, "task_id": 6, "spent_date": .string(sandbox.today)])
        #expect(response.status == 201)
        #expect(response.json["is_running"]?.boolValue == true)
        #expect(response.json["hours"]?.doubleValue == 0)
        let old = sam.get("/time_entries/\(Fixture.TimeEntry.samRunningTimer)").json
        #expect(old["is_running"]?.boolValue == false)
        let hours = try #require(old["hours"]?.doubleValue)
        #expect(hours >= 0.99 && hours <= 1.1)
        let running = ids(API(sandbox).get("/time_entries?is_running=true"), "time_entries")
        #expect(running == [try #require(response.json["id"]?.intValue)])
    }

    @Test func managersLogForOthersMembersOnlyForThemselves() throws {
        let sandbox = try makeSandbox()
        let body: JSON = ["project_id": 2, "task_id": 5, "spent_date": "2026-03-02", "hours": 1, "user_id": 5]
        let byManager = API(sandbox, token: Fixture.Token.manager).post("/time_entries", body)
        #expect(byManager.json["user"] == ["id": 5, "name": "Lena Novak"])
        let bySam = API(sandbox, token: Fixture.Token.member).post("/time_entries", body)
        #expect(bySam.status == 403)
        #expect(bySam.errorCode == "forbidden")
        var forTom = body
        if case .object(var object) = forTom { object["user_id"] = 6; forTom = .object(object) }
        #expect(API(sandbox).post("/time_entries", forTom).errorFields == ["user_id"])
    }

    @Test func createValidatesEveryField() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        #expect(api.post("/time_entries", [:]).errorFields == ["project_id", "task_id", "spent_date"])
        let base: [(String, JSON)] = [("project_id", 1), ("task_id", 2), ("spent_date", "2026-03-02")]
        func with(_ key: String, _ value: JSON) -> JSON { .object(JSONObject(base + [(key, value)])) }
        for bad: JSON in [0, -1, 24.01, 25, "2"] {
            let response = api.post("/time_entries", with("hours", bad))
            #expect(response.status == 422)
            #expect(response.errorFields == ["hours"], "hours \(bad)")
        }
        #expect(api.post("/time_entries", with("hours", 24)).status == 201)
        #expect(api.post("/time_entries", with("spent_date", "02/03/2026")).errorFields == ["spent_date"])
        #expect(api.post("/time_entries", with("task_id", 6)).errorFields == ["task_id"])
        #expect(api.post("/time_entries", with("project_id", 999)).errorFields.contains("project_id"))
        #expect(api.post("/time_entries", with("billable", "yes")).errorFields == ["billable"])
        #expect(api.post("/time_entries", with("notes", 5)).errorFields == ["notes"])
    }

    @Test func archivedProjectsAndTasksRefuseTime() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let project = api.post("/time_entries", ["project_id": 4, "task_id": 8, "spent_date": "2026-03-02", "hours": 1])
        #expect(project.status == 422)
        #expect(project.errorCode == "project_archived")
        let task = api.post("/time_entries", ["project_id": 1, "task_id": 4, "spent_date": "2026-03-02", "hours": 1])
        #expect(task.errorCode == "task_archived")
        // Lena's entry on Initech: updating is refused, stop and delete are allowed.
        let update = api.patch("/time_entries/\(Fixture.TimeEntry.lenaInitech)", ["notes": "More"])
        #expect(update.errorCode == "project_archived")
        #expect(api.post("/time_entries/\(Fixture.TimeEntry.lenaInitech)/restart").errorCode == "project_archived")
        #expect(api.post("/time_entries/\(Fixture.TimeEntry.lenaInitech)/stop").errorCode == "timer_not_running")
        #expect(api.delete("/time_entries/\(Fixture.TimeEntry.lenaInitech)").status == 204)
    }

    @Test func invoicedEntriesAreCheckedFirst() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let update = api.patch("/time_entries/\(Fixture.TimeEntry.invoiced)", ["hours": -3, "project_id": "x"])
        #expect(update.status == 422)
        #expect(update.errorCode == "time_entry_invoiced")
        #expect(update.json["message"]?.stringValue?.contains("INV-0001") == true)
        #expect(api.delete("/time_entries/\(Fixture.TimeEntry.invoiced)").errorCode == "time_entry_invoiced")
        #expect(api.post("/time_entries/\(Fixture.TimeEntry.invoiced)/restart").errorCode == "time_entry_invoiced")
        #expect(sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.invoiced] != nil)
    }

    @Test func updateMovesAndReorders() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let moved = api.patch("/time_entries/\(Fixture.TimeEntry.samYesterday)", [
            "project_id": 2, "task_id": 5, "spent_date": "2020-01-01", "hours": 3, "notes": nil, "billable": false,
        ])
        #expect(moved.status == 200)
        #expect(moved.json["project"] == ["id": 2, "name": "Acme Mobile App"])
        #expect(moved.json["notes"]?.isNull == true)
        #expect(moved.json["hours"]?.doubleValue == 3)
        #expect(ids(api.get("/time_entries?to=2020-12-31"), "time_entries") == [Fixture.TimeEntry.samYesterday])
        // A new project without a task of it: the entry's task no longer fits.
        #expect(api.patch("/time_entries/\(Fixture.TimeEntry.lenaMobile)", ["project_id": 5]).errorFields == ["project_id"])
        #expect(api.patch("/time_entries/\(Fixture.TimeEntry.lenaMobile)", ["hours": 0]).errorFields == ["hours"])
        #expect(api.patch("/time_entries/99999", ["hours": 1]).status == 404)
    }

    @Test func stopAndRestartFollowTheTimerRules() throws {
        let sandbox = try makeSandbox()
        let sam = API(sandbox, token: Fixture.Token.member)
        let stopped = sam.post("/time_entries/\(Fixture.TimeEntry.samRunningTimer)/stop")
        #expect(stopped.status == 200)
        #expect(stopped.json["is_running"]?.boolValue == false)
        #expect(sam.post("/time_entries/\(Fixture.TimeEntry.samRunningTimer)/stop").errorCode == "timer_not_running")
        let restarted = sam.post("/time_entries/\(Fixture.TimeEntry.samYesterday)/restart")
        #expect(restarted.status == 200)
        #expect(restarted.json["is_running"]?.boolValue == true)
        #expect(restarted.json["hours"]?.doubleValue == 2, "restarting keeps the hours so far")
        #expect(sam.post("/time_entries/\(Fixture.TimeEntry.samYesterday)/restart").errorCode == "timer_already_running")
        // Restarting another entry stops this one.
        #expect(sam.post("/time_entries/\(Fixture.TimeEntry.samRunningTimer)/restart").status == 200)
        #expect(sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.samYesterday]?.isRunning == false)
        let maria = API(sandbox, token: Fixture.Token.manager)
        #expect(maria.post("/time_entries/\(Fixture.TimeEntry.mariaToday)/restart").json["is_running"]?.boolValue == true)
    }

    @Test func aMemberGets404ForOthersEntriesAndMayNotFilterByThem() throws {
        let sandbox = try makeSandbox()
        let sam = API(sandbox, token: Fixture.Token.member)
        for method in ["GET", "DELETE"] {
            #expect(sam.send(method, "/time_entries/\(Fixture.TimeEntry.lenaMobile)").status == 404)
        }
        #expect(sam.patch("/time_entries/\(Fixture.TimeEntry.lenaMobile)", ["notes": "x"]).status == 404)
        #expect(sam.post("/time_entries/\(Fixture.TimeEntry.lenaMobile)/stop").status == 404)
        #expect(sam.get("/time_entries?user_id=5").status == 403)
        #expect(API(sandbox, token: Fixture.Token.manager).delete("/time_entries/\(Fixture.TimeEntry.lenaMobile)").status == 204)
    }

    @Test func filtersSelectExactlyTheMatchingEntries() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let rows = sandbox.snapshot().timeEntries.rows.filter { $0.workspaceID == Fixture.Workspace.main }
        func total(_ query: String) -> Int? { api.get("/time_entries?\(query)").json["total_entries"]?.intValue }
        #expect(total("") == rows.count)
        #expect(total("is_invoiced=true") == rows.filter(\.isInvoiced).count)
        #expect(total("billable=false") == rows.filter { !$0.billable }.count)
        #expect(total("project_id=3&is_invoiced=false") == 0)
        #expect(total("user_id=4&project_id=5") == 0)
        #expect(total("task_id=10") == rows.filter { $0.taskID == 10 }.count)
        let acmeProjects: Set<Int> = [1, 2]
        #expect(total("client_id=1") == rows.filter { acmeProjects.contains($0.projectID) }.count)
        let yesterday = shift(sandbox.today, days: -1)
        #expect(total("from=\(yesterday)&to=\(yesterday)") == rows.filter { $0.spentDate == yesterday }.count)
        let week = (shift(sandbox.today, days: -6), sandbox.today)
        #expect(total("from=\(week.0)&to=\(week.1)") == rows.filter { $0.spentDate >= week.0 && $0.spentDate <= week.1 }.count)
        let backwards = api.get("/time_entries?from=\(sandbox.today)&to=\(yesterday)")
        #expect(backwards.status == 422)
        #expect(backwards.errorFields == ["to"])
        #expect(api.get("/time_entries?from=2026-02-30").errorFields == ["from"])
        #expect(api.get("/time_entries?is_running=1").errorFields == ["is_running"])
    }
}
