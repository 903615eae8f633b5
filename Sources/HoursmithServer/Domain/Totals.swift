import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// What an invoice line needs of one time entry, read straight out of a validated wire page (no
/// model is decoded): its hours, project and task.
struct EntryFacts: Sendable {
    let hours: Decimal
    let project: NamedReference
    let task: NamedReference

    init(_ entry: WireEntry) throws(ToolError) {
        (hours, project, task) = (try entry.exactHours(), try entry.reference("project"), try entry.reference("task"))
    }

    /// The facts of a page's entries; an entry without them makes the answer unreadable.
    static func page(_ page: Page<WireItem>) throws(ToolError) -> [EntryFacts] {
        try WireEntry.entries(of: page).map { (entry) throws(ToolError) in try EntryFacts(entry) }
    }
}

/// docs/API.md's rate rule: a billable entry is worth its hours times its task's rate, else its
/// project's, else 0, rounded to the cent (half away from zero).
struct Rates: Sendable {
    let tasks: [Int: Decimal]
    let projects: [Int: Decimal]
    private let taskHundredths: [Int: Int]
    private let projectHundredths: [Int: Int]

    init(tasks: [Int: Decimal], projects: [Int: Decimal]) {
        self.tasks = tasks
        self.projects = projects
        taskHundredths = tasks.mapValues(Hundredths.of)
        projectHundredths = projects.mapValues(Hundredths.of)
    }

    /// The rates of every project and task the token can see, read afresh.
    static func current(_ call: ToolCall) async throws -> Rates {
        call.directory.invalidate(.project)
        call.directory.invalidate(.task)
        async let projects = call.directory.entries(.project, using: call.reader)
        async let tasks = call.directory.entries(.task, using: call.reader)
        let (projectEntries, taskEntries) = try await (projects, tasks)
        return Rates(tasks: Dictionary(taskEntries.compactMap { task in task.hourlyRate.map { (task.id, $0) } }) { first, _ in first },
                     projects: Dictionary(projectEntries.compactMap { project in project.hourlyRate.map { (project.id, $0) } }) { first, _ in first })
    }

    func rate(project: Int, task: Int) -> Decimal {
        tasks[task] ?? projects[project] ?? 0
    }

    /// The rate in hundredths.
    func hundredths(project: Int, task: Int) -> Int {
        taskHundredths[task] ?? projectHundredths[project] ?? 0
    }

    /// `hours × rate`, to the cent.
    static func amount(_ hours: Decimal, _ rate: Decimal) -> Decimal {
        var product = hours * rate, rounded = Decimal()
        NSDecimalRound(&rounded, &product, 2, .plain)
        return rounded
    }
}

/// Hours and money as whole hundredths (the API's two decimals), so that totals over tens of
/// thousands of entries are exact and cheap.
enum Hundredths {
    /// A JSON number in hundredths, rounded half away from zero; nil when it is not a number
    /// this can hold.
    static func parse(_ number: JSONNumber) -> Int? {
        var whole = 0, fraction = 0, fractionDigits = 0, negative = false, seenPoint = false, digits = 0
        for byte in number.literal.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte &- UInt8(ascii: "0"))
                digits += 1
                guard digits <= 15 else { return slow(number) }
                if seenPoint {
                    fractionDigits += 1
                    if fractionDigits <= 3 { fraction = fraction * 10 + digit } else if digit != 0 { return slow(number) }
                } else {
                    whole = whole * 10 + digit
                }
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "-"): negative = true
            default: return slow(number)
            }
        }
        while fractionDigits < 3 { fraction *= 10; fractionDigits += 1 }
        let thousandths = whole * 1000 + min(fraction, 999)
        let rounded = (thousandths + 5) / 10
        return negative ? -rounded : rounded
    }

    private static func slow(_ number: JSONNumber) -> Int? {
        guard var value = Decimal(jsonNumber: number).map({ $0 * 100 }), !value.isNaN else { return nil }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        guard abs(rounded) < 1e15 else { return nil }
        return NSDecimalNumber(decimal: rounded).intValue
    }

    static func of(_ decimal: Decimal) -> Int {
        var value = decimal * 100, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return NSDecimalNumber(decimal: rounded).intValue
    }

    /// `hours × rate`, both in hundredths, to the cent (half away from zero), in hundredths.
    static func multiply(_ hours: Int, _ rate: Int) -> Int {
        divide(hours * rate, by: 100)
    }

    /// `value / divisor` (a positive divisor), rounded half away from zero.
    static func divide(_ value: Int, by divisor: Int) -> Int {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder * 2 >= divisor ? quotient + 1 : remainder * 2 <= -divisor ? quotient - 1 : quotient
    }

    /// The value as a JSON number with two decimals at most: `1.5`, `2.0`, `1234.25`.
    static func json(_ value: Int) -> JSON {
        let magnitude = value.magnitude
        let cents = magnitude % 100
        let fraction = cents == 0 ? "0" : cents % 10 == 0 ? String(cents / 10) : (cents < 10 ? "0" : "") + String(cents)
        let text = (value < 0 ? "-" : "") + String(magnitude / 100) + "." + fraction
        return JSONNumber(literal: text).map(JSON.number) ?? .int(value / 100)
    }
}

