import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// The invoices toolset, end to end: the built server over stdio, the sandbox over HTTP.
@Suite struct InvoicesTests {
    @Test func ownersListInvoicesNewestFirstWithFilters() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let invoices = harness.sandbox.snapshot().invoices.values
                .filter { $0.workspaceID == Fixture.Workspace.main }
                .sorted { ($0.issueDay, $0.id) > ($1.issueDay, $1.id) }

            let first = try await harness.call("list_invoices", ["per_page": 1]).content()
            #expect(ids(first, "invoices") == [invoices[0].id])
            #expect(first["total_entries"]?.intValue == invoices.count)
            #expect(first["next_page"] == 2)
            let listed = try #require(first["invoices"]?.arrayValue?.first)
            #expect(listed["line_items"] == nil, "lists leave out line items")
            #expect(listed["created_at"] == nil, "lists leave out timestamps")
            #expect(listed["client"] == "Acme Corp", "concise: the client by name")
            #expect(first["references"]?["clients"] == [["id": .int(Fixture.Client.acme), "name": "Acme Corp"]], "its id beside")

            let all = try await harness.call("list_invoices").content()
            #expect(ids(all, "invoices") == invoices.map(\.id))

            let globex = try await harness.call("list_invoices", ["client_id": .int(Fixture.Client.globex)]).content()
            #expect(ids(globex, "invoices") == invoices.filter { $0.clientID == Fixture.Client.globex }.map(\.id))
            let paid = try await harness.call("list_invoices", ["state": "paid"]).content()
            #expect(ids(paid, "invoices") == [Fixture.Invoice.globexPaid])

            let draftDay = try #require(harness.sandbox.snapshot().invoices[Fixture.Invoice.acmeDraft]?.issueDate)
            let recent = try await harness.call("list_invoices", ["from": .string(draftDay), "to": "today"]).content()
            #expect(ids(recent, "invoices") == invoices.filter { $0.issueDate >= draftDay }.map(\.id))
            #expect(ids(recent, "invoices").contains(Fixture.Invoice.acmeDraft))
            let thisYear = try await harness.call("list_invoices", ["period": "this_year"]).content()
            let year = String(harness.sandbox.today.prefix(4))
            #expect(ids(thisYear, "invoices") == invoices.filter { $0.issueDate.hasPrefix(year) }.map(\.id))

