import Foundation
import JSONCore
import Testing
@testable import HoursmithClient

/// The JSON the drafts and changes send, and the query strings of filters.
@Suite struct RequestBodyTests {
    static func date(_ text: String) throws -> LocalDate { try #require(LocalDate(text)) }

    @Test func aDraftSendsOnlyWhatIsSet() throws {
        let draft = TimeEntryDraft(projectID: 1, taskID: 2, spentDate: try Self.date("2026-11-20"), hours: Decimal(string: "1.5"))
        #expect(JSON.object(draft.json) == (try JSON.parse(#"{"project_id": 1, "task_id": 2, "spent_date": "2026-11-20", "hours": 1.5}"#)))
        let timer = TimeEntryDraft(projectID: 1, taskID: 2, spentDate: try Self.date("2026-11-20"), notes: "Call", userID: 4)
        #expect(timer.json["hours"] == nil, "no hours starts a timer")
        #expect(timer.json["user_id"] == 4)
        #expect(timer.json["notes"] == "Call")
    }

    @Test func changesTellKeepFromClearFromSet() throws {
        let keep = ClientChanges(name: "Acme")
        #expect(JSON.object(keep.json) == (try JSON.parse(#"{"name": "Acme"}"#)))
        let clear = ClientChanges(address: .clear)
        #expect(JSON.object(clear.json) == (try JSON.parse(#"{"address": null}"#)))
        let set = ClientChanges(address: .set("1 Main St"), isActive: false)
        #expect(JSON.object(set.json) == (try JSON.parse(#"{"address": "1 Main St", "is_active": false}"#)))
        #expect(FieldUpdate<String>(nil) == .clear)
        #expect(FieldUpdate("x") == .set("x"))
    }

    @Test func projectChangesClearEveryNullableField() throws {
        let changes = ProjectChanges(code: .clear, hourlyRate: .clear, budgetHours: .set(120), startsOn: .clear,
                                     endsOn: .set(try Self.date("2026-12-31")), notes: .clear)
        let expected = try JSON.parse("""
            {"code": null, "hourly_rate": null, "budget_hours": 120, "starts_on": null, "ends_on": "2026-12-31", "notes": null}
            """)
        #expect(JSON.object(changes.json) == expected)
        #expect(ProjectChanges().json.isEmpty)
        #expect(JSON.object(TaskChanges(hourlyRate: .clear).json) == (try JSON.parse(#"{"hourly_rate": null}"#)))
        #expect(JSON.object(TimeEntryChanges(notes: .clear).json) == (try JSON.parse(#"{"notes": null}"#)))
        #expect(JSON.object(ExpenseChanges(notes: .clear).json) == (try JSON.parse(#"{"notes": null}"#)))
    }

    @Test func decimalsAreSentWithTheirExactDigits() throws {
        let draft = ExpenseDraft(projectID: 1, spentDate: try Self.date("2026-11-02"), amount: try #require(Decimal(string: "0.1")), category: "Travel")
        let bytes = JSON.object(draft.json).serializedString()
        #expect(bytes.contains(#""amount":0.1"#))
        let nan = JSON.object(ExpenseChanges(amount: .nan).json)
        #expect(nan["amount"]?.stringValue == "NaN", "a NaN is sent as a string so that the API refuses it")
    }

    @Test func invoiceDraftsCarryLineItemsOrAnImport() throws {
        let items = InvoiceDraft(clientID: 1, content: .lineItems([LineItemDraft(description: "Retainer", quantity: 1, unitPrice: 1200)]))
        #expect(JSON.object(items.json) == (try JSON.parse("""
            {"client_id": 1, "line_items": [{"kind": "other", "description": "Retainer", "quantity": 1, "unit_price": 1200}]}
            """)))
        let imported = InvoiceDraft(clientID: 5, content: .importing(from: try Self.date("2026-10-01"), to: try Self.date("2026-10-31"), projectIDs: [5]),
                                    dueDate: try Self.date("2026-11-30"))
        #expect(JSON.object(imported.json) == (try JSON.parse("""
            {"client_id": 5, "import": {"from": "2026-10-01", "to": "2026-10-31", "project_ids": [5]}, "due_date": "2026-11-30"}
            """)))
    }

    @Test func filtersBecomeQueryParameters() throws {
        let filter = TimeEntryFilter(userID: 4, from: try Self.date("2026-11-01"), to: try Self.date("2026-11-30"), isRunning: false,
                                     updatedSince: Timestamp("2026-11-01T00:00:00+01:00"))
        #expect(filter.query.encoded == "user_id=4&from=2026-11-01&to=2026-11-30&is_running=false&updated_since=2026-11-01T00%3A00%3A00%2B01%3A00")
        #expect(TimeEntryFilter().query.encoded == "")
        #expect(InvoiceFilter(state: .open).query.encoded == "state=open")
        let report = TimeReportQuery(from: try Self.date("2026-11-01"), to: try Self.date("2026-11-30"), groupBy: .user, projectID: 2)
        #expect(report.query.encoded == "from=2026-11-01&to=2026-11-30&group_by=user&project_id=2")
    }

    @Test func queryValuesAreEscaped() {
        var query = QueryItems()
        query.add("q", "a b&c=d/é")
        #expect(query.encoded == "q=a%20b%26c%3Dd%2F%C3%A9")
        #expect(APIRequest.get("/clients", query).line == "GET /clients?q=a%20b%26c%3Dd%2F%C3%A9")
    }

    @Test func requestsKnowHowSafeTheyAreToRepeat() {
        #expect(APIRequest.get("/me").safety == .read)
        #expect(APIRequest.create(.timeEntries, [:]).safety == .create)
        #expect(APIRequest.update(.clients, id: 1, [:]).safety == .update)
        #expect(APIRequest.action(.timeEntries, id: 1, "stop").safety == .action)
        #expect(APIRequest.delete(.clients, id: 1).safety == .action)
        #expect(APIRequest.delete(.clients, id: 1).line == "DELETE /clients/1")
    }

    @Test func requestsAboutOneObjectNameIt() {
        #expect(APIRequest.get(.timeEntries, id: 5).path == "/time_entries/5")
        #expect(APIRequest.action(.timeEntries, id: 5, "stop").line == "POST /time_entries/5/stop")
        #expect(APIRequest.action(.timeEntries, id: 5, "stop").object == APIObject(.timeEntries, 5))
        #expect(APIRequest.update(.projects, id: 8, [:]).object == APIObject(.projects, 8))
        #expect(APIRequest.get("/time_entries").object == nil, "a list is about no one object")
        #expect(APIRequest.create(.clients, [:]).object == nil)
    }
}
