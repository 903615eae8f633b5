import Foundation
import JSONCore

/// A member of the workspace (`GET /users`, `GET /users/{id}`, and `user` in `GET /me`).
public struct User: ListableModel {
    public static let listKey = "users"

    public let id: Int
    public let firstName: String
    public let lastName: String
    public let email: String
    public let role: Role
    public let isActive: Bool
    public let weeklyCapacityHours: Decimal
    public let createdAt: Timestamp
    public let updatedAt: Timestamp

    /// "First Last", as nested references name a user.
    public var name: String { "\(firstName) \(lastName)" }
    /// The model as the API sent it: its wire form, field names and nesting included.
    public let json: JSONObject

    public init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        firstName = try fields.string("first_name")
        lastName = try fields.string("last_name")
        email = try fields.string("email")
        role = try fields.rawValue("role", as: Role.self)
        isActive = try fields.bool("is_active")
        weeklyCapacityHours = try fields.decimal("weekly_capacity_hours")
        createdAt = try fields.timestamp("created_at")
        updatedAt = try fields.timestamp("updated_at")
        json = fields.object
    }
}