            let limited = try await harness.call("list_invoices", ["all": true, "limit": 2], meta: ["progressToken": "p1"]).content()
            #expect(ids(limited, "invoices") == invoices.prefix(2).map(\.id))
            #expect(limited["truncated"] == true)
            let progress = harness.server.messages.filter {
                $0["method"] == "notifications/progress" && $0["params"]?["progressToken"] == "p1"
            }
            #expect(progress.last?["params"]?["progress"]?.doubleValue == 2)
        }
    }

    @Test func getInvoiceHasItsLineItems() async throws {
        try await withHarness(token: Fixture.Token.admin) { harness in
            let record = try #require(harness.sandbox.snapshot().invoices[Fixture.Invoice.globexPaid])
            let invoice = try await harness.call("get_invoice", ["invoice_id": .int(Fixture.Invoice.globexPaid)]).content()["invoice"]
            #expect(invoice?["number"] == "INV-0001")
            #expect(invoice?["state"] == "paid")
            #expect(invoice?["client"]?["name"] == "Globex")
            #expect(hundredths(invoice?["amount"]) == record.amount)
            let lines = try #require(invoice?["line_items"]?.arrayValue)
            #expect(lines.compactMap { $0["description"]?.stringValue } == record.lineItems.map(\.description))
            #expect(lines.compactMap { $0["kind"]?.stringValue } == record.lineItems.map(\.kind))
            #expect(lines.map { hundredths($0["amount"]) } == record.lineItems.map(\.amount))
            #expect(lines.first?["project"]?["name"] == "Globex Rebrand")

            let draft = try await harness.call("get_invoice", ["invoice_id": .int(Fixture.Invoice.acmeDraft)]).content()["invoice"]
            #expect(draft?["line_items"]?.arrayValue?.first?["description"] == "Discovery workshop (two days, on site)")
            #expect(draft?["line_items"]?.arrayValue?.first?["project"] == .null)

            let missing = try await harness.call("get_invoice", ["invoice_id": 424_242])
            #expect(missing.isError)
            #expect(missing.text.contains("no invoice 424242"))
        }
    }

    @Test func createInvoiceForAPeriodBillsEveryUninvoicedEntryAndExpense() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let before = harness.sandbox.snapshot()
            let month = previousMonth(harness.sandbox.today)
            let acme: Set = [Fixture.Project.acmeWebsite, Fixture.Project.acmeMobile]
            let entries = before.timeEntries.rows.filter {
                acme.contains($0.projectID) && $0.spentDate.hasPrefix(month) && $0.billable && !$0.isInvoiced && !$0.isRunning
            }
            let expenses = before.expenses.rows.filter {
                acme.contains($0.projectID) && $0.spentDate.hasPrefix(month) && $0.billable && !$0.isInvoiced
            }
            #expect(!entries.isEmpty && !expenses.isEmpty, "the seed has Acme work last month")

            let created = try await harness.call("create_invoice", [
                "client_id": .int(Fixture.Client.acme), "period": "last_month", "due_date": "tomorrow", "subject": "Last month",
            ]).content()
            let id = try #require(created["invoice"]?["id"]?.intValue)
            let after = harness.sandbox.snapshot()
            let record = try #require(after.invoices[id])
            #expect(record.state == "draft")
            #expect(record.subject == "Last month")
            #expect(Set(after.timeEntries.rows.filter { $0.invoiceID == id }.map(\.id)) == Set(entries.map(\.id)))
            #expect(Set(after.expenses.rows.filter { $0.invoiceID == id }.map(\.id)) == Set(expenses.map(\.id)))

            let billed = created["billed"]
            #expect(billed?["time_entries"]?.intValue == entries.count)
            #expect(billed?["expenses"]?.intValue == expenses.count)
            #expect(hundredths(billed?["hours"]) == entries.reduce(0) { $0 + $1.hours }, "hours in hundredths, like cents")
            #expect(hundredths(billed?["total"]) == record.amount)
            #expect(billed?["from"]?.stringValue == "\(month)-01")
            #expect(billed?["to"]?.stringValue?.hasPrefix(month) == true)
            let message = try #require(created["message"]?.stringValue)
            #expect(message.contains(record.number))
            #expect(message.contains("\(entries.count) time entries"))
            #expect(created["invoice"]?["line_items"]?.arrayValue?.count == record.lineItems.count)
            #expect(harness.requestLines.filter { $0 == "POST /invoices" }.count == 1)
        }
    }

    @Test func createInvoiceCanBillOnlySomeProjectsOfExplicitDates() async throws {
        try await withHarness(token: Fixture.Token.admin) { harness in
            let today = harness.sandbox.today
            let from = day(today, plus: -20), to = day(today, plus: -1)
            let before = harness.sandbox.snapshot()
            let mobile = before.timeEntries.rows.filter {
                $0.projectID == Fixture.Project.acmeMobile && $0.spentDate >= from && $0.spentDate <= to && $0.billable && !$0.isInvoiced
            }
            let website = before.timeEntries.rows.filter {
                $0.projectID == Fixture.Project.acmeWebsite && $0.spentDate >= from && $0.spentDate <= to && !$0.isInvoiced
            }
            let created = try await harness.call("create_invoice", [
                "client_id": .int(Fixture.Client.acme), "from": .string(from), "to": "yesterday",
                "project_ids": [.int(Fixture.Project.acmeMobile)],
            ]).content()
            let id = try #require(created["invoice"]?["id"]?.intValue)
            let after = harness.sandbox.snapshot()
            #expect(Set(after.timeEntries.rows.filter { $0.invoiceID == id }.map(\.id)) == Set(mobile.map(\.id)))
            #expect(website.allSatisfy { after.timeEntries[id: $0.id]?.isInvoiced == false }, "other projects stay unbilled")
            #expect(created["billed"]?["time_entries"]?.intValue == mobile.count)
            #expect(created["billed"]?["to"]?.stringValue == to)
        }
    }

    @Test func createInvoiceFromLineItemsMarksNothingInvoiced() async throws {
        try await withHarness(token: Fixture.Token.admin) { harness in
            let invoicedBefore = harness.sandbox.snapshot().timeEntries.rows.filter(\.isInvoiced).count
            let created = try await harness.call("create_invoice", [
                "client_id": .int(Fixture.Client.stark), "issue_date": "today", "due_date": "2099-01-31",
                "line_items": [
                    ["kind": "time", "description": "Dashboard design", "quantity": 2.5, "unit_price": 140,
                     "project_id": .int(Fixture.Project.starkDashboard)],
                    ["kind": "other", "description": "Hosting, one year", "quantity": 1, "unit_price": 99.5],
                ],
            ]).content()
            let id = try #require(created["invoice"]?["id"]?.intValue)
            let after = harness.sandbox.snapshot()
            let record = try #require(after.invoices[id])
            #expect(record.amount == 35_000 + 9_950)
            #expect(record.lineItems.map(\.description) == ["Dashboard design", "Hosting, one year"])
            #expect(record.lineItems.first?.projectID == Fixture.Project.starkDashboard)
            #expect(record.issueDate == harness.sandbox.today)
            #expect(after.timeEntries.rows.filter(\.isInvoiced).count == invoicedBefore)
            #expect(created["billed"]?["time_entries"] == 0)
            #expect(created["billed"]?["expenses"] == 0)
            #expect(created["billed"]?["line_items"] == 2)
            #expect(created["billed"]?["from"] == .null)
            #expect(created["message"]?.stringValue?.contains("No time entries or expenses were marked invoiced") == true)
        }
    }

    @Test func createInvoiceNeedsExactlyOneWayAndNamesTheArguments() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let line: JSON = ["kind": "other", "description": "Fee", "quantity": 1, "unit_price": 10]
            let acme = JSON.int(Fixture.Client.acme)
            let cases: [(JSONObject, [String])] = [
                (["client_id": acme], ["`period`", "`from`", "`to`", "`line_items`"]),
                (["client_id": acme, "period": "last_month", "line_items": [line]], ["`period`", "`line_items`", "not both"]),
                (["client_id": acme, "line_items": [line], "project_ids": [1]], ["`project_ids`", "`line_items`"]),
                (["client_id": acme, "from": "2026-01-01"], ["`from`", "`to`"]),
                (["client_id": acme, "period": "last_month", "to": "2026-01-01"], ["`period`", "`from`/`to`"]),
                (["client_id": acme, "from": "2026-02-01", "to": "2026-01-01"], ["`from` (2026-02-01) is after `to` (2026-01-01)"]),
                (["client_id": acme, "line_items": [line], "issue_date": "2026-03-10", "due_date": "2026-03-01"],
                 ["`due_date`", "`issue_date`"]),
                (["client_id": acme, "period": "last_month", "issue_date": "2026-13-01"], ["`issue_date`"]),
            ]
            harness.sandbox.clearRequests()
            for (arguments, words) in cases {
                let refused = try await harness.call("create_invoice", arguments)
                #expect(refused.isError, "\(arguments)")
                for word in words {
                    #expect(refused.text.contains(word), "\(arguments): \(refused.text)")
                }
            }
            #expect(harness.requestLines.isEmpty, "argument errors are caught before any request: \(harness.requestLines)")
        }
    }

    @Test func nothingToBillIsToldInTheToolsOwnTerms() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let count = harness.sandbox.snapshot().invoices.count
            let refused = try await harness.call("create_invoice", ["client_id": .int(Fixture.Client.umbrella), "period": "last_month"])
            #expect(refused.isError)
            #expect(refused.text.contains("Nothing to bill"))
            #expect(refused.text.contains("line_items"))
            #expect(!refused.text.contains("import"), "the API's field name is not one of the tool's arguments: \(refused.text)")
            #expect(harness.sandbox.snapshot().invoices.count == count)

            let foreign = try await harness.call("create_invoice", [
                "client_id": .int(Fixture.Client.acme), "period": "last_month", "project_ids": [.int(Fixture.Project.starkDashboard)],
            ])
            #expect(foreign.isError)
            #expect(foreign.text.contains("project_ids: includes ids that are not projects of Acme Corp: \(Fixture.Project.starkDashboard)"))
            #expect(!foreign.text.contains("import."), "named as the tool's argument: \(foreign.text)")
            #expect(harness.sandbox.snapshot().invoices.count == count)
        }
    }

    @Test func managersReadInvoicesButMayNotCreateThem() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let names = try await harness.server.toolNames()
            #expect(names.contains("list_invoices") && names.contains("get_invoice"))
            #expect(!names.contains("create_invoice"))

            let page = try await harness.call("list_invoices", ["state": "open"]).content()
            #expect(ids(page, "invoices") == [Fixture.Invoice.globexOpen])
            let one = try await harness.call("get_invoice", ["invoice_id": .int(Fixture.Invoice.acmeDraft)]).content()
            #expect(one["invoice"]?["number"] == "INV-0003")

            harness.sandbox.clearRequests()
            let refused = try await harness.call("create_invoice", ["client_id": .int(Fixture.Client.acme), "period": "last_month"])
            #expect(refused.isError)
            #expect(refused.text.contains("Your Hoursmith role is Manager"))
            #expect(refused.text.contains("can't create invoices"))
            #expect(harness.requestLines.isEmpty, "refused by role without a request: \(harness.requestLines)")
        }
    }

    @Test func membersSeeNoInvoiceToolsAndAreToldWhy() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let names = try await harness.server.toolNames()
            #expect(!names.contains { $0.contains("invoice") })

            harness.sandbox.clearRequests()
            let attempts: [(String, JSONObject)] = [
                ("list_invoices", [:]),
                ("get_invoice", ["invoice_id": .int(Fixture.Invoice.acmeDraft)]),
                ("create_invoice", ["client_id": .int(Fixture.Client.acme), "period": "last_month"]),
            ]
            for (tool, arguments) in attempts {
                let refused = try await harness.call(tool, arguments)
                #expect(refused.isError)
                #expect(refused.text.contains("Your Hoursmith role is Member"), "\(tool): \(refused.text)")
                #expect(refused.text.contains("invoices"), "\(tool): \(refused.text)")
            }
            #expect(harness.requestLines.isEmpty, "refused by role without a request: \(harness.requestLines)")
        }
    }
}
