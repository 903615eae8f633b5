import Foundation
import JSONCore
import Testing
@testable import HoursmithClient

/// Models decoded from JSON text written as the contract describes it, written back with
/// `json`, and the errors for bodies that do not fit.
@Suite struct ModelDecodingTests {
    static func timeEntryText(id: Int, projectID: String = "1", hours: String = "1.25", invoice: String = "null") -> String {
        """
        {"id": \(id), "spent_date": "2026-11-20", "hours": \(hours), "notes": "Homepage layout", "billable": true,
         "is_running": false, "timer_started_at": null, "is_invoiced": false, "invoice": \(invoice),
         "user": {"id": 4, "name": "Sam Carter"}, "client": {"id": 1, "name": "Acme Corp"},
         "project": {"id": \(projectID), "name": "Acme Website"}, "task": {"id": 1, "name": "Design"},
         "created_at": "2026-11-20T15:00:00Z", "updated_at": "2026-11-21T09:30:00Z"}
        """
    }

    static func decode<T: HoursmithModel>(_ type: T.Type, _ text: String) throws -> T {
        try T(json: JSON.parse(text))
    }

    /// decode(model.json) == model, and the wire form is what was read.
    static func expectRoundTrip<T: HoursmithModel>(_ model: T, from text: String) throws {
        let again = try T(json: .object(model.json))
        #expect(again == model)
        #expect(JSON.object(model.json) == (try JSON.parse(text)))
    }

