import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// What creating an invoice would bill, found with reads only: docs/API.md's line rule applied
/// to the client's billable, uninvoiced, stopped time entries and billable, uninvoiced expenses
/// of the dates (one `time` line per project and task — hours × the task's rate, else the
/// project's, else 0, to the cent — and one `expense` line per project and category, ordered by
/// project name, then task name or category); or the explicit lines, priced.
///
/// Its total equals, to the cent, the amount of the invoice then created from the same state.
struct InvoicePreview: Sendable {
    struct Line: Sendable {
        let kind: LineItemKind
        let description: String
        let quantity: Decimal
        let unitPrice: Decimal
        let amount: Decimal
        let project: NamedReference?
    }

    let lines: [Line]
    let timeEntries: Int
    let expenses: Int
    let from: LocalDate?
    let to: LocalDate?
    let currency: String

    var hours: Decimal { lines.filter { $0.kind == .time }.reduce(0) { $0 + $1.quantity } }
    var total: Decimal { lines.reduce(0) { $0 + $1.amount } }

    /// The preview of `content` for `clientID`.
    static func make(clientID: Int, _ content: InvoiceDraft.Content, _ call: ToolCall) async throws -> InvoicePreview {
        let currency = try await call.client.getClient(id: clientID).currency
        switch content {
        case .lineItems(let drafts):
            let projects = try await call.directory.entries(.project, using: call.reader)
            let lines = drafts.map { draft in
                Line(kind: draft.kind, description: draft.description, quantity: draft.quantity, unitPrice: draft.unitPrice,
                     amount: Rates.amount(draft.quantity, draft.unitPrice),
                     project: draft.projectID.map { id in NamedReference(id: id, name: projects.first { $0.id == id }?.name ?? "") })
            }
            return InvoicePreview(lines: lines, timeEntries: 0, expenses: 0, from: nil, to: nil, currency: currency)
        case .importing(let from, let to, let projectIDs):
            return try await importing(clientID: clientID, from: from, to: to, projectIDs: projectIDs.map(Set.init),
                                       currency: currency, call)
        }
    }

    private static func importing(
        clientID: Int, from: LocalDate, to: LocalDate, projectIDs: Set<Int>?, currency: String, _ call: ToolCall
    ) async throws -> InvoicePreview {
        let api = call.client
        let entryFilter = TimeEntryFilter(clientID: clientID, from: from, to: to, isRunning: false, isInvoiced: false, billable: true)
        let entries = try await call.walkTimeEntries(entryFilter, narrower: "Bill a shorter period.") { try EntryFacts.page($0) }
        let expenses = try await api.collectAll(limit: ToolCall.maxWalkedEntries) { (page, perPage) throws(HoursmithError) in
            try await api.listExpenses(ExpenseFilter(clientID: clientID, from: from, to: to, isInvoiced: false), page: page, perPage: perPage)
        }
        if expenses.truncated {
            throw ToolError("\(expenses.totalEntries) expenses would be billed: more than the \(ToolCall.maxWalkedEntries) one call "
                + "reads. Bill a shorter period.")
        }
        let rates = try await Rates.current(call)
        let billedEntries = entries.joined().filter { projectIDs?.contains($0.project.id) ?? true }
        let billedExpenses = expenses.items.filter { $0.billable && (projectIDs?.contains($0.project.id) ?? true) }
        return InvoicePreview(lines: lines(entries: billedEntries, expenses: billedExpenses, rates: rates),
                              timeEntries: billedEntries.count, expenses: billedExpenses.count, from: from, to: to, currency: currency)
    }

    /// The lines of what is billed: one `time` line per project and task (hours × the rate rule,
    /// to the cent), then one `expense` line per project and category, each ordered by project
    /// name, then task name or category.
    static func lines(entries: [EntryFacts], expenses: [Expense], rates: Rates) -> [Line] {
        struct Key: Hashable { let project: NamedReference; let detail: String; let taskID: Int }
        var hours: [Key: Decimal] = [:], money: [Key: Decimal] = [:]
        for entry in entries { hours[Key(project: entry.project, detail: entry.task.name, taskID: entry.task.id), default: 0] += entry.hours }
        for expense in expenses { money[Key(project: expense.project, detail: expense.category, taskID: 0), default: 0] += expense.amount }
        func ordered(_ keys: some Collection<Key>) -> [Key] {
            keys.sorted { ($0.project.name, $0.detail, $0.taskID) < ($1.project.name, $1.detail, $1.taskID) }
        }
        var lines: [Line] = []
        for key in ordered(hours.keys) {
            let quantity = hours[key] ?? 0, rate = rates.rate(project: key.project.id, task: key.taskID)
            lines.append(Line(kind: .time, description: "\(key.project.name) / \(key.detail)", quantity: quantity, unitPrice: rate,
                              amount: Rates.amount(quantity, rate), project: key.project))
        }
        for key in ordered(money.keys) {
            let amount = money[key] ?? 0
            lines.append(Line(kind: .expense, description: "\(key.project.name) / \(key.detail)", quantity: 1, unitPrice: amount,
                              amount: amount, project: key.project))
        }
        return lines
    }

    /// `{dry_run, message, billed, line_items}`.
    var json: JSON {
        let range = from.flatMap { from in to.map { " from \(from) to \($0)" } } ?? ""
        let message = lines.isEmpty
            ? "Nothing to bill\(range): no billable, uninvoiced, stopped time or expenses. No invoice would be created."
            : "Dry run: the invoice would bill \(GuardWords.count(timeEntries, "time entry", plural: "time entries")) "
                + "(\(hours) h) and \(GuardWords.count(expenses, "expense"))\(range) in \(GuardWords.count(lines.count, "line")), "
                + "total \(total) \(currency). Nothing was created or changed; call again without dry_run to create it."
        return ["dry_run": true, "message": .string(message), "billed": .object(billed), "line_items": .array(lineItems)]
    }

    /// What would be billed, in all: `{from, to, time_entries, hours, expenses, line_items, total, currency}`.
    var billed: JSONObject {
        [
            "from": .string(orNull: from?.description), "to": .string(orNull: to?.description),
            "time_entries": .int(timeEntries), "hours": .decimal(hours), "expenses": .int(expenses),
            "line_items": .int(lines.count), "total": .decimal(total), "currency": .string(currency),
        ]
    }

    /// The lines, as an invoice shows them.
    var lineItems: [JSON] {
        lines.map { line in
            var object: JSONObject = [
                "kind": .string(line.kind.rawValue), "description": .string(line.description), "quantity": .decimal(line.quantity),
                "unit_price": .decimal(line.unitPrice), "amount": .decimal(line.amount),
            ]
            if let project = line.project { object["project"] = .object(project.json) }
            return .object(object)
        }
    }
}
