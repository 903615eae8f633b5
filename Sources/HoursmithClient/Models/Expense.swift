import Foundation
import JSONCore

/// Money spent on a project, in the workspace currency.
package struct Expense: ListableModel {
    package static let listKey = "expenses"

    package let id: Int
    package let spentDate: LocalDate
    package let amount: Decimal
    package let category: String
    package let notes: String?
    package let billable: Bool
    package let isInvoiced: Bool
    package let invoice: InvoiceReference?
    package let user: NamedReference
    package let client: NamedReference
    package let project: NamedReference
    package let createdAt: Timestamp
    package let updatedAt: Timestamp
    /// The model as the API sent it: its wire form, field names and nesting included.
    package let json: JSONObject

    package init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        spentDate = try fields.date("spent_date")
        amount = try fields.decimal("amount")
        category = try fields.string("category")
        notes = try fields.optionalString("notes")
        billable = try fields.bool("billable")
        isInvoiced = try fields.bool("is_invoiced")
        invoice = try fields.optionalNested("invoice", InvoiceReference.self)
        user = try fields.reference("user")
        client = try fields.reference("client")
        project = try fields.reference("project")
        createdAt = try fields.timestamp("created_at")
        updatedAt = try fields.timestamp("updated_at")
        json = fields.object
    }
}
