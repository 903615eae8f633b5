import Foundation
import JSONCore

/// A task of a project (the API's "task"; named so to stay clear of Swift's `Task`).
package struct ProjectTask: ListableModel {
    package static let listKey = "tasks"

    package let id: Int
    package let name: String
    package let project: NamedReference
    package let isActive: Bool
    package let billableByDefault: Bool
    package let hourlyRate: Decimal?
    package let createdAt: Timestamp
    package let updatedAt: Timestamp
    /// The model as the API sent it: its wire form, field names and nesting included.
    package let json: JSONObject

    package init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        name = try fields.string("name")
        project = try fields.reference("project")
        isActive = try fields.bool("is_active")
        billableByDefault = try fields.bool("billable_by_default")
        hourlyRate = try fields.optionalDecimal("hourly_rate")
        createdAt = try fields.timestamp("created_at")
        updatedAt = try fields.timestamp("updated_at")
        json = fields.object
    }
}
