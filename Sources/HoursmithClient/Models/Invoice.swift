import Foundation
import JSONCore

/// An invoice to a client. `lineItems` is present only on `GET /invoices/{id}` (and on create).
package struct Invoice: ListableModel {
    package static let listKey = "invoices"

    package let id: Int
    package let number: String
    package let client: NamedReference
    package let state: InvoiceState
    package let issueDate: LocalDate
    package let dueDate: LocalDate?
    package let subject: String?
    package let notes: String?
    /// ISO 4217 code.
    package let currency: String
    package let amount: Decimal
    /// nil when the answer did not include line items (lists never do).
    package let lineItems: [LineItem]?
    package let createdAt: Timestamp
    package let updatedAt: Timestamp
    /// The model as the API sent it: its wire form, field names and nesting included.
    package let json: JSONObject

    package init(fields: JSONFields) throws(JSONDecodingError) {
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
package struct LineItem: HoursmithModel {
    package let kind: LineItemKind
    package let description: String
    package let quantity: Decimal
    package let unitPrice: Decimal
    package let amount: Decimal
    package let project: NamedReference?
    /// The model as the API sent it: its wire form, field names and nesting included.
    package let json: JSONObject

    package init(fields: JSONFields) throws(JSONDecodingError) {
        kind = try fields.rawValue("kind", as: LineItemKind.self)
        description = try fields.string("description")
        quantity = try fields.decimal("quantity")
        unitPrice = try fields.decimal("unit_price")
        amount = try fields.decimal("amount")
        project = try fields.optionalReference("project")
        json = fields.object
    }
}
