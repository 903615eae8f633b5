import Foundation
import JSONCore

/// Filters of `GET /expenses`; `from` and `to` are inclusive bounds on `spent_date`.
public struct ExpenseFilter: Sendable, Equatable {
    public var userID: Int?
    public var clientID: Int?
    public var projectID: Int?
    public var from: LocalDate?
    public var to: LocalDate?
    public var isInvoiced: Bool?

    public init(
        userID: Int? = nil, clientID: Int? = nil, projectID: Int? = nil, from: LocalDate? = nil, to: LocalDate? = nil,
        isInvoiced: Bool? = nil
    ) {
        self.userID = userID
        self.clientID = clientID
        self.projectID = projectID
        self.from = from
        self.to = to
        self.isInvoiced = isInvoiced
    }

    var query: QueryItems {
        var query = QueryItems()
        query.add("user_id", userID)
        query.add("client_id", clientID)
        query.add("project_id", projectID)
        query.add("from", from)
        query.add("to", to)
        query.add("is_invoiced", isInvoiced)
        return query
    }
}

/// The body of `POST /expenses`.
public struct ExpenseDraft: Sendable, Equatable {
    public var projectID: Int
    public var spentDate: LocalDate
    /// Greater than 0, in the workspace currency.
    public var amount: Decimal
    public var category: String
    public var notes: String?
    public var billable: Bool?
    public var userID: Int?

    public init(
        projectID: Int, spentDate: LocalDate, amount: Decimal, category: String, notes: String? = nil,
        billable: Bool? = nil, userID: Int? = nil
    ) {
        self.projectID = projectID
        self.spentDate = spentDate
        self.amount = amount
        self.category = category
        self.notes = notes
        self.billable = billable
        self.userID = userID
    }

    public var json: JSONObject {
        var object: JSONObject = [
            "project_id": .int(projectID),
            "spent_date": .date(spentDate),
            "amount": .decimal(amount),
            "category": .string(category),
        ]
        object.set("notes", notes.map(JSON.string))
        object.set("billable", billable.map(JSON.bool))
        object.set("user_id", userID.map(JSON.int))
        return object
    }
}

/// The body of `PATCH /expenses/{id}`: only what is set is sent.
public struct ExpenseChanges: Sendable, Equatable {
    public var projectID: Int?
    public var spentDate: LocalDate?
    public var amount: Decimal?
    public var category: String?
    public var notes: FieldUpdate<String>
    public var billable: Bool?

    public init(
        projectID: Int? = nil, spentDate: LocalDate? = nil, amount: Decimal? = nil, category: String? = nil,
        notes: FieldUpdate<String> = .keep, billable: Bool? = nil
    ) {
        self.projectID = projectID
        self.spentDate = spentDate
        self.amount = amount
        self.category = category
        self.notes = notes
        self.billable = billable
    }

    public var json: JSONObject {
        var object = JSONObject()
        object.set("project_id", projectID.map(JSON.int))
        object.set("spent_date", spentDate.map(JSON.date))
        object.set("amount", amount.map(JSON.decimal))
        object.set("category", category.map(JSON.string))
        object.set("notes", notes, JSON.string)
        object.set("billable", billable.map(JSON.bool))
        return object
    }
}

extension HoursmithClient {
    /// `GET /expenses`, newest first (owner, admin, manager).
    public func listExpenses(_ filter: ExpenseFilter = ExpenseFilter(), page: Int? = nil, perPage: Int? = nil) async throws(HoursmithError) -> Page<Expense> {
        try await self.page(.expenses(filter), page: page, perPage: perPage)
    }

    /// `GET /expenses/{id}`.
    public func getExpense(id: Int) async throws(HoursmithError) -> Expense {
        try await fetch(.get(.expenses, id: id), as: Expense.self)
    }

    /// `POST /expenses` (owner, admin), with an `Idempotency-Key`.
    public func createExpense(_ draft: ExpenseDraft) async throws(HoursmithError) -> Expense {
        try await fetch(.create(.expenses, draft.json), as: Expense.self)
    }

    /// `PATCH /expenses/{id}` (refused with `expenseInvoiced` once invoiced).
    public func updateExpense(id: Int, _ changes: ExpenseChanges) async throws(HoursmithError) -> Expense {
        try await fetch(.update(.expenses, id: id, changes.json), as: Expense.self)
    }

    /// `DELETE /expenses/{id}` (refused with `expenseInvoiced` once invoiced).
    public func deleteExpense(id: Int) async throws(HoursmithError) {
        _ = try await send(.delete(.expenses, id: id))
    }
}

extension ListRequest where Item == Expense {
    /// `GET /expenses` with `filter`.
    public static func expenses(_ filter: ExpenseFilter = ExpenseFilter()) -> ListRequest {
        ListRequest("/expenses", filter.query)
    }
}
