import HoursmithSandbox
import JSONCore
import Testing

@Suite("Sandbox expenses")
struct ExpenseTests {
    @Test func anExpenseShowsEveryField() throws {
        let sandbox = try makeSandbox()
        let expense = API(sandbox).get("/expenses/\(Fixture.Expense.invoiced)").json
        #expect(Set(expense.objectValue?.keys ?? []) == [
            "id", "spent_date", "amount", "category", "notes", "billable", "is_invoiced", "invoice", "user", "client",
            "project", "created_at", "updated_at",
        ])
        #expect(expense["amount"]?.doubleValue == 420)
        #expect(expense["invoice"] == ["id": 1, "number": "INV-0001"])
        #expect(expense["project"] == ["id": 3, "name": "Globex Rebrand"])
        #expect(expense["client"] == ["id": 2, "name": "Globex"])
    }

    @Test func createValidatesAndAnswers201() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let created = api.post("/expenses", ["project_id": 1, "spent_date": "2026-03-02", "amount": 19.999, "category": "Software"])
        #expect(created.status == 201)
        #expect(created.json["id"]?.intValue == Fixture.Expense.firstBulkExpense + 200)
        #expect(created.json["amount"]?.doubleValue == 20)
        #expect(created.json["billable"]?.boolValue == true)
        #expect(api.post("/expenses", [:]).errorFields == ["project_id", "spent_date", "amount", "category"])
        for amount: JSON in [0, -5, "12"] {
            let response = api.post("/expenses", ["project_id": 1, "spent_date": "2026-03-02", "amount": amount, "category": "Meals"])
            #expect(response.errorFields == ["amount"], "amount \(amount)")
        }
        let archived = api.post("/expenses", ["project_id": 4, "spent_date": "2026-03-02", "amount": 5, "category": "Meals"])
        #expect(archived.errorCode == "project_archived")
    }

    @Test func invoicedExpensesAreRefusedFirst() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let update = api.patch("/expenses/\(Fixture.Expense.invoiced)", ["amount": -1])
        #expect(update.errorCode == "expense_invoiced")
        #expect(api.delete("/expenses/\(Fixture.Expense.invoiced)").errorCode == "expense_invoiced")
        #expect(api.patch("/expenses/\(Fixture.Expense.acmeUninvoiced)", ["amount": 55.5]).json["amount"]?.doubleValue == 55.5)
        #expect(api.delete("/expenses/\(Fixture.Expense.acmeUninvoiced)").status == 204)
        #expect(api.get("/expenses/\(Fixture.Expense.acmeUninvoiced)").status == 404)
    }

    @Test func listIsNewestFirstWithFilters() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let rows = sandbox.snapshot().expenses.rows
        let page = api.get("/expenses?per_page=2000").json
        #expect(page["total_entries"]?.intValue == rows.count)
        let dates = (page["expenses"]?.arrayValue ?? []).compactMap { $0["spent_date"]?.stringValue }
        #expect(dates == dates.sorted(by: >))
        #expect(api.get("/expenses?is_invoiced=true").json["total_entries"]?.intValue == rows.filter(\.isInvoiced).count)
        #expect(api.get("/expenses?client_id=3").json["total_entries"]?.intValue == rows.filter { $0.projectID == 4 }.count)
        #expect(api.get("/expenses?user_id=x").errorFields == ["user_id"])
    }
}
