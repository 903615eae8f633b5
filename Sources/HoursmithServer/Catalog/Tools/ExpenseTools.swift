import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// Expenses: list, read, create, update, and delete (guarded: an invoiced expense stays).
enum ExpenseTools {
    static let all: [CatalogTool] = [list, get, create, update, delete]

    static let expenseID = Schemas.id("The expense's id.")
    static let amount = Schemas.positive("Money, e.g. 49.90.")
    static let category = JSONSchema.string("e.g. Travel, Meals, Software.", minLength: 1, maxLength: 255)

    static let list = CatalogTool(
        "list_expenses", in: .expenses, title: "List expenses",
        description: "Expenses, newest first, filtered by user, client, project, dates or period, invoiced.",
        input: Lists.input(Schemas.reference(.user, "Only this user's.") + Schemas.reference(.client, "Only this client's.")
            + Schemas.reference(.project, "Only this project's.") + [
            .init(name: "from", schema: Schemas.from),
            .init(name: "to", schema: Schemas.to),
            .init(name: "period", schema: Schemas.period),
            .init(name: "is_invoiced", schema: .boolean("true: only invoiced; false: only not yet invoiced.")),
        ]),
        output: Lists.output("expenses"),
        annotations: .read, audience: .managersAndUp, action: "see expenses"
    ) { call in
        let range = try call.range()
        let filter = ExpenseFilter(
            userID: try await call.reference(.user), clientID: try await call.reference(.client),
            projectID: try await call.reference(.project), from: range.from, to: range.to,
            isInvoiced: call.optionalBool("is_invoiced"))
        return try await call.list(.expenses(filter), view: .expenses, steer: "")
    }

    static let get = CatalogTool(
        "get_expense", in: .expenses, title: "Get an expense",
        description: "One expense.",
        input: .object(["expense_id": expenseID], required: ["expense_id"]),
        output: Schemas.single("expense"),
        annotations: .read, audience: .managersAndUp, action: "see expenses"
    ) { call in
        ["expense": try await call.client.getExpense(id: try call.int("expense_id")).shown]
    }

    static let create = CatalogTool(
        "create_expense", in: .expenses, title: "Record an expense",
        description: "Records an expense of yours on an active project; billable (so invoiced) unless billable: false.",
        input: .object(Schemas.reference(.project, "The project's id.") + [
            .init(name: "amount", schema: amount),
            .init(name: "category", schema: category),
            .init(name: "spent_date", schema: Schemas.date("Default today.")),
            .init(name: "notes", schema: .string(maxLength: 5000)),
            .init(name: "billable", schema: .boolean("Default true.")),
        ], required: ["amount", "category"]),
        output: Schemas.single("expense"),
        annotations: .create, audience: .ownersAndAdmins, action: "record expenses"
    ) { call in
        let draft = ExpenseDraft(
            projectID: try await call.requiredReference(.project), spentDate: try call.date("spent_date", default: "today"),
            amount: try requiredDecimal("amount", call), category: try call.string("category"),
            notes: call.optionalString("notes"), billable: call.optionalBool("billable"))
        return ["expense": try await call.client.createExpense(draft).shown]
    }

    static let update = CatalogTool(
        "update_expense", in: .expenses, title: "Update an expense",
        description: "Changes an expense that is not invoiced; only the arguments given change (notes: null clears).",
        input: .object([.init(name: "expense_id", schema: expenseID)] + Schemas.reference(.project, "Move it here.") + [
            .init(name: "amount", schema: amount),
            .init(name: "category", schema: category),
            .init(name: "spent_date", schema: Schemas.date("A new day.")),
            .init(name: "notes", schema: JSONSchema.string(maxLength: 5000).nullable()),
            .init(name: "billable", schema: .boolean()),
        ], required: ["expense_id"]),
        output: Schemas.single("expense"),
        annotations: .update, audience: .ownersAndAdmins, action: "change expenses"
    ) { call in
        let id = try call.int("expense_id")
        let changes = ExpenseChanges(
            projectID: try await call.reference(.project), spentDate: try call.date("spent_date"), amount: try call.decimal("amount"),
            category: call.optionalString("category"), notes: call.clearableString("notes"), billable: call.optionalBool("billable"))
        do {
            return ["expense": try await call.client.updateExpense(id: id, changes).shown]
        } catch let error as HoursmithError where error.kind == .expenseInvoiced {
            if let refusal = await invoicedRefusal(id, verb: "changed", call) { throw refusal }
            throw error
        }
    }

    static let delete = CatalogTool(
        "delete_expense", in: .expenses, title: "Delete an expense",
        description: "Deletes an expense. Refused, naming the invoice, when it is invoiced. dry_run: true says "
            + "what it would do.",
        input: .object(["expense_id": expenseID, "dry_run": Schemas.dryRun], required: ["expense_id"]),
        output: GuardVerdict.outputSchema(done: "deleted"),
        annotations: .destructive, audience: .ownersAndAdmins, action: "delete expenses"
    ) { call in
        let id = try call.int("expense_id")
        let verdict = try await check(deleting: id, call)
        if call.bool("dry_run", default: false) { return verdict.json }
        if verdict.refuses { throw ToolError(verdict.reason) }
        do {
            try await call.client.deleteExpense(id: id)
        } catch let error as HoursmithError where error.kind == .expenseInvoiced {
            // Invoiced since the check: say so in the check's words.
            if let refusal = await invoicedRefusal(id, verb: "deleted", call) { throw refusal }
            throw error
        }
        return verdict.performed("deleted", message: "Deleted. It can't be restored; to record it again, use "
            + "create_expense with the target's project, amount, category, spent_date and notes.")
    }

    /// What the API would say to `DELETE /expenses/{id}`, found out with one read.
    static func check(deleting id: Int, _ call: ToolCall) async throws(HoursmithError) -> GuardVerdict {
        let expense = try await call.client.getExpense(id: id)
        let target = JSON.object(expense.shownObject.removing(["created_at", "updated_at"]))
        if expense.isInvoiced {
            return GuardVerdict(action: .refuse, reason: GuardWords.expenseInvoiced(expense), target: target,
                                alsoAffected: ["invoice": expense.invoice.map { .object($0.json) } ?? .null])
        }
        let reason = "Expense \(expense.id) (\(expense.amount) \(call.me.workspace.currency) for \(expense.category) on "
            + "\(expense.project.name), \(expense.spentDate), by \(expense.user.name)) is not invoiced, so it can be "
            + "deleted. Nothing else goes with it. This can't be undone."
        return GuardVerdict(action: .delete, reason: reason, target: target, alsoAffected: [:])
    }

    /// The refusal for an expense the API found invoiced, naming the invoice; nil when the
    /// expense can no longer be read (the API's own words are used then).
    private static func invoicedRefusal(_ id: Int, verb: String, _ call: ToolCall) async -> ToolError? {
        guard let expense = try? await call.client.getExpense(id: id), expense.isInvoiced else { return nil }
        return ToolError(GuardWords.expenseInvoiced(expense, verb: verb))
    }

    /// A required money argument, exactly as written.
    private static func requiredDecimal(_ name: String, _ call: ToolCall) throws(ToolError) -> Decimal {
        guard let value = try call.decimal(name) else { throw ToolError("Argument `\(name)` is required: a number such as 49.90.") }
        return value
    }
}