/// Hours, billable hours, billable amount (hundredths) and entries, added up.
struct Totals: Sendable {
    var hours = 0
    var billableHours = 0
    var billableAmount = 0
    var entries = 0

    mutating func add(hours: Int, billable: Bool, rate: Int) {
        self.hours += hours
        entries += 1
        if billable {
            billableHours += hours
            billableAmount += Hundredths.multiply(hours, rate)
        }
    }

    mutating func add(_ other: Totals) {
        hours += other.hours
        billableHours += other.billableHours
        billableAmount += other.billableAmount
        entries += other.entries
    }

    var json: JSONObject {
        ["total_hours": Hundredths.json(hours), "billable_hours": Hundredths.json(billableHours),
         "billable_amount": Hundredths.json(billableAmount), "entries": .int(entries)]
    }
}

/// What `get_time_report` groups by: the API's four, and calendar periods.
enum TotalsGrouping: String, CaseIterable, Sendable {
    case client, project, task, user, day, week, month

    /// The API's grouping, when `/reports/time` can group this way.
    var api: TimeReportGrouping? { TimeReportGrouping(rawValue: rawValue) }
}

/// Totals per group and in all, of the entries of one page or many: each page is totalled in
/// its own task as it arrives (reading only the members needed, straight from the validated
/// page), and the pages' totals are then merged.
struct GroupedTotals: Sendable {
    /// Groups by id (clients, projects, tasks, users) or by label (days, weeks, months).
    private(set) var byID: [Int: Totals] = [:]
    private(set) var byLabel: [String: Totals] = [:]
    private(set) var names: [Int: String] = [:]
    private(set) var all = Totals()

    init() {}

    /// Totals `page`'s entries by `grouping`; throws when an entry lacks what a total needs.
    init(page: Page<WireItem>, by grouping: TotalsGrouping, weekStart: Weekday, rates: Rates) throws {
        var periods = WireEntry.PerDay<String>()
        for entry in WireEntry.entries(of: page) {
            let hours = try entry.hours(), billable = try entry.bool("billable")
            let project = try entry.id("project"), task = try entry.id("task")
            let rate = rates.hundredths(project: project, task: task)
            switch grouping {
            case .day, .week, .month:
                let label = try periods.value(of: entry) { (date) throws(ToolError) in
                    grouping == .month ? String(date.prefix(7))
                        : grouping == .week ? try entry.date(date).startOfWeek(startingOn: weekStart).description
                        : date
                }
                byLabel[label, default: Totals()].add(hours: hours, billable: billable, rate: rate)
            case .client, .project, .task, .user:
                let id = grouping == .project ? project : grouping == .task ? task : try entry.id(grouping.rawValue)
                if names[id] == nil { names[id] = entry.name(grouping.rawValue) ?? "(\(grouping.rawValue) \(id))" }
                byID[id, default: Totals()].add(hours: hours, billable: billable, rate: rate)
            }
            all.add(hours: hours, billable: billable, rate: rate)
        }
    }

    mutating func merge(_ other: GroupedTotals) {
        for (id, totals) in other.byID { byID[id, default: Totals()].add(totals) }
        for (label, totals) in other.byLabel { byLabel[label, default: Totals()].add(totals) }
        names.merge(other.names) { first, _ in first }
        all.add(other.all)
    }

    /// Rows by name (periods: by date), as the API orders its report.
    var rows: [JSON] {
        let named = byID.map { (id: Optional($0.key), name: names[$0.key] ?? "", totals: $0.value) }
        let periods = byLabel.map { (id: Int?.none, name: $0.key, totals: $0.value) }
        return (named + periods).sorted { ($0.name.lowercased(), $0.id ?? 0) < ($1.name.lowercased(), $1.id ?? 0) }.map { group in
            var row: JSONObject = [:]
            if let id = group.id { row["id"] = .int(id) }
            row["name"] = .string(group.name)
            row.merge(group.totals.json)
            return .object(row)
        }
    }
}
