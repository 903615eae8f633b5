import Foundation
import JSONCore

/// Time logged, or being timed, by a user on a project's task.
public struct TimeEntry: ListableModel {
    public static let listKey = "time_entries"

    public let id: Int
    public let spentDate: LocalDate
    /// Two decimals; for a running timer, the time elapsed so far.
    public let hours: Decimal
    public let notes: String?
    public let billable: Bool
    public let isRunning: Bool
    public let timerStartedAt: Timestamp?
    public let isInvoiced: Bool
    public let invoice: InvoiceReference?
    public let user: NamedReference
    public let client: NamedReference
    public let project: NamedReference
    public let task: NamedReference
    public let createdAt: Timestamp
    public let updatedAt: Timestamp

    public init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        spentDate = try fields.date("spent_date")
        hours = try fields.decimal("hours")
        notes = try fields.optionalString("notes")
        billable = try fields.bool("billable")
        isRunning = try fields.bool("is_running")
        timerStartedAt = try fields.optionalTimestamp("timer_started_at")
        isInvoiced = try fields.bool("is_invoiced")
        invoice = try fields.optionalNested("invoice", InvoiceReference.self)
        user = try fields.reference("user")
        client = try fields.reference("client")
        project = try fields.reference("project")
        task = try fields.reference("task")
        createdAt = try fields.timestamp("created_at")
        updatedAt = try fields.timestamp("updated_at")
    }

    public var json: JSONObject {
        [
            "id": .int(id),
            "spent_date": .date(spentDate),
            "hours": .decimal(hours),
            "notes": .string(orNull: notes),
            "billable": .bool(billable),
            "is_running": .bool(isRunning),
            "timer_started_at": .timestamp(orNull: timerStartedAt),
            "is_invoiced": .bool(isInvoiced),
            "invoice": invoice.map { .object($0.json) } ?? .null,
            "user": .reference(user),
            "client": .reference(client),
            "project": .reference(project),
            "task": .reference(task),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }
}
