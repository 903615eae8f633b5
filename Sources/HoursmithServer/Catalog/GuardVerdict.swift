import HoursmithClient
import JSONCore
import MCPCore

/// What a destructive tool found when it checked, before acting, what the API would refuse.
///
/// With `dry_run: true` the verdict is the result; otherwise a refusal becomes a tool error with
/// `reason` as its words, and the destructive request is never sent.
struct GuardVerdict: Sendable {
    enum Action: String, Sendable {
        case delete, archive, refuse
    }

    /// What the call would do (the dry run's `would`).
    let action: Action
    let reason: String
    let target: JSON
    let alsoAffected: JSONObject

    var refuses: Bool { action == .refuse }

    /// The dry-run result: `{"would", "reason", "target", "also_affected"}`.
    var json: JSON {
        ["would": .string(action.rawValue), "reason": .string(reason), "target": target, "also_affected": .object(alsoAffected)]
    }

    /// A result after acting: what was done, to what, and what went with it.
    func performed(_ done: String, message: String) -> JSON {
        [done: true, "target": target, "also_affected": .object(alsoAffected), "message": .string(message)]
    }

    /// Both shapes a destructive tool returns: the dry-run verdict, or what it did.
    static func outputSchema(done: String) -> JSONSchema {
        .object([
            .init(name: "would", schema: .string(enum: ["delete", "archive", "refuse"])),
            .init(name: "reason", schema: .string()),
            .init(name: done, schema: .boolean()),
            .init(name: "message", schema: .string()),
            .init(name: "target", schema: Schemas.object),
            .init(name: "also_affected", schema: Schemas.object),
        ], required: ["target", "also_affected"], additionalProperties: true)
    }
}

/// The words of each guard's refusal, shared by the check before acting and the mapping of the
/// API's own 422 when it refuses anyway (someone changed things in between).
enum GuardWords {
    static func clientHasActiveProjects(_ client: Client, projects: [Project]) -> String {
        let names = projects.prefix(10).map { "\($0.name) (id \($0.id))" }.joined(separator: ", ")
        let more = projects.count > 10 ? " and \(projects.count - 10) more" : ""
        return "\(client.name) (client \(client.id)) can't be deleted: it has \(count(projects.count, "active project")) — "
            + "\(names)\(more). Archive them first with archive_project; a client whose projects are all archived can be "
            + "deleted. To keep the client but hide it, use update_client with is_active: false."
    }

    static func clientHasInvoices(_ client: Client, invoices: Int) -> String {
        "\(client.name) (client \(client.id)) can't be deleted: it has \(count(invoices, "invoice")), and Hoursmith keeps "
            + "every client that has been invoiced. To hide it instead, use update_client with is_active: false."
    }

    /// Refuses to change or delete (`verb`) invoiced time, naming the invoice.
    static func timeEntryInvoiced(_ entry: TimeEntry, verb: String = "deleted") -> String {
        "Time entry \(entry.id) (\(entry.hours) h on \(entry.project.name), \(entry.spentDate), by \(entry.user.name)) "
            + "can't be \(verb): it is on invoice \(entry.invoice?.number ?? "(unknown)"). Invoiced time can't be changed "
            + "or deleted; to correct it, the invoice must be handled in Hoursmith first."
    }

    /// Refuses to change or delete (`verb`) an invoiced expense, naming the invoice.
    static func expenseInvoiced(_ expense: Expense, verb: String = "deleted") -> String {
        "Expense \(expense.id) (\(expense.amount) for \(expense.category) on \(expense.project.name), \(expense.spentDate)) "
            + "can't be \(verb): it is on invoice \(expense.invoice?.number ?? "(unknown)"). Invoiced expenses can't be "
            + "changed or deleted."
    }

    /// "1 project", "3 projects"; "2 time entries" with the plural given.
    static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(plural ?? noun + "s")"
    }
}
