import Foundation
import JSONCore

/// Time logged, or being timed, by a user on a project's task.
package struct TimeEntry: ListableModel {
    package static let listKey = "time_entries"

    package let id: Int
    package let spentDate: LocalDate
    /// Two decimals; for a running timer, the time elapsed so far.
    package let hours: Decimal
    package let notes: String?
    package let billable: Bool
    package let isRunning: Bool
    package let timerStartedAt: Timestamp?
    package let isInvoiced: Bool
    package let invoice: InvoiceReference?
    package let user: NamedReference
    package let client: NamedReference
    package let project: NamedReference
    package let task: NamedReference
    package let createdAt: Timestamp
    package let updatedAt: Timestamp
    /// The model as the API sent it: its wire form, field names and nesting included.
    package let json: JSONObject

    package init(fields: JSONFields) throws(JSONDecodingError) {
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
