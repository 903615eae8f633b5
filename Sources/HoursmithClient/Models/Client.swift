import JSONCore

/// A client of the workspace: someone it bills.
public struct Client: ListableModel {
    public static let listKey = "clients"

    public let id: Int
    public let name: String
    public let currency: String
    public let address: String?
    public let isActive: Bool
    public let createdAt: Timestamp
    public let updatedAt: Timestamp
    /// The model as the API sent it: its wire form, field names and nesting included.
    public let json: JSONObject

    public init(fields: JSONFields) throws(JSONDecodingError) {
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
