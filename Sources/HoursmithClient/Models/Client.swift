import JSONCore

/// A client of the workspace: someone it bills.
package struct Client: ListableModel {
    package static let listKey = "clients"

    package let id: Int
    package let name: String
    package let currency: String
    package let address: String?
    package let isActive: Bool
    package let createdAt: Timestamp
    package let updatedAt: Timestamp
    /// The model as the API sent it: its wire form, field names and nesting included.
    package let json: JSONObject

    package init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        name = try fields.string("name")
        currency = try fields.string("currency")
        address = try fields.optionalString("address")
        isActive = try fields.bool("is_active")
        createdAt = try fields.timestamp("created_at")
        updatedAt = try fields.timestamp("updated_at")
        json = fields.object
    }
}
