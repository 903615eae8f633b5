import Foundation
import JSONCore
import MCPCore
import Testing
@testable import HoursmithClient
@testable import HoursmithServer

/// Hours and money in exact hundredths; totals grouped by what the API groups by and by
/// calendar periods, page by page and merged.
@Suite struct TotalsTests {
    static func number(_ literal: String) -> JSONNumber {
        JSONNumber(literal: literal) ?? JSONNumber(literal: "0")!
    }

    @Test func hundredthsAreReadRoundingHalfAwayFromZero() {
        let cases: [(String, Int?)] = [
            ("2", 200), ("1.5", 150), ("0.25", 25), ("1.005", 101), ("-1.005", -101), ("1.004", 100), ("7.999", 800),
            ("1e2", 10_000), ("12.3456", 1_235), ("123456789012345.5", nil),
        ]
        for (literal, expected) in cases {
            #expect(Hundredths.parse(Self.number(literal)) == expected, "\(literal)")
        }
    }

    @Test func aQuotientIsRoundedHalfAwayFromZero() {
        #expect(Hundredths.divide(3733, by: 5) == 747 && Hundredths.divide(3732, by: 5) == 746, "746.6 up, 746.4 down")
        #expect(Hundredths.divide(3752, by: 5) == 750 && Hundredths.divide(3738, by: 5) == 748)
        #expect(Hundredths.divide(5, by: 10) == 1 && Hundredths.divide(-5, by: 10) == -1 && Hundredths.divide(4, by: 10) == 0)
        #expect(Hundredths.divide(-3733, by: 5) == -747)
    }

    @Test func moneyIsHoursTimesRateToTheCent() {
        #expect(Hundredths.multiply(150, 3_333) == 5_000, "1.5 h × 33.33 = 49.995 → 50.00")
        #expect(Hundredths.multiply(25, 101) == 25, "0.25 × 1.01 = 0.2525 → 0.25")
        #expect(Hundredths.multiply(-150, 3_333) == -5_000)
        #expect(Rates.amount(Decimal(string: "1.5") ?? 0, Decimal(string: "33.33") ?? 0) == Decimal(string: "50"))
    }

    @Test func hundredthsAreWrittenWithTwoDecimalsAtMost() {
        #expect(Hundredths.json(150).serializedString() == "1.5")
        #expect(Hundredths.json(200).serializedString() == "2.0")
        #expect(Hundredths.json(5).serializedString() == "0.05")
        #expect(Hundredths.json(-5).serializedString() == "-0.05")
        #expect(Hundredths.json(123_425).serializedString() == "1234.25")
    }

    /// A page of entries as the API writes them.
    static func page(_ entries: [(date: String, hours: String, billable: Bool, project: Int, task: Int, user: Int)]) throws -> Page<WireItem> {
        let items = entries.map { entry in
            #"{"spent_date":"\#(entry.date)","hours":\#(entry.hours),"billable":\#(entry.billable),"#
                + #""project":{"id":\#(entry.project),"name":"P\#(entry.project)"},"task":{"id":\#(entry.task),"name":"T\#(entry.task)"},"#
                + #""user":{"id":\#(entry.user),"name":"U\#(entry.user)"},"client":{"id":1,"name":"C"}}"#
        }
        let document = try JSONDocument(bytes: Array(("[" + items.joined(separator: ",") + "]").utf8))
        let values = try #require(document.root.elements)
        return Page(items: values, page: 1, perPage: 100, totalPages: 1, totalEntries: values.count, nextPage: nil, previousPage: nil)
    }

    static let rates = Rates(tasks: [10: 100], projects: [1: 50, 2: 80])

    @Test func entriesAreTotalledByProjectWithTheRateRule() throws {
        let page = try Self.page([
            ("2026-12-01", "2", true, 1, 10, 4),   // task rate 100 → 200.00
            ("2026-12-01", "1.5", true, 1, 11, 4), // project rate 50 → 75.00
            ("2026-12-02", "3", false, 2, 20, 5),  // not billable
            ("2026-12-03", "0.25", true, 3, 30, 5), // no rate → 0
        ])
        let totals = try GroupedTotals(page: page, by: .project, weekStart: .monday, rates: Self.rates)
        #expect(totals.all.hours == 675 && totals.all.billableHours == 375 && totals.all.billableAmount == 27_500)
        #expect(totals.all.entries == 4)
        #expect(totals.byID[1]?.billableAmount == 27_500)
        #expect(totals.byID[2]?.billableHours == 0 && totals.byID[2]?.hours == 300)
        #expect(totals.rows.map { $0["name"]?.stringValue } == ["P1", "P2", "P3"])
        #expect(totals.rows.first?["billable_amount"] == .number(Self.number("275.0")))
    }

