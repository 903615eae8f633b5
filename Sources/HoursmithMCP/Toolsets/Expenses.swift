import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// Expenses: list, read, create, update, and delete (guarded: an invoiced expense stays).
enum ExpenseTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        [list(environment), get(environment), create(environment), update(environment), delete(environment)]
    }

    static let expenseID = Schemas.id("The expense's id (list_expenses finds it).")
    static let amount = Schemas.positive("The amount spent, in the workspace's currency, e.g. 49.90.")
    static let category = JSONSchema.string("What it was for, e.g. Travel, Meals, Software, Hardware.", minLength: 1, maxLength: 255)

    static func list(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "list_expenses", in: .expenses, title: "List expenses",
            description: "Lists expenses, newest spent_date first, optionally only one user's, client's or project's, "
                + "in a date range (from/to as YYYY-MM-DD or today/yesterday/tomorrow, or a period such as last_month, "
                + "in the workspace's timezone), invoiced or not. Amounts are in the workspace's currency. Returns "
                + "{expenses: [{id, spent_date, amount, category, notes, billable, is_invoiced, invoice: {id, number}, user, "
                + "client, project}], page, per_page, total_entries, next_page, truncated}.",
            input: Lists.input([
                .init(name: "user_id", schema: Schemas.id("Only this user's expenses (list_users finds ids).")),
                .init(name: "client_id", schema: Schemas.id("Only expenses on this client's projects.")),
                .init(name: "project_id", schema: Schemas.id("Only expenses on this project.")),
                .init(name: "from", schema: Schemas.from),
                .init(name: "to", schema: Schemas.to),
                .init(name: "period", schema: Schemas.period),
                .init(name: "is_invoiced", schema: .boolean("true: only invoiced expenses; false: only those not yet invoiced.")),
            ]),
            output: Lists.output("expenses"),
            annotations: .read, audience: .managersAndUp, action: "see expenses"
        ) { call in
            let range = try call.range()
            let filter = ExpenseFilter(
                userID: call.optionalInt("user_id"), clientID: call.optionalInt("client_id"),
                projectID: call.optionalInt("project_id"), from: range.from, to: range.to,
                isInvoiced: call.optionalBool("is_invoiced"))
            return try await call.list(.expenses(filter), view: .expenses, steer: "")
        }
    }

    static func get(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "get_expense", in: .expenses, title: "Get an expense",
            description: "Gets one expense by id: {expense: {id, spent_date, amount, category, notes, billable, is_invoiced, "
                + "invoice: {id, number} or null, user, client, project, created_at, updated_at}}.",
            input: .object(["expense_id": expenseID], required: ["expense_id"]),
            output: Schemas.single("expense", Schemas.expense),
            annotations: .read, audience: .managersAndUp, action: "see expenses"
        ) { call in
            ["expense": try await call.client.getExpense(id: try call.int("expense_id")).shown]
        }
    }

    static func create(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "create_expense", in: .expenses, title: "Record an expense",
            description: "Records an expense of yours on a project (list_projects finds its id; the project must be "
                + "active). spent_date defaults to today in the workspace's timezone; billable defaults to true, so "
                + "create_invoice bills it. Returns {expense: {...}} with its new id.",
            input: .object([
                "project_id": Schemas.id("The project the money was spent on."),
                "amount": amount,
                "category": category,
                "spent_date": Schemas.date("The day it was spent; default today."),
                "notes": .string("What it was, e.g. \"Train to the client's office\"."),
                "billable": .boolean("Whether to bill it to the client. Default true."),
            ], required: ["project_id", "amount", "category"]),
            output: Schemas.single("expense", Schemas.expense),
            annotations: .create, audience: .ownersAndAdmins, action: "record expenses"
        ) { call in
            let draft = ExpenseDraft(
                projectID: try call.int("project_id"), spentDate: try call.date("spent_date", default: "today"),
                amount: try requiredDecimal("amount", call), category: try call.string("category"),
                notes: call.optionalString("notes"), billable: call.optionalBool("billable"))
            return ["expense": try await call.client.createExpense(draft).shown]
        }
    }

    static func update(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "update_expense", in: .expenses, title: "Update an expense",
            description: "Changes an expense's project, amount, category, spent_date, notes or billable flag; only the "
                + "arguments given change. notes: null clears them. An invoiced expense can't be changed (the refusal "
                + "names its invoice). Returns {expense: {...}} as it is now.",
            input: .object([
                "expense_id": expenseID,
                "project_id": Schemas.id("Move it to this project (must be active)."),
                "amount": amount,
                "category": category,
                "spent_date": Schemas.date("A new day it was spent."),
                "notes": JSONSchema.string("New notes; null clears them.").nullable(),
                "billable": .boolean("Whether to bill it to the client."),
            ], required: ["expense_id"]),
            output: Schemas.single("expense", Schemas.expense),
            annotations: .update, audience: .ownersAndAdmins, action: "change expenses"
        ) { call in
            let id = try call.int("expense_id")
            let changes = ExpenseChanges(
                projectID: call.optionalInt("project_id"), spentDate: try call.date("spent_date"), amount: try call.decimal("amount"),
                category: call.optionalString("category"), notes: call.clearableString("notes"), billable: call.optionalBool("billable"))
            do {
                return ["expense": try await call.client.updateExpense(id: id, changes).shown]
            } catch let error as HoursmithError where error.kind == .expenseInvoiced {
                if let refusal = await invoicedRefusal(id, verb: "changed", call) { throw refusal }
                throw error
            }
        }
    }

    static func delete(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "delete_expense", in: .expenses, title: "Delete an expense",
            description: "Deletes an expense for good. Refused, naming the invoice, when the expense is invoiced "
                + "(invoiced expenses can't be changed or deleted). dry_run: true reports what would happen without "
                + "deleting. Returns {deleted: true, target, also_affected, message}, or with dry_run "
                + "{would: delete|refuse, reason, target, also_affected}.",
            input: .object(["expense_id": expenseID, "dry_run": Schemas.dryRun("deleting")], required: ["expense_id"]),
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
