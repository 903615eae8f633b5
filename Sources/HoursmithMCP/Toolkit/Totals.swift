import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// What a total needs of one time entry, read straight out of a validated wire page (no model
/// is decoded): its day, hours, billable flag and what it is on.
struct EntryFacts: Sendable {
    let spentDate: String
    let hours: Decimal
    let billable: Bool
    let user: NamedReference
    let client: NamedReference
    let project: NamedReference
    let task: NamedReference

    /// Nil when the item lacks one of them (the page is then not the contract's).
    init?(_ item: WireItem) {
        func reference(_ key: String) -> NamedReference? {
            guard let object = item[key], let id = object["id"]?.json.intValue, let name = object["name"]?.json.stringValue
            else { return nil }
            return NamedReference(id: id, name: name)
        }
        guard let date = item["spent_date"]?.json.stringValue,
              let number = item["hours"]?.json.numberValue, let hours = Decimal(jsonNumber: number),
              let billable = item["billable"]?.json.boolValue,
              let user = reference("user"), let client = reference("client"), let project = reference("project"),
              let task = reference("task")
        else { return nil }
        (spentDate, self.hours, self.billable) = (date, hours, billable)
        (self.user, self.client, self.project, self.task) = (user, client, project, task)
    }

    /// Reads the facts of a page's entries; an entry without them makes the answer undecodable.
    static func page(_ page: Page<WireItem>) throws -> Page<EntryFacts> {
        var facts: [EntryFacts] = []
        facts.reserveCapacity(page.items.count)
        for (position, item) in page.items.enumerated() {
            guard let fact = EntryFacts(item) else {
                throw ToolError("Hoursmith answered with a time entry (position \(position + 1) of page \(page.page)) "
                    + "that lacks its date, hours, billable flag or references; nothing was totalled.")
            }
            facts.append(fact)
        }
        return Page(items: facts, page: page.page, perPage: page.perPage, totalPages: page.totalPages,
                    totalEntries: page.totalEntries, nextPage: page.nextPage, previousPage: page.previousPage)
    }
}

/// docs/API.md's rate rule: a billable entry is worth its hours times its task's rate, else its
/// project's, else 0, rounded to the cent (half away from zero).
struct Rates: Sendable {
    let tasks: [Int: Decimal]
    let projects: [Int: Decimal]

    /// The rates of every project and task the token can see, read afresh.
    static func current(_ call: ToolCall) async throws -> Rates {
        call.directory.invalidate(.project)
        call.directory.invalidate(.task)
        let projects = try await call.directory.entries(.project, using: call.reader)
        let tasks = try await call.directory.entries(.task, using: call.reader)
        return Rates(tasks: Dictionary(tasks.compactMap { task in task.hourlyRate.map { (task.id, $0) } }) { first, _ in first },
                     projects: Dictionary(projects.compactMap { project in project.hourlyRate.map { (project.id, $0) } }) { first, _ in first })
    }

    func rate(project: Int, task: Int) -> Decimal {
        tasks[task] ?? projects[project] ?? 0
    }

    /// `hours × rate`, to the cent.
    static func amount(_ hours: Decimal, _ rate: Decimal) -> Decimal {
        var product = hours * rate, rounded = Decimal()
        NSDecimalRound(&rounded, &product, 2, .plain)
        return rounded
    }
}

/// Hours, billable hours, billable amount and entries, added up.
struct Totals: Sendable {
    var hours: Decimal = 0
    var billableHours: Decimal = 0
    var billableAmount: Decimal = 0
    var entries = 0

    mutating func add(_ entry: EntryFacts, rates: Rates) {
        hours += entry.hours
        entries += 1
        if entry.billable {
            billableHours += entry.hours
            billableAmount += Rates.amount(entry.hours, rates.rate(project: entry.project.id, task: entry.task.id))
        }
    }

    var json: JSONObject {
        ["total_hours": .decimal(hours), "billable_hours": .decimal(billableHours),
         "billable_amount": .decimal(billableAmount), "entries": .int(entries)]
    }
}

/// What `get_time_report` groups by: the API's four, and calendar periods.
enum TotalsGrouping: String, CaseIterable, Sendable {
    case client, project, task, user, day, week, month

    /// The API's grouping, when `/reports/time` can group this way.
    var api: TimeReportGrouping? { TimeReportGrouping(rawValue: rawValue) }

    /// The group an entry falls in: an id and name, or (periods) the first day or the month.
    func key(_ entry: EntryFacts, weekStart: Weekday) -> (id: Int?, name: String) {
        switch self {
        case .client: (entry.client.id, entry.client.name)
        case .project: (entry.project.id, entry.project.name)
        case .task: (entry.task.id, entry.task.name)
        case .user: (entry.user.id, entry.user.name)
        case .day: (nil, entry.spentDate)
        case .week: (nil, LocalDate(entry.spentDate).map { $0.startOfWeek(startingOn: weekStart).description } ?? entry.spentDate)
        case .month: (nil, String(entry.spentDate.prefix(7)))
        }
    }
}

/// Totals of time entries per group and in all, from a walk over the matching entries.
struct GroupedTotals: Sendable {
    private(set) var groups: [String: (id: Int?, name: String, totals: Totals)] = [:]
    private(set) var all = Totals()

    init(_ entries: [EntryFacts], by grouping: TotalsGrouping, weekStart: Weekday, rates: Rates) {
        for entry in entries {
            let (id, name) = grouping.key(entry, weekStart: weekStart)
            let key = id.map(String.init) ?? name
            groups[key, default: (id, name, Totals())].totals.add(entry, rates: rates)
            all.add(entry, rates: rates)
        }
    }

    /// Rows by name (periods: by date), as the API orders its report.
    var rows: [JSON] {
        groups.values.sorted { ($0.name.lowercased(), $0.id ?? 0) < ($1.name.lowercased(), $1.id ?? 0) }.map { group in
            var row: JSONObject = [:]
            if let id = group.id { row["id"] = .int(id) }
            row["name"] = .string(group.name)
            row.merge(group.totals.json)
            return .object(row)
        }
    }
}
