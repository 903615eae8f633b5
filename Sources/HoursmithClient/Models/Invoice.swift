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
    /// The model as the API sent it: its wire form, field names and nesting included.
    public let json: JSONObject

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
        json = fields.object
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
    /// The model as the API sent it: its wire form, field names and nesting included.
    public let json: JSONObject

    public init(fields: JSONFields) throws(JSONDecodingError) {
        kind = try fields.rawValue("kind", as: LineItemKind.self)
        description = try fields.string("description")
        quantity = try fields.decimal("quantity")
        unitPrice = try fields.decimal("unit_price")
        amount = try fields.decimal("amount")
        project = try fields.optionalReference("project")
        json = fields.object
    }
}
