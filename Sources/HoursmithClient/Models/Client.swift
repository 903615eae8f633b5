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

    public init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        name = try fields.string("name")
        currency = try fields.string("currency")
        address = try fields.optionalString("address")
        isActive = try fields.bool("is_active")
        createdAt = try fields.timestamp("created_at")
        updatedAt = try fields.timestamp("updated_at")
    }

    public var json: JSONObject {
        [
            "id": .int(id),
            "name": .string(name),
            "currency": .string(currency),
            "address": .string(orNull: address),
            "is_active": .bool(isActive),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }
}
