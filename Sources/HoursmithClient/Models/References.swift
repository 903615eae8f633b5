import JSONCore

/// A reference to another object by id, with its name: `{"id": 3, "name": "Acme Corp"}`.
package struct NamedReference: HoursmithModel, Hashable {
    package var id: Int
    package var name: String

    package init(id: Int, name: String) {
        self.id = id
        self.name = name
    }

    package init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        name = try fields.string("name")
    }

    package var json: JSONObject { ["id": .int(id), "name": .string(name)] }
}

/// A reference to an invoice: `{"id": 1, "number": "INV-0001"}`.
package struct InvoiceReference: HoursmithModel, Hashable {
    package var id: Int
    package var number: String

    package init(id: Int, number: String) {
        self.id = id
        self.number = number
    }

    package init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        number = try fields.string("number")
    }

    package var json: JSONObject { ["id": .int(id), "number": .string(number)] }
}
