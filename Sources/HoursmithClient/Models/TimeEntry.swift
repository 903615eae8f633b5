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
    /// The model as the API sent it: its wire form, field names and nesting included.
    public let json: JSONObject

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
        json = fields.object
    }
}
