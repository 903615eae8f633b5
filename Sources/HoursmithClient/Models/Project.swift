import Foundation
import JSONCore

/// A project of a client.
package struct Project: ListableModel {
    package static let listKey = "projects"

    package let id: Int
    package let name: String
    package let code: String?
    package let client: NamedReference
    package let isActive: Bool
    package let isBillable: Bool
    package let hourlyRate: Decimal?
    package let budgetHours: Decimal?
    package let startsOn: LocalDate?
    package let endsOn: LocalDate?
    package let notes: String?
    /// The users assigned to the project; members see only projects that list them.
    package let memberIDs: [Int]
    package let createdAt: Timestamp
    package let updatedAt: Timestamp
    /// The model as the API sent it: its wire form, field names and nesting included.
    package let json: JSONObject

    package init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        name = try fields.string("name")
        code = try fields.optionalString("code")
        client = try fields.reference("client")
        isActive = try fields.bool("is_active")
        isBillable = try fields.bool("is_billable")
        hourlyRate = try fields.optionalDecimal("hourly_rate")
        budgetHours = try fields.optionalDecimal("budget_hours")
        startsOn = try fields.optionalDate("starts_on")
        endsOn = try fields.optionalDate("ends_on")
        notes = try fields.optionalString("notes")
        memberIDs = try fields.ints("member_ids")
        createdAt = try fields.timestamp("created_at")
        updatedAt = try fields.timestamp("updated_at")
        json = fields.object
    }
}
