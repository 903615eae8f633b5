import Foundation
import JSONCore

/// A task of a project (the API's "task"; named so to stay clear of Swift's `Task`).
public struct ProjectTask: ListableModel {
    public static let listKey = "tasks"

    public let id: Int
    public let name: String
    public let project: NamedReference
    public let isActive: Bool
    public let billableByDefault: Bool
    public let hourlyRate: Decimal?
    public let createdAt: Timestamp
    public let updatedAt: Timestamp
    /// The model as the API sent it: its wire form, field names and nesting included.
    public let json: JSONObject

    public init(fields: JSONFields) throws(JSONDecodingError) {
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
