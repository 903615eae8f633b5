import HoursmithSandbox
import JSONCore
import Testing

@Suite("Sandbox clients")
struct ClientTests {
    @Test func createAnswersTheWholeClient() throws {
        let sandbox = try makeSandbox()
        let response = API(sandbox).post("/clients", ["name": "  Wonka Industries ", "address": "1 Chocolate Row", "unknown": true])
        #expect(response.status == 201)
        let client = response.json
        #expect(client["id"]?.intValue == 7)
        #expect(client["name"]?.stringValue == "Wonka Industries")
        #expect(client["currency"]?.stringValue == "USD")
        #expect(client["address"]?.stringValue == "1 Chocolate Row")
        #expect(client["is_active"]?.boolValue == true)
        #expect(client["created_at"]?.stringValue == client["updated_at"]?.stringValue)
        #expect(Set(client.objectValue?.keys ?? []) == ["id", "name", "currency", "address", "is_active", "created_at", "updated_at"])
        #expect(API(sandbox).get("/clients/7").json == client)
    }

    @Test func createValidatesEachField() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let missing = api.post("/clients", ["address": 12])
        #expect(missing.status == 422)
        #expect(missing.errorCode == "validation_failed")
        #expect(missing.errorFields == ["name", "address"])
        #expect(api.post("/clients", ["name": "   "]).errorFields == ["name"])
        #expect(api.post("/clients", ["name": 42]).errorFields == ["name"])
        #expect(api.post("/clients", ["name": "Fresh", "currency": "usd"]).errorFields == ["currency"])
        #expect(api.post("/clients", ["name": "Fresh", "is_active": "yes"]).errorFields == ["is_active"])
        let duplicate = api.post("/clients", ["name": "acme corp"])
        #expect(duplicate.status == 422)
        #expect(duplicate.json["errors"]?["name"]?.arrayValue?.first?.stringValue?.contains("taken") == true)
        #expect(sandbox.snapshot().clients.count == 6)
    }

    @Test func patchChangesOnlyWhatIsGivenAndNullClears() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let response = api.patch("/clients/\(Fixture.Client.acme)", ["address": nil, "currency": "EUR"])
        #expect(response.status == 200)
        #expect(response.json["address"]?.isNull == true)
        #expect(response.json["currency"]?.stringValue == "EUR")
        #expect(response.json["name"]?.stringValue == "Acme Corp")
        #expect(api.patch("/clients/1", ["name": nil]).errorFields == ["name"])
        #expect(api.patch("/clients/1", ["name": "Globex"]).errorFields == ["name"])
        #expect(api.patch("/clients/1", ["name": "Acme Corporation"]).json["name"]?.stringValue == "Acme Corporation")
        #expect(api.patch("/clients/999", ["name": "X"]).status == 404)
        // The new name shows wherever the client is referred to.
        let entry = api.get("/time_entries/\(Fixture.TimeEntry.samYesterday)").json
        #expect(entry["client"]?["name"]?.stringValue == "Acme Corporation")
    }

    @Test func deleteGuardsComeInTheContractsOrder() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        // Acme has both active projects and an invoice: active projects are reported first.
        let acme = api.delete("/clients/\(Fixture.Client.acme)")
        #expect(acme.status == 422)
        #expect(acme.errorCode == "client_has_active_projects")
        let message = acme.json["message"]?.stringValue ?? ""
        #expect(message.contains("Acme Website") && message.contains("Acme Mobile App"))
        let globex = api.delete("/clients/\(Fixture.Client.globex)")
        #expect(globex.status == 422)
        #expect(globex.errorCode == "client_has_invoices")
        #expect(sandbox.snapshot().clients[Fixture.Client.globex] != nil)
        // Archive Acme's projects: now only the invoice stands in the way.
        #expect(api.post("/projects/1/archive").status == 200)
        #expect(api.post("/projects/2/archive").status == 200)
        #expect(api.delete("/clients/\(Fixture.Client.acme)").errorCode == "client_has_invoices")
    }

    @Test func deletingInitechTakesItsArchivedProjectAndEverythingOnIt() throws {
        let sandbox = try makeSandbox()
        let before = sandbox.snapshot()
        let entriesOnInitech = before.timeEntries.rows.filter { $0.projectID == Fixture.Project.initechMigration }.count
        let expensesOnInitech = before.expenses.rows.filter { $0.projectID == Fixture.Project.initechMigration }.count
        #expect(entriesOnInitech > 1)
        #expect(expensesOnInitech >= 1)
        let response = API(sandbox).delete("/clients/\(Fixture.Client.initech)")
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
        let after = sandbox.snapshot()
        #expect(after.clients[Fixture.Client.initech] == nil)
        #expect(after.projects[Fixture.Project.initechMigration] == nil)
        #expect(after.tasks[Fixture.Task.initechMigration] == nil)
        #expect(after.timeEntries[id: Fixture.TimeEntry.lenaInitech] == nil)
        #expect(after.expenses[id: Fixture.Expense.initech] == nil)
        #expect(after.timeEntries.count == before.timeEntries.count - entriesOnInitech)
        #expect(after.expenses.count == before.expenses.count - expensesOnInitech)
        #expect(API(sandbox).get("/clients/\(Fixture.Client.initech)").status == 404)
        #expect(API(sandbox).delete("/clients/\(Fixture.Client.umbrella)").status == 204)
    }

    @Test func listIsByNameAndFilters() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let names = (api.get("/clients").json["clients"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        #expect(names == ["Acme Corp", "Globex", "Initech", "Stark Industries", "Umbrella Health"])
        #expect(ids(api.get("/clients?is_active=false"), "clients") == [Fixture.Client.umbrella])
        #expect(ids(api.get("/clients?is_active=true"), "clients").count == 4)
        let bad = api.get("/clients?is_active=yes")
        #expect(bad.status == 422)
        #expect(bad.errorFields == ["is_active"])
        #expect(api.get("/clients?colour=blue").status == 200)
    }
}
