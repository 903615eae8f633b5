import Foundation
import JSONCore

/// Filters of `GET /expenses`; `from` and `to` are inclusive bounds on `spent_date`.
package struct ExpenseFilter: Sendable, Equatable {
    package var userID: Int?
    package var clientID: Int?
    package var projectID: Int?
    package var from: LocalDate?
    package var to: LocalDate?
    package var isInvoiced: Bool?

    package init(
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
package struct ExpenseDraft: Sendable, Equatable {
    package var projectID: Int
    package var spentDate: LocalDate
    /// Greater than 0, in the workspace currency.
    package var amount: Decimal
    package var category: String
    package var notes: String?
    package var billable: Bool?
    package var userID: Int?

    package init(
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

    package var json: JSONObject {
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
package struct ExpenseChanges: Sendable, Equatable {
    package var projectID: Int?
    package var spentDate: LocalDate?
    package var amount: Decimal?
    package var category: String?
    package var notes: FieldUpdate<String>
    package var billable: Bool?

    package init(
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

    package var json: JSONObject {
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
    package func listExpenses(_ filter: ExpenseFilter = ExpenseFilter(), page: Int? = nil, perPage: Int? = nil) async throws(HoursmithError) -> Page<Expense> {
        try await self.page(.expenses(filter), page: page, perPage: perPage)
    }

    /// `GET /expenses/{id}`.
    package func getExpense(id: Int) async throws(HoursmithError) -> Expense {
        try await fetch(.get(.expenses, id: id), as: Expense.self)
    }

    /// `POST /expenses` (owner, admin), with an `Idempotency-Key`.
    package func createExpense(_ draft: ExpenseDraft) async throws(HoursmithError) -> Expense {
        try await fetch(.create(.expenses, draft.json), as: Expense.self)
    }

    /// `PATCH /expenses/{id}` (refused with `expenseInvoiced` once invoiced).
    package func updateExpense(id: Int, _ changes: ExpenseChanges) async throws(HoursmithError) -> Expense {
        try await fetch(.update(.expenses, id: id, changes.json), as: Expense.self)
    }

    /// `DELETE /expenses/{id}` (refused with `expenseInvoiced` once invoiced).
    package func deleteExpense(id: Int) async throws(HoursmithError) {
        _ = try await send(.delete(.expenses, id: id))
    }
}

extension ListRequest where Item == Expense {
    /// `GET /expenses` with `filter`.
    package static func expenses(_ filter: ExpenseFilter = ExpenseFilter()) -> ListRequest {
        ListRequest("/expenses", filter.query)
    }
}