    @Test func weeksStartOnTheWorkspacesDayAndPagesMergeToTheWhole() throws {
        // 2026-12-05 is a Saturday, 2026-12-06 a Sunday, 2026-12-07 a Monday.
        let first = try Self.page([("2026-12-05", "1", true, 1, 10, 4), ("2026-12-06", "2", true, 1, 10, 4)])
        let second = try Self.page([("2026-12-07", "4", true, 1, 10, 4)])
        var monday = try GroupedTotals(page: first, by: .week, weekStart: .monday, rates: Self.rates)
        monday.merge(try GroupedTotals(page: second, by: .week, weekStart: .monday, rates: Self.rates))
        #expect(monday.byLabel.mapValues(\.hours) == ["2026-11-30": 300, "2026-12-07": 400])
        var sunday = try GroupedTotals(page: first, by: .week, weekStart: .sunday, rates: Self.rates)
        sunday.merge(try GroupedTotals(page: second, by: .week, weekStart: .sunday, rates: Self.rates))
        #expect(sunday.byLabel.mapValues(\.hours) == ["2026-11-29": 100, "2026-12-06": 600])
        #expect(sunday.all.hours == 700 && monday.all.billableAmount == sunday.all.billableAmount)
        let months = try GroupedTotals(page: first, by: .month, weekStart: .monday, rates: Self.rates)
        #expect(months.byLabel.keys.sorted() == ["2026-12"])
    }

    @Test func anEntryWithoutWhatATotalNeedsIsRefused() throws {
        let document = try JSONDocument(bytes: Array(#"[{"spent_date":"2026-12-01","billable":true}]"#.utf8))
        let items = try #require(document.root.elements)
        let page = Page(items: items, page: 2, perPage: 100, totalPages: 2, totalEntries: 101, nextPage: nil, previousPage: 1)
        // The totals, the short days and the invoice lines read a wire entry one way, and refuse alike.
        let refusal = ToolError("Hoursmith answered with a time entry (position 1 of page 2) without a readable `hours`, so nothing "
            + "was counted. This version of hoursmith-mcp may be out of date, or something between it and Hoursmith changed the answer.")
        #expect(throws: refusal) { try GroupedTotals(page: page, by: .user, weekStart: .monday, rates: Self.rates) }
        #expect(throws: refusal) { try EntryFacts.page(page) }
        let day = try #require(LocalDate("2026-12-01"))
        let lacking = try #require(JSONDocument(bytes: Array(#"[{"spent_date":"2026-12-01","hours":1}]"#.utf8)).root.elements)
        #expect(throws: ToolError("Hoursmith answered with a time entry (position 1 of page 1) without a readable `user`, so nothing "
            + "was counted. This version of hoursmith-mcp may be out of date, or something between it and Hoursmith changed the answer.")) {
            try MissingTime(page: Page(items: lacking, page: 1, perPage: 100, totalPages: 1, totalEntries: 1, nextPage: nil, previousPage: nil),
                            from: day, through: day, today: nil)
        }
    }
}

/// The invoice preview's lines: docs/API.md's line rule, priced as the API prices an invoice.
@Suite struct InvoicePreviewTests {
    static func expense(_ project: Int, _ category: String, _ amount: String) throws -> Expense {
        try Expense(json: JSON.parse(Array("""
            {"id": 1, "spent_date": "2026-12-01", "amount": \(amount), "category": "\(category)", "notes": null, "billable": true,
             "is_invoiced": false, "invoice": null, "user": {"id": 4, "name": "U"}, "client": {"id": 1, "name": "C"},
             "project": {"id": \(project), "name": "P\(project)"}, "created_at": "2026-12-01T10:00:00Z", "updated_at": "2026-12-01T10:00:00Z"}
            """.utf8)))
    }

    @Test func oneTimeLinePerProjectAndTaskThenOneExpenseLinePerProjectAndCategory() throws {
        let page = try TotalsTests.page([
            ("2026-12-01", "1.25", true, 2, 20, 4), ("2026-12-02", "0.5", true, 2, 20, 5),
            ("2026-12-01", "1", true, 1, 10, 4), ("2026-12-01", "2", true, 1, 11, 4),
        ])
        let entries = try EntryFacts.page(page)
        let expenses = try [Self.expense(2, "Travel", "40"), Self.expense(2, "Travel", "9.99"), Self.expense(1, "Meals", "12.5")]
        let lines = InvoicePreview.lines(entries: entries, expenses: expenses, rates: Rates(tasks: [10: 100], projects: [1: 50, 2: 33.33]))
        #expect(lines.map(\.description) == ["P1 / T10", "P1 / T11", "P2 / T20", "P1 / Meals", "P2 / Travel"])
        #expect(lines.map(\.kind) == [.time, .time, .time, .expense, .expense])
        #expect(lines.map(\.unitPrice) == [100, 50, 33.33, 12.5, 49.99])
        #expect(lines.map(\.amount) == [100, 100, Decimal(string: "58.33"), 12.5, 49.99], "1.75 h × 33.33 = 58.3275 → 58.33")
        #expect(lines[2].quantity == Decimal(string: "1.75"))
    }

    @Test func nothingToBillIsNoLine() {
        #expect(InvoicePreview.lines(entries: [], expenses: [], rates: Rates(tasks: [:], projects: [:])).isEmpty)
    }
}
