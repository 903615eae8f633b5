import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// The expenses toolset, end to end: the built server over stdio, the sandbox over HTTP.
@Suite struct ExpensesTests {
    @Test func ownersListExpensesPageByPageWithFilters() async throws {
        try await withHarness(token: Fixture.Token.owner, environment: Harness.roomy) { harness in
            let rows = harness.sandbox.snapshot().expenses.rows.filter { $0.workspaceID == Fixture.Workspace.main }

            let first = try await harness.call("list_expenses", ["per_page": 5]).content()
            #expect(ids(first, "expenses") == rows.prefix(5).map(\.id))
            #expect(first["total_entries"]?.intValue == rows.count)
            #expect(first["next_page"] == 2)
            #expect(first["truncated"] == false)
            #expect(first["expenses"]?.arrayValue?.first?["created_at"] == nil, "lists leave out timestamps")
            #expect(first["expenses"]?.arrayValue?.first?["project"]?.stringValue != nil, "concise: the project by name")

            let second = try await harness.call("list_expenses", ["page": 2, "per_page": 5]).content()
            #expect(ids(second, "expenses") == rows.dropFirst(5).prefix(5).map(\.id))

            let acmeUnbilled = try await harness.call("list_expenses", [
                "project_id": .int(Fixture.Project.acmeWebsite), "is_invoiced": false, "per_page": 2000,
            ]).content()
            #expect(ids(acmeUnbilled, "expenses") == rows.filter { $0.projectID == Fixture.Project.acmeWebsite && !$0.isInvoiced }.map(\.id))

            let snapshot = harness.sandbox.snapshot()
            let globexBilled = try await harness.call("list_expenses", [
                "client_id": .int(Fixture.Client.globex), "is_invoiced": true, "per_page": 2000,
            ]).content()
            let expected = rows.filter { snapshot.projects[$0.projectID]?.clientID == Fixture.Client.globex && $0.isInvoiced }
            #expect(ids(globexBilled, "expenses") == expected.map(\.id))
            #expect(ids(globexBilled, "expenses").contains(Fixture.Expense.invoiced))
            let invoiceNumbers = Set(globexBilled["expenses"]?.arrayValue?.compactMap { $0["invoice"]?.stringValue } ?? [])
            #expect(invoiceNumbers.isSubset(of: ["INV-0001", "INV-0002"]) && !invoiceNumbers.isEmpty)

            let byUser = try await harness.call("list_expenses", ["user_id": .int(Fixture.User.member2), "per_page": 2000]).content()
            #expect(ids(byUser, "expenses") == rows.filter { $0.userID == Fixture.User.member2 }.map(\.id))
        }
    }

    @Test func datesAndPeriodsAreTheWorkspacesCalendarDays() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let rows = harness.sandbox.snapshot().expenses.rows
            let today = harness.sandbox.today

            let thisMonth = try await harness.call("list_expenses", ["period": "this_month", "per_page": 2000]).content()
            #expect(ids(thisMonth, "expenses") == rows.filter { $0.spentDate.hasPrefix(String(today.prefix(7))) }.map(\.id))

            let lastWeekOn = day(today, plus: -7)
            let words = try await harness.call("list_expenses", ["from": .string(lastWeekOn), "to": "yesterday", "per_page": 2000]).content()
            let yesterday = day(today, plus: -1)
            #expect(ids(words, "expenses") == rows.filter { $0.spentDate >= lastWeekOn && $0.spentDate <= yesterday }.map(\.id))
            #expect(!ids(words, "expenses").isEmpty, "the seed has expenses in the last week")

