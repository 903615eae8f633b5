import Foundation
import JSONCore

/// A project of a client.
public struct Project: ListableModel {
    public static let listKey = "projects"

    public let id: Int
    public let name: String
    public let code: String?
    public let client: NamedReference
    public let isActive: Bool
    public let isBillable: Bool
    public let hourlyRate: Decimal?
    public let budgetHours: Decimal?
    public let startsOn: LocalDate?
    public let endsOn: LocalDate?
    public let notes: String?
    /// The users assigned to the project; members see only projects that list them.
    public let memberIDs: [Int]
    public let createdAt: Timestamp
    public let updatedAt: Timestamp
    /// The model as the API sent it: its wire form, field names and nesting included.
    public let json: JSONObject

    public init(fields: JSONFields) throws(JSONDecodingError) {
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
