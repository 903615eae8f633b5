import JSONCore

/// A reference to another object by id, with its name: `{"id": 3, "name": "Acme Corp"}`.
public struct NamedReference: HoursmithModel, Hashable {
    public var id: Int
    public var name: String

    public init(id: Int, name: String) {
        self.id = id
        self.name = name
    }

    public init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        name = try fields.string("name")
    }

    public var json: JSONObject { ["id": .int(id), "name": .string(name)] }
}

/// A reference to an invoice: `{"id": 1, "number": "INV-0001"}`.
public struct InvoiceReference: HoursmithModel, Hashable {
    public var id: Int
    public var number: String

    public init(id: Int, number: String) {
        self.id = id
        self.number = number
    }

    public init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        number = try fields.string("number")
    }

    public var json: JSONObject { ["id": .int(id), "number": .string(number)] }
}