            harness.sandbox.clearRequests()
            let both = try await harness.call("list_expenses", ["period": "last_month", "from": "2026-01-01"])
            #expect(both.isError)
            #expect(both.text.contains("`period`") && both.text.contains("`from`"))
            let reversed = try await harness.call("list_expenses", ["from": "2026-03-02", "to": "2026-03-01"])
            #expect(reversed.isError)
            #expect(reversed.text.contains("`from` (2026-03-02) is after `to` (2026-03-01)"))
            let impossible = try await harness.call("list_expenses", ["from": "2026-02-30"])
            #expect(impossible.isError)
            #expect(impossible.text.contains("Argument `from` is \"2026-02-30\", which is not a date"))
            let word = try await harness.call("list_expenses", ["to": "someday"])
            #expect(word.isError)
            #expect(word.text.contains("to"))
            #expect(harness.requestLines.isEmpty, "argument errors are caught before any request: \(harness.requestLines)")
        }
    }

    @Test func allTrueFollowsPagesUpToTheLimitAndReportsProgress() async throws {
        try await withHarness(token: Fixture.Token.owner, environment: Harness.roomy) { harness in
            let rows = harness.sandbox.snapshot().expenses.rows
            let outcome = try await harness.call("list_expenses", ["all": true, "limit": 50, "per_page": 20],
                                                 meta: ["progressToken": "p1"])
            let page = try outcome.content()
            #expect(ids(page, "expenses") == rows.prefix(50).map(\.id))
            #expect(page["truncated"] == true)
            #expect(page["total_entries"]?.intValue == rows.count)
            #expect(page["next_page"] == .null)
            #expect(page["note"]?.stringValue?.contains("first 50 of \(rows.count) expenses") == true)
            #expect(harness.requestLines.filter { $0 == "GET /expenses" }.count == 3, "three pages of 20 cover 50")

            let progress = harness.server.messages.filter {
                $0["method"] == "notifications/progress" && $0["params"]?["progressToken"] == "p1"
            }
            #expect(!progress.isEmpty)
            #expect(progress.last?["params"]?["progress"]?.doubleValue == 50)
            #expect(progress.last?["params"]?["total"]?.doubleValue == 50)

            let everything = try await harness.call("list_expenses", ["all": true]).content()
            #expect(ids(everything, "expenses") == rows.map(\.id))
            #expect(everything["truncated"] == false)

            let mixed = try await harness.call("list_expenses", ["all": true, "page": 2])
            #expect(mixed.isError)
            #expect(mixed.text.contains("`page`"))
        }
    }

    @Test func getExpenseGivesTheWholeObjectWithItsInvoice() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let record = try #require(harness.sandbox.snapshot().expenses[id: Fixture.Expense.invoiced])
            let expense = try await harness.call("get_expense", ["expense_id": .int(Fixture.Expense.invoiced)]).content()["expense"]
            #expect(expense?["id"]?.intValue == record.id)
            #expect(hundredths(expense?["amount"]) == record.amount)
            #expect(expense?["category"]?.stringValue == record.category)
            #expect(expense?["spent_date"]?.stringValue == record.spentDate)
            #expect(expense?["is_invoiced"] == true)
            #expect(expense?["invoice"]?["number"] == "INV-0001")
            #expect(expense?["project"]?["name"] == "Globex Rebrand")
            #expect(expense?["client"]?["name"] == "Globex")
            #expect(expense?["user"]?["name"] == "Maria Lopez")
            #expect(expense?["created_at"] != nil)

            let missing = try await harness.call("get_expense", ["expense_id": 999_999])
            #expect(missing.isError)
            #expect(missing.text.contains("no expense 999999"))
        }
    }

    @Test func ownersRecordAndChangeExpenses() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let today = harness.sandbox.today
            let created = try await harness.call("create_expense", [
                "project_id": .int(Fixture.Project.acmeWebsite), "amount": 12.34, "category": "Meals",
                "spent_date": "yesterday", "notes": "Lunch with the Acme team",
            ]).content()
            let id = try #require(created["expense"]?["id"]?.intValue)
            let stored = try #require(harness.sandbox.snapshot().expenses[id: id])
            #expect(stored.amount == 1234)
            #expect(stored.spentDate == day(today, plus: -1))
            #expect(stored.category == "Meals")
            #expect(stored.userID == Fixture.User.owner)
            #expect(stored.billable)

            let plain = try await harness.call("create_expense", [
                "project_id": .int(Fixture.Project.starkDashboard), "amount": 5, "category": "Printing", "billable": false,
            ]).content()
            let plainID = try #require(plain["expense"]?["id"]?.intValue)
            #expect(harness.sandbox.snapshot().expenses[id: plainID]?.spentDate == today, "spent_date defaults to today")
            #expect(harness.sandbox.snapshot().expenses[id: plainID]?.billable == false)

            let updated = try await harness.call("update_expense", [
                "expense_id": .int(id), "amount": 15, "category": "Travel", "notes": nil, "billable": false,
            ]).content()
            #expect(updated["expense"]?["notes"] == .null)
            let changed = try #require(harness.sandbox.snapshot().expenses[id: id])
            #expect(changed.amount == 1500)
            #expect(changed.category == "Travel")
            #expect(changed.notes == nil)
            #expect(!changed.billable)
            #expect(changed.spentDate == stored.spentDate, "what was not given stays")

            let archived = try await harness.call("create_expense", [
                "project_id": .int(Fixture.Project.initechMigration), "amount": 10, "category": "Travel",
            ])
            #expect(archived.isError)
            #expect(archived.text.contains("archived"))

            harness.sandbox.clearRequests()
            let badDate = try await harness.call("create_expense", [
                "project_id": .int(Fixture.Project.acmeWebsite), "amount": 1, "category": "Meals", "spent_date": "2026-02-30",
            ])
            #expect(badDate.isError)
            #expect(badDate.text.contains("`spent_date`"))
            let zero = try await harness.call("create_expense", [
                "project_id": .int(Fixture.Project.acmeWebsite), "amount": 0, "category": "Meals",
            ])
            #expect(zero.isError)
            #expect(zero.text.contains("amount"))
            #expect(harness.requestLines.isEmpty, "argument errors are caught before any request: \(harness.requestLines)")
        }
    }

    @Test func anInvoicedExpenseCannotBeChangedAndTheRefusalNamesTheInvoice() async throws {
        try await withHarness(token: Fixture.Token.admin) { harness in
            let before = harness.sandbox.snapshot().expenses[id: Fixture.Expense.invoiced]
            let refused = try await harness.call("update_expense", ["expense_id": .int(Fixture.Expense.invoiced), "amount": 1])
            #expect(refused.isError)
            #expect(refused.text.contains("can't be changed"))
            #expect(refused.text.contains("INV-0001"))
            #expect(harness.sandbox.snapshot().expenses[id: Fixture.Expense.invoiced] == before)
        }
    }

    @Test func deleteExpenseRefusesAnInvoicedOneWithoutDeleting() async throws {
        try await withHarness(token: Fixture.Token.admin) { harness in
            let refused = try await harness.call("delete_expense", ["expense_id": .int(Fixture.Expense.invoiced)])
            #expect(refused.isError)
            #expect(refused.text.contains("Expense \(Fixture.Expense.invoiced)"))
            #expect(refused.text.contains("invoice INV-0001"))

            let dryRun = try await harness.call("delete_expense", ["expense_id": .int(Fixture.Expense.invoiced), "dry_run": true])
            #expect(!dryRun.isError, "a dry run's refusal is a normal result")
            let verdict = try dryRun.content()
            #expect(verdict["would"] == "refuse")
            #expect(verdict["reason"]?.stringValue == refused.text, "the dry run gives the refusal's own words")
            #expect(verdict["target"]?["id"]?.intValue == Fixture.Expense.invoiced)
            #expect(verdict["also_affected"]?["invoice"]?["number"] == "INV-0001")

            #expect(!harness.requestLines.contains { $0.hasPrefix("DELETE") }, "no DELETE reached the API")
            #expect(harness.sandbox.snapshot().expenses[id: Fixture.Expense.invoiced] != nil)
        }
    }

    @Test func deleteExpenseDryRunChangesNothingThenTheRealCallDeletesOnce() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let id = Fixture.Expense.acmeUninvoiced
            let record = try #require(harness.sandbox.snapshot().expenses[id: id])
            let dryRun = try await harness.call("delete_expense", ["expense_id": .int(id), "dry_run": true]).content()
            #expect(dryRun["would"] == "delete")
            #expect(dryRun["target"]?["id"]?.intValue == id)
            #expect(hundredths(dryRun["target"]?["amount"]) == record.amount)
            #expect(dryRun["reason"]?.stringValue?.contains("not invoiced") == true)
            #expect(!harness.requestLines.contains { $0.hasPrefix("DELETE") })
            #expect(harness.sandbox.snapshot().expenses[id: id] != nil)

            let deleted = try await harness.call("delete_expense", ["expense_id": .int(id)]).content()
            #expect(deleted["deleted"] == true)
            #expect(deleted["target"]?["category"]?.stringValue == record.category, "the result keeps what was deleted")
            #expect(harness.requestLines.filter { $0.hasPrefix("DELETE") } == ["DELETE /expenses/\(id)"])
            #expect(harness.sandbox.snapshot().expenses[id: id] == nil)

            let again = try await harness.call("delete_expense", ["expense_id": .int(id)])
            #expect(again.isError)
            #expect(again.text.contains("no expense \(id)"))
            #expect(harness.requestLines.filter { $0.hasPrefix("DELETE") }.count == 1, "nothing left to delete, nothing sent")
        }
    }

    @Test func whenTheAPIRefusesAnywayTheRefusalNamesTheNewInvoice() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let id = Fixture.Expense.acmeUninvoiced
            let spent = try #require(harness.sandbox.snapshot().expenses[id: id]?.spentDate)
            // Someone bills the expense while its DELETE is on the way.
            let api = SandboxAPI(baseURL: harness.sandbox.baseURL, token: Fixture.Token.owner)
            var number = ""
            let refused = try await harness.callWhileDeleteIsHeld("/expenses/\(id)", "delete_expense", ["expense_id": .int(id)]) {
                let billed = try await api.send("POST", "/invoices", [
                    "client_id": .int(Fixture.Client.acme),
                    "import": ["from": .string(spent), "to": .string(spent), "project_ids": [.int(Fixture.Project.acmeWebsite)]],
                ])
                #expect(billed.status == 201)
                number = try #require(billed.json?["number"]?.stringValue)
            }
            #expect(refused.isError)
            #expect(refused.text.contains("invoice \(number)"), "the refusal names the invoice that billed it: \(refused.text)")
            #expect(refused.text.contains("can't be deleted"))
            #expect(harness.sandbox.snapshot().expenses[id: id] != nil)
        }
    }

    @Test func managersReadExpensesButMayNotWriteThem() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let names = try await harness.server.toolNames()
            #expect(names.contains("list_expenses") && names.contains("get_expense"))
            #expect(!names.contains("create_expense") && !names.contains("update_expense") && !names.contains("delete_expense"))

            let page = try await harness.call("list_expenses", ["per_page": 1]).content()
            #expect(page["total_entries"]?.intValue == harness.sandbox.snapshot().expenses.count)
            let one = try await harness.call("get_expense", ["expense_id": .int(Fixture.Expense.initech)]).content()
            #expect(one["expense"]?["category"] == "Hardware")

            harness.sandbox.clearRequests()
            let attempts: [(String, JSONObject, String)] = [
                ("create_expense", ["project_id": 1, "amount": 3, "category": "Meals"], "can't record expenses"),
                ("update_expense", ["expense_id": .int(Fixture.Expense.acmeUninvoiced), "amount": 3], "can't change expenses"),
                ("delete_expense", ["expense_id": .int(Fixture.Expense.acmeUninvoiced)], "can't delete expenses"),
            ]
            for (tool, arguments, words) in attempts {
                let refused = try await harness.call(tool, arguments)
                #expect(refused.isError)
                #expect(refused.text.contains("Your Hoursmith role is Manager"), "\(tool): \(refused.text)")
                #expect(refused.text.contains(words), "\(tool): \(refused.text)")
            }
            #expect(harness.requestLines.isEmpty, "refused by role without a request: \(harness.requestLines)")
            #expect(harness.sandbox.snapshot().expenses[id: Fixture.Expense.acmeUninvoiced]?.amount == 4900)
        }
    }

    @Test func membersSeeNoExpenseToolsAndAreToldWhy() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let names = try await harness.server.toolNames()
            #expect(!names.contains { $0.contains("expense") })

            harness.sandbox.clearRequests()
            for tool in ["list_expenses", "get_expense", "create_expense", "update_expense", "delete_expense"] {
                let arguments: JSONObject = switch tool {
                case "list_expenses": [:]
                case "create_expense": ["project_id": 1, "amount": 3, "category": "Meals"]
                default: ["expense_id": .int(Fixture.Expense.acmeUninvoiced)]
                }
                let refused = try await harness.call(tool, arguments)
                #expect(refused.isError)
                #expect(refused.text.contains("Your Hoursmith role is Member"), "\(tool): \(refused.text)")
                #expect(refused.text.contains("expenses"), "\(tool): \(refused.text)")
            }
            #expect(harness.requestLines.isEmpty, "refused by role without a request: \(harness.requestLines)")
        }
    }
}
