import HoursmithSandbox
import JSONCore
import Testing

@Suite("Sandbox invoices")
struct InvoiceTests {
    @Test func listIsByIssueDateWithoutLineItems() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let list = api.get("/invoices").json["invoices"]?.arrayValue ?? []
        #expect(list.compactMap { $0["number"]?.stringValue } == ["INV-0003", "INV-0002", "INV-0001"])
        #expect(list.allSatisfy { $0["line_items"] == nil })
        #expect(list.compactMap { $0["state"]?.stringValue } == ["draft", "open", "paid"])
        #expect(ids(api.get("/invoices?state=paid"), "invoices") == [1])
        #expect(ids(api.get("/invoices?client_id=2"), "invoices") == [2, 1])
        #expect(api.get("/invoices?state=sent").errorFields == ["state"])
    }

    @Test func seededInvoicesBillWhatTheyClaim() throws {
        let sandbox = try makeSandbox()
        let snapshot = sandbox.snapshot()
        let invoice = API(sandbox).get("/invoices/\(Fixture.Invoice.globexPaid)").json
        let items = invoice["line_items"]?.arrayValue ?? []
        #expect(!items.isEmpty)
        let cents = items.compactMap { $0["amount"]?.doubleValue }.map { Int(($0 * 100).rounded()) }
        #expect(cents.reduce(0, +) == Int(((invoice["amount"]?.doubleValue ?? 0) * 100).rounded()))
        for item in items {
            let quantity = item["quantity"]?.doubleValue ?? 0, price = item["unit_price"]?.doubleValue ?? 0
            #expect(abs(quantity * price - (item["amount"]?.doubleValue ?? 0)) < 0.006)
        }
        let billedHours = items.filter { $0["kind"]?.stringValue == "time" }.compactMap { $0["quantity"]?.doubleValue }.reduce(0, +)
        let entryHours = snapshot.timeEntries.rows.filter { $0.invoiceID == 1 }.map(\.hours).reduce(0, +)
        #expect(Int((billedHours * 100).rounded()) == entryHours)
        #expect(snapshot.timeEntries[id: Fixture.TimeEntry.invoiced]?.invoiceID == 1)
        #expect(snapshot.expenses[id: Fixture.Expense.invoiced]?.invoiceID == 1)
        let globexTime = snapshot.timeEntries.rows.filter { $0.projectID == Fixture.Project.globexRebrand }
        #expect(globexTime.count > 50)
        #expect(globexTime.allSatisfy { $0.invoiceID == 1 || $0.invoiceID == 2 })
        #expect(globexTime.contains { $0.invoiceID == 2 })
        let draft = API(sandbox).get("/invoices/\(Fixture.Invoice.acmeDraft)").json
        #expect(draft["line_items"]?.arrayValue?.count == 1)
        #expect(draft["line_items"]?[0]?["kind"]?.stringValue == "other")
        #expect(draft["line_items"]?[0]?["project"]?.isNull == true)
    }

    @Test func createFromLineItems() throws {
        let sandbox = try makeSandbox()
        let response = API(sandbox).post("/invoices", [
            "client_id": 5, "issue_date": "2026-03-01", "due_date": "2026-03-31", "subject": "March",
            "line_items": [
                ["kind": "time", "description": "Dashboard work", "quantity": 2, "unit_price": 150, "project_id": 5],
                ["description": "Hosting", "quantity": 1.5, "unit_price": 80],
            ],
        ])
        #expect(response.status == 201)
        let invoice = response.json
        #expect(invoice["id"]?.intValue == 4)
        #expect(invoice["number"]?.stringValue == "INV-0004")
        #expect(invoice["state"]?.stringValue == "draft")
        #expect(invoice["amount"]?.doubleValue == 420)
        #expect(invoice["currency"]?.stringValue == "USD")
        #expect(invoice["line_items"]?[1]?["kind"]?.stringValue == "other")
        #expect(invoice["line_items"]?[0]?["project"] == ["id": 5, "name": "Stark Dashboard"])
        let next = API(sandbox).post("/invoices", ["client_id": 5, "line_items": [["description": "More", "unit_price": 1]]])
        #expect(next.json["number"]?.stringValue == "INV-0005")
        #expect(next.json["issue_date"]?.stringValue == sandbox.today)
    }

    @Test func importBillsEveryBillableUninvoicedEntryAndExpenseOfTheClient() throws {
        let sandbox = try makeSandbox()
        let from = shift(sandbox.today, days: -45), to = sandbox.today
        let before = sandbox.snapshot()
        let acme: Set<Int> = [Fixture.Project.acmeWebsite, Fixture.Project.acmeMobile]
        let billable = before.timeEntries.rows.filter {
            acme.contains($0.projectID) && $0.billable && !$0.isInvoiced && !$0.isRunning && $0.spentDate >= from && $0.spentDate <= to
        }
        let billableExpenses = before.expenses.rows.filter {
            acme.contains($0.projectID) && $0.billable && !$0.isInvoiced && $0.spentDate >= from && $0.spentDate <= to
        }
        #expect(billable.count > 100)
        let response = API(sandbox).post("/invoices", ["client_id": 1, "import": ["from": .string(from), "to": .string(to)]])
        #expect(response.status == 201)
        let id = try #require(response.json["id"]?.intValue)
        let after = sandbox.snapshot()
        #expect(Set(after.timeEntries.rows.filter { $0.invoiceID == id }.map(\.id)) == Set(billable.map(\.id)))
        #expect(Set(after.expenses.rows.filter { $0.invoiceID == id }.map(\.id)) == Set(billableExpenses.map(\.id)))
        #expect(after.timeEntries[id: Fixture.TimeEntry.samRunningTimer]?.isInvoiced == false)
        let items = response.json["line_items"]?.arrayValue ?? []
        let hours = items.filter { $0["kind"]?.stringValue == "time" }.compactMap { $0["quantity"]?.doubleValue }.reduce(0, +)
        #expect(Int((hours * 100).rounded()) == billable.map(\.hours).reduce(0, +))
        // Nothing is left to bill in that period.
        let again = API(sandbox).post("/invoices", ["client_id": 1, "import": ["from": .string(from), "to": .string(to)]])
        #expect(again.status == 422)
        #expect(again.errorFields == ["import"])
    }

    @Test func importCanBeLimitedToProjects() throws {
        let sandbox = try makeSandbox()
        let from = shift(sandbox.today, days: -30)
        let response = API(sandbox).post("/invoices", [
            "client_id": 1, "import": ["from": .string(from), "to": .string(sandbox.today), "project_ids": [2]],
        ])
        #expect(response.status == 201)
        let id = try #require(response.json["id"]?.intValue)
        let billed = sandbox.snapshot().timeEntries.rows.filter { $0.invoiceID == id }
        #expect(!billed.isEmpty && billed.allSatisfy { $0.projectID == Fixture.Project.acmeMobile })
        let foreign = API(sandbox).post("/invoices", ["client_id": 1, "import": ["from": "2026-01-01", "to": "2026-01-31", "project_ids": [5]]])
        #expect(foreign.errorFields == ["import.project_ids"])
    }

    @Test func createValidates() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        #expect(api.post("/invoices", ["client_id": 1]).errorFields == ["line_items"])
        #expect(api.post("/invoices", [:]).errorFields == ["client_id", "line_items"])
        #expect(api.post("/invoices", ["client_id": 999, "line_items": [["description": "x", "unit_price": 1]]]).errorFields == ["client_id"])
        let both = api.post("/invoices", ["client_id": 1, "line_items": [["description": "x", "unit_price": 1]],
                                          "import": ["from": "2026-01-01", "to": "2026-01-31"]])
        #expect(both.errorFields == ["import"])
        let item = api.post("/invoices", ["client_id": 1, "line_items": [["kind": "fee", "quantity": 0, "unit_price": -1]]])
        #expect(item.errorFields == ["line_items[0].kind", "line_items[0].description", "line_items[0].quantity", "line_items[0].unit_price"])
        let period = api.post("/invoices", ["client_id": 1, "import": ["to": "2026-01-01T00:00"]])
        #expect(period.errorFields == ["import.from", "import.to"])
        let nothing = api.post("/invoices", ["client_id": 5, "import": ["from": "2001-01-01", "to": "2001-12-31"]])
        #expect(nothing.status == 422)
        #expect(nothing.errorCode == "validation_failed")
        #expect(nothing.errorFields == ["import"])
        #expect(api.post("/invoices", ["client_id": 1, "due_date": "2000-01-01", "line_items": [["description": "x", "unit_price": 1]]])
            .errorFields == ["due_date"])
        #expect(sandbox.snapshot().invoices.count == 3)
    }
}
