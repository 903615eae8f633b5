import Foundation
import JSONCore

/// A member of the workspace (`GET /users`, `GET /users/{id}`, and `user` in `GET /me`).
package struct User: ListableModel {
    package static let listKey = "users"

    package let id: Int
    package let firstName: String
    package let lastName: String
    package let email: String
    package let role: Role
    package let isActive: Bool
    package let weeklyCapacityHours: Decimal
    package let createdAt: Timestamp
    package let updatedAt: Timestamp

    /// "First Last", as nested references name a user.
    package var name: String { "\(firstName) \(lastName)" }
    /// The model as the API sent it: its wire form, field names and nesting included.
    package let json: JSONObject

    package init(fields: JSONFields) throws(JSONDecodingError) {
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
