import Foundation
import JSONCore

/// An invoice to a client. `lineItems` is present only on `GET /invoices/{id}` (and on create).
public struct Invoice: ListableModel {
    public static let listKey = "invoices"

    public let id: Int
    public let number: String
    public let client: NamedReference
    public let state: InvoiceState
    public let issueDate: LocalDate
    public let dueDate: LocalDate?
    public let subject: String?
    public let notes: String?
    /// ISO 4217 code.
    public let currency: String
    public let amount: Decimal
    /// nil when the answer did not include line items (lists never do).
    public let lineItems: [LineItem]?
    public let createdAt: Timestamp
    public let updatedAt: Timestamp

    public init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        number = try fields.string("number")
        client = try fields.reference("client")
        state = try fields.rawValue("state", as: InvoiceState.self)
        issueDate = try fields.date("issue_date")
        dueDate = try fields.optionalDate("due_date")
        subject = try fields.optionalString("subject")
        notes = try fields.optionalString("notes")
        currency = try fields.string("currency")
        amount = try fields.decimal("amount")
        if let items = fields.object["line_items"], !items.isNull {
            lineItems = try fields.models("line_items", LineItem.self)
        } else {
            lineItems = nil
        }
        createdAt = try fields.timestamp("created_at")
        updatedAt = try fields.timestamp("updated_at")
    }

    public var json: JSONObject {
        var object: JSONObject = [
            "id": .int(id),
            "number": .string(number),
            "client": .reference(client),
            "state": .string(state.rawValue),
            "issue_date": .date(issueDate),
            "due_date": .date(orNull: dueDate),
            "subject": .string(orNull: subject),
            "notes": .string(orNull: notes),
            "currency": .string(currency),
            "amount": .decimal(amount),
        ]
        if let lineItems { object["line_items"] = .array(lineItems.map { .object($0.json) }) }
        object["created_at"] = .timestamp(createdAt)
        object["updated_at"] = .timestamp(updatedAt)
        return object
    }
}

/// One line of an invoice.
public struct LineItem: HoursmithModel {
    public let kind: LineItemKind
    public let description: String
    public let quantity: Decimal
    public let unitPrice: Decimal
    public let amount: Decimal
    public let project: NamedReference?

    public init(fields: JSONFields) throws(JSONDecodingError) {
        kind = try fields.rawValue("kind", as: LineItemKind.self)
        description = try fields.string("description")
        quantity = try fields.decimal("quantity")
        unitPrice = try fields.decimal("unit_price")
        amount = try fields.decimal("amount")
        project = try fields.optionalReference("project")
    }

    public var json: JSONObject {
        [
            "kind": .string(kind.rawValue),
            "description": .string(description),
            "quantity": .decimal(quantity),
            "unit_price": .decimal(unitPrice),
            "amount": .decimal(amount),
            "project": .reference(orNull: project),
        ]
    }
}