    @Test func timeEntry() throws {
        let text = Self.timeEntryText(id: 7, invoice: #"{"id": 2, "number": "INV-0002"}"#)
        let entry = try Self.decode(TimeEntry.self, text)
        #expect(entry.id == 7)
        #expect(entry.spentDate == LocalDate("2026-11-20"))
        #expect(entry.hours == Decimal(string: "1.25"))
        #expect(entry.notes == "Homepage layout")
        #expect(entry.billable && !entry.isRunning && !entry.isInvoiced)
        #expect(entry.timerStartedAt == nil)
        #expect(entry.invoice == InvoiceReference(id: 2, number: "INV-0002"))
        #expect(entry.user == NamedReference(id: 4, name: "Sam Carter"))
        #expect(entry.project.name == "Acme Website")
        #expect(entry.task == NamedReference(id: 1, name: "Design"))
        #expect(entry.updatedAt.text == "2026-11-21T09:30:00Z")
        try Self.expectRoundTrip(entry, from: text)
    }

    @Test func hoursAndMoneyAreExact() throws {
        let entry = try Self.decode(TimeEntry.self, Self.timeEntryText(id: 1, hours: "0.1"))
        // 0.1 has no exact Double; as a Decimal, ten of them are exactly 1.
        #expect(entry.hours * 10 == 1)
        #expect(JSON.object(entry.json)["hours"]?.numberValue?.literal == "0.1")
    }

    @Test func me() throws {
        let text = """
        {"user": {"id": 1, "first_name": "Olivia", "last_name": "Hart", "email": "olivia@example.com", "role": "owner",
                  "is_active": true, "weekly_capacity_hours": 37.5, "created_at": "2025-01-01T00:00:00Z",
                  "updated_at": "2025-06-01T12:00:00Z"},
         "workspace": {"id": 1, "name": "Northwind Studio", "plan": "studio", "currency": "USD",
                       "timezone": "America/New_York", "week_start": "monday"}}
        """
        let me = try Self.decode(Me.self, text)
        #expect(me.user.role == .owner)
        #expect(me.user.name == "Olivia Hart")
        #expect(me.user.weeklyCapacityHours == Decimal(string: "37.5"))
        #expect(me.workspace.plan == .studio)
        #expect(me.workspace.weekStart == .monday)
        #expect(me.workspace.timezone == "America/New_York")
        try Self.expectRoundTrip(me, from: text)
    }

    @Test func unknownRolesAndPlansAreKept() throws {
        let text = """
        {"id": 9, "name": "W", "plan": "enterprise", "currency": "EUR", "timezone": "Europe/Paris", "week_start": "sunday"}
        """
        let workspace = try Self.decode(Workspace.self, text)
        #expect(workspace.plan.rawValue == "enterprise")
        #expect(workspace.plan.displayName == "Enterprise")
    }

    @Test func clientWithAndWithoutAddress() throws {
        let text = """
        {"id": 4, "name": "Umbrella Health", "currency": "USD", "address": null, "is_active": false,
         "created_at": "2025-03-01T10:00:00Z", "updated_at": "2025-03-01T10:00:00Z"}
        """
        let client = try Self.decode(Client.self, text)
        #expect(client.address == nil)
        #expect(!client.isActive)
        try Self.expectRoundTrip(client, from: text)
    }

    @Test func project() throws {
        let text = """
        {"id": 1, "name": "Acme Website", "code": "ACME-WEB", "client": {"id": 1, "name": "Acme Corp"}, "is_active": true,
         "is_billable": true, "hourly_rate": 150, "budget_hours": 400, "starts_on": "2026-01-05", "ends_on": null,
         "notes": null, "member_ids": [1, 2, 3, 4], "created_at": "2026-01-05T09:00:00Z", "updated_at": "2026-01-05T09:00:00Z"}
        """
        let project = try Self.decode(Project.self, text)
        #expect(project.hourlyRate == 150)
        #expect(project.startsOn == LocalDate("2026-01-05"))
        #expect(project.endsOn == nil)
        #expect(project.memberIDs == [1, 2, 3, 4])
        try Self.expectRoundTrip(project, from: text)
    }

    @Test func task() throws {
        let text = """
        {"id": 3, "name": "Project Management", "project": {"id": 1, "name": "Acme Website"}, "is_active": true,
         "billable_by_default": false, "hourly_rate": null, "created_at": "2026-01-05T09:00:00Z", "updated_at": "2026-01-05T09:00:00Z"}
        """
        let task = try Self.decode(ProjectTask.self, text)
        #expect(!task.billableByDefault)
        #expect(task.hourlyRate == nil)
        try Self.expectRoundTrip(task, from: text)
    }

    @Test func expense() throws {
        let text = """
        {"id": 2, "spent_date": "2026-11-02", "amount": 129.99, "category": "Software", "notes": null, "billable": true,
         "is_invoiced": false, "invoice": null, "user": {"id": 1, "name": "Olivia Hart"},
         "client": {"id": 1, "name": "Acme Corp"}, "project": {"id": 1, "name": "Acme Website"},
         "created_at": "2026-11-02T10:00:00Z", "updated_at": "2026-11-02T10:00:00Z"}
        """
        let expense = try Self.decode(Expense.self, text)
        #expect(expense.amount == Decimal(string: "129.99"))
        #expect(expense.invoice == nil)
        try Self.expectRoundTrip(expense, from: text)
    }

    @Test func invoiceWithLineItemsAndWithout() throws {
        let withItems = """
        {"id": 3, "number": "INV-0003", "client": {"id": 1, "name": "Acme Corp"}, "state": "draft",
         "issue_date": "2026-11-01", "due_date": "2026-12-01", "subject": "Retainer", "notes": null, "currency": "USD",
         "amount": 1200, "line_items": [{"kind": "other", "description": "Monthly retainer", "quantity": 1,
         "unit_price": 1200, "amount": 1200, "project": null}],
         "created_at": "2026-11-01T08:00:00Z", "updated_at": "2026-11-01T08:00:00Z"}
        """
        let invoice = try Self.decode(Invoice.self, withItems)
        #expect(invoice.state == .draft)
        let item = try #require(invoice.lineItems?.first)
        #expect(item.kind == .other)
        #expect(item.unitPrice == 1200)
        #expect(item.project == nil)
        try Self.expectRoundTrip(invoice, from: withItems)

        var listForm = try #require(try JSON.parse(withItems).objectValue)
        listForm["line_items"] = nil
        let listed = try Invoice(json: .object(listForm))
        #expect(listed.lineItems == nil)
        #expect(listed.json["line_items"] == nil)
    }

    @Test func timeReport() throws {
        let text = """
        {"from": "2026-11-01", "to": "2026-11-30", "group_by": "project", "currency": "USD",
         "results": [{"id": 1, "name": "Acme Website", "total_hours": 12.5, "billable_hours": 10, "billable_amount": 1500}]}
        """
        let report = try Self.decode(TimeReport.self, text)
        #expect(report.groupBy == .project)
        #expect(report.results.first?.billableAmount == 1500)
        try Self.expectRoundTrip(report, from: text)
    }

    @Test func pageOfTimeEntries() throws {
        let items = (1...3).map { Self.timeEntryText(id: $0) }.joined(separator: ",")
        let text = """
        {"time_entries": [\(items)], "page": 2, "per_page": 3, "total_pages": 4, "total_entries": 11,
         "next_page": 3, "previous_page": 1,
         "links": {"first": "https://x/api/v1/time_entries?page=1", "next": null, "previous": null, "last": "https://x"}}
        """
        let page = try Page<TimeEntry>(fields: JSONFields(JSON.parse(text)))
        #expect(page.items.map(\.id) == [1, 2, 3])
        #expect((page.page, page.perPage, page.totalPages, page.totalEntries) == (2, 3, 4, 11))
        #expect(page.nextPage == 3 && page.previousPage == 1)
        let again = try Page<TimeEntry>(fields: JSONFields(.object(page.json)))
        #expect(again == page)
    }

    @Test func aMistypedFieldIsNamedByItsPath() throws {
        let items = (0..<4).map { Self.timeEntryText(id: $0, projectID: $0 == 3 ? "\"5\"" : "1") }.joined(separator: ",")
        let text = """
        {"time_entries": [\(items)], "page": 1, "per_page": 4, "total_pages": 1, "total_entries": 4,
         "next_page": null, "previous_page": null}
        """
        #expect(throws: JSONDecodingError(path: "time_entries[3].project.id", problem: #"expected an integer, found the string "5""#)) {
            try Page<TimeEntry>(fields: JSONFields(JSON.parse(text)))
        }
    }

