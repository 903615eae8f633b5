import Foundation
import JSONCore

/// Money spent on a project, in the workspace currency.
public struct Expense: ListableModel {
    public static let listKey = "expenses"

    public let id: Int
    public let spentDate: LocalDate
    public let amount: Decimal
    public let category: String
    public let notes: String?
    public let billable: Bool
    public let isInvoiced: Bool
    public let invoice: InvoiceReference?
    public let user: NamedReference
    public let client: NamedReference
    public let project: NamedReference
    public let createdAt: Timestamp
    public let updatedAt: Timestamp
    /// The model as the API sent it: its wire form, field names and nesting included.
    public let json: JSONObject

    public init(fields: JSONFields) throws(JSONDecodingError) {
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
