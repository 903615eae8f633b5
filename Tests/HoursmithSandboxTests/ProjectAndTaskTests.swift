import HoursmithSandbox
import JSONCore
import Testing

@Suite("Sandbox projects and tasks")
struct ProjectAndTaskTests {
    @Test func aProjectShowsEveryField() throws {
        let sandbox = try makeSandbox()
        let project = API(sandbox).get("/projects/\(Fixture.Project.acmeWebsite)").json
        #expect(project["name"]?.stringValue == "Acme Website")
        #expect(project["code"]?.stringValue == "ACME-WEB")
        #expect(project["client"] == ["id": 1, "name": "Acme Corp"])
        #expect(project["is_active"]?.boolValue == true)
        #expect(project["is_billable"]?.boolValue == true)
        #expect(project["hourly_rate"]?.doubleValue == 150)
        #expect(project["budget_hours"]?.doubleValue == 400)
        #expect(project["member_ids"] == [1, 2, 3, 4])
        #expect(Set(project.objectValue?.keys ?? []) == [
            "id", "name", "code", "client", "is_active", "is_billable", "hourly_rate", "budget_hours", "starts_on",
            "ends_on", "notes", "member_ids", "created_at", "updated_at",
        ])
        let globex = API(sandbox).get("/projects/\(Fixture.Project.globexRebrand)").json
        #expect(globex["is_active"]?.boolValue == false)
        #expect(globex["member_ids"] == [2, 3])
    }

    @Test func listIsByNameWithFilters() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let names = (api.get("/projects").json["projects"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        #expect(names == ["Acme Mobile App", "Acme Website", "Globex Rebrand", "Initech Migration", "Stark Dashboard"])
        #expect(ids(api.get("/projects?client_id=1"), "projects") == [2, 1])
        #expect(ids(api.get("/projects?is_active=false"), "projects") == [3, 4])
        #expect(api.get("/projects?updated_since=2099-01-01T00:00:00Z").json["total_entries"]?.intValue == 0)
        #expect(api.get("/projects?updated_since=2000-01-01T00:00:00%2B02:00").json["total_entries"]?.intValue == 5)
        #expect(api.get("/projects?updated_since=yesterday").errorFields == ["updated_since"])
        #expect(api.get("/projects?client_id=abc&is_active=maybe").errorFields == ["client_id", "is_active"])
    }

    @Test func updatedSinceFindsWhatChanged() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let changed = api.patch("/projects/5", ["notes": "New notes"]).json
        let since = try #require(changed["updated_at"]?.stringValue)
        #expect(ids(api.get("/projects?updated_since=\(since)"), "projects") == [5])
    }

    @Test func createValidatesAndAssignsTheCreator() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox, token: Fixture.Token.manager)
        let created = api.post("/projects", [
            "client_id": 5, "name": "Stark Armor", "code": "STK-ARM", "hourly_rate": 199.99, "budget_hours": 80,
            "starts_on": "2026-01-01", "ends_on": "2026-06-30",
        ])
        #expect(created.status == 201)
        #expect(created.json["id"]?.intValue == 7)
        #expect(created.json["hourly_rate"]?.doubleValue == 199.99)
        #expect(created.json["member_ids"] == [.int(Fixture.User.manager)])
        #expect(created.json["client"]?["name"]?.stringValue == "Stark Industries")
        let bad = api.post("/projects", [
            "client_id": 999, "hourly_rate": -1, "budget_hours": 0, "starts_on": "2026-02-30", "member_ids": [1, 77],
        ])
        #expect(bad.errorFields == ["client_id", "name", "hourly_rate", "budget_hours", "starts_on", "member_ids"])
        let dates = api.post("/projects", ["client_id": 5, "name": "Backwards", "starts_on": "2026-03-01", "ends_on": "2026-02-01"])
        #expect(dates.errorFields == ["ends_on"])
    }

    @Test func archivingStopsTimersAndIsANoOpTheSecondTime() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let archived = api.post("/projects/\(Fixture.Project.acmeWebsite)/archive")
        #expect(archived.status == 200)
        #expect(archived.json["is_active"]?.boolValue == false)
        let timer = api.get("/time_entries/\(Fixture.TimeEntry.samRunningTimer)").json
        #expect(timer["is_running"]?.boolValue == false)
        #expect(timer["timer_started_at"]?.isNull == true)
        let hours = try #require(timer["hours"]?.doubleValue)
        #expect(hours >= 0.99 && hours <= 1.1)
        let again = api.post("/projects/\(Fixture.Project.acmeWebsite)/archive")
        #expect(again.status == 200)
        #expect(again.json["updated_at"] == archived.json["updated_at"])
        let restored = api.patch("/projects/\(Fixture.Project.acmeWebsite)", ["is_active": true])
        #expect(restored.json["is_active"]?.boolValue == true)
    }

    @Test func tasksListByNameAndArchive() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let tasks = api.get("/tasks?project_id=1").json["tasks"]?.arrayValue ?? []
        #expect(tasks.compactMap { $0["name"]?.stringValue } == ["Design", "Development", "Legacy Support", "Project Management"])
        #expect(tasks.allSatisfy { $0["project"] == ["id": 1, "name": "Acme Website"] })
        #expect(ids(api.get("/tasks?is_active=false"), "tasks") == [Fixture.Task.acmeLegacySupport])
        let all = ids(api.get("/tasks"), "tasks")
        #expect(all.count == 10)
        let task = api.get("/tasks/\(Fixture.Task.acmeManagement)").json
        #expect(task["billable_by_default"]?.boolValue == false)
        #expect(Set(task.objectValue?.keys ?? []) == [
            "id", "name", "project", "is_active", "billable_by_default", "hourly_rate", "created_at", "updated_at",
        ])
        let archived = api.post("/tasks/\(Fixture.Task.acmeDevelopment)/archive")
        #expect(archived.json["is_active"]?.boolValue == false)
        #expect(sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.samRunningTimer]?.isRunning == false)
        #expect(api.patch("/tasks/\(Fixture.Task.acmeDevelopment)", ["is_active": true]).json["is_active"]?.boolValue == true)
    }

    @Test func taskCreateValidates() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let created = api.post("/tasks", ["project_id": 5, "name": "Research", "hourly_rate": 90, "billable_by_default": false])
        #expect(created.status == 201)
        #expect(created.json["id"]?.intValue == 13)
        #expect(created.json["project"] == ["id": 5, "name": "Stark Dashboard"])
        #expect(api.post("/tasks", ["project_id": 5, "name": "qa"]).errorFields == ["name"])
        #expect(api.post("/tasks", ["project_id": 999, "name": "X"]).errorFields == ["project_id"])
        #expect(api.post("/tasks", [:]).errorFields == ["project_id", "name"])
    }
}