    @Test(arguments: [
        ("hours", #""1.5""#, #"hours: expected a number, found the string "1.5""#),
        ("spent_date", #""20-11-2026""#, #"spent_date: expected a date (YYYY-MM-DD), found the string "20-11-2026""#),
        ("created_at", #""yesterday""#, #"created_at: expected an RFC 3339 timestamp, found the string "yesterday""#),
        ("invoice", "7", "invoice: expected an object or null, found the number 7"),
        ("billable", "null", "billable: expected a boolean, found null"),
    ])
    func wrongValuesAreNamed(field: String, value: String, expected: String) throws {
        var object = try #require(try JSON.parse(Self.timeEntryText(id: 1)).objectValue)
        object[field] = try JSON.parse(value)
        #expect(throws: JSONDecodingError.self) { try TimeEntry(json: .object(object)) }
        do {
            _ = try TimeEntry(json: .object(object))
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func aMissingFieldIsNamed() throws {
        var object = try #require(try JSON.parse(Self.timeEntryText(id: 1)).objectValue)
        object["task"] = nil
        #expect(throws: JSONDecodingError(path: "task", problem: "missing (expected an object)")) {
            try TimeEntry(json: .object(object))
        }
    }
}

@Suite struct DecimalReadingTests {
    @Test(arguments: ["0", "-0", "-0.00", "7.25", "150", "0.1", "-12.5", "1200.00", "999999999999999999", "123456789.123456789",
                      "1e3", "2.5E-2", "-1.5e+2", "12345678901234567890123", "0.0000000000000000001"])
    func readsEveryLiteralAsDecimalStringDoes(literal: String) throws {
        let number = try #require(JSONNumber(literal: literal))
        let read = try #require(Decimal(jsonNumber: number))
        let reference = try #require(Decimal(string: literal, locale: nil))
        #expect(read == reference)
        #expect(!read.isNaN)
        #expect(read.description == reference.description)
    }
}
