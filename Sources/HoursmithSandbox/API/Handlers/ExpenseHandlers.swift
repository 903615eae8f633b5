import JSONCore

/// `/expenses` and `/expenses/{id}`. Reads: owner, admin, manager. Writes: owner, admin.
/// Members: 403 on every route.
enum ExpenseHandlers {
    private static func requireReader(_ call: Call) throws(APIError) {
        if call.caller.isMember { throw APIError.forbidden("Your role (member) may not see or change expenses.") }
    }

    private static func find(_ store: Store, _ call: Call) throws(APIError) -> ExpenseRecord {
        guard let expense = store.expenses[id: call.id], expense.workspaceID == call.caller.workspaceID else {
            throw APIError.notFound("expense")
        }
        return expense
    }

    /// Newest first (`spent_date` desc, then `id` desc).
    static func list(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try requireReader(call)
        var reader = QueryReader(call.query)
        let userID = reader.id("user_id")
        let clientID = reader.id("client_id")
        let projectID = reader.id("project_id")
        let (from, to) = reader.dateRange()
        let isInvoiced = reader.bool("is_invoiced")
        let page = reader.pageRequest()
        try reader.errors.check()
        let workspace = call.caller.workspaceID
        let projects = store.projects
        let window = page.window(store.expenses.rows) { expense in
            guard expense.workspaceID == workspace else { return false }
            if let userID, expense.userID != userID { return false }
            if let projectID, expense.projectID != projectID { return false }
            if let from, expense.spentDay < from { return false }
            if let to, expense.spentDay > to { return false }
            if let isInvoiced, expense.isInvoiced != isInvoiced { return false }
            if let clientID, projects[expense.projectID]?.clientID != clientID { return false }
            return true
        }
        let render = Render(store: store, now: call.now)
        return page.answer("expenses", window, call: call, render: render.expense)
    }

    static func get(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try requireReader(call)
        return .ok(Render(store: store, now: call.now).expense(try find(store, call)))
    }

    static func create(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try requireReader(call)
        try call.caller.requireAdmin("create expenses")
        var body = BodyReader(call.body)
        let projectID = body.required("project_id", body.id("project_id"))
        let spentDay = body.required("spent_date", body.date("spent_date"))
        let amount = body.required("amount", body.hundredths("amount"))
        let category = body.required("category", body.name("category"))
        let notes = body.string("notes").value
        let billable = body.notNull("billable", body.bool("billable"))
        let userID = body.notNull("user_id", body.id("user_id")) ?? call.caller.userID
        if store.user(userID, in: call.caller.workspaceID)?.isActive != true, !body.errors.has("user_id") {
            body.problem("user_id", "is not an active user of this workspace")
        }
        var project: ProjectRecord?
        if let projectID {
            project = store.project(projectID, in: call.caller.workspaceID)
            if project == nil { body.problem("project_id", "does not exist") }
        }
        if let amount, amount <= 0 { body.problem("amount", "must be greater than 0") }
        try body.errors.check()
        guard let project, let spentDay, let amount, let category else { throw APIError.validation(body.errors) }
        try checkActive(project)
        let expense = ExpenseRecord(
            id: store.nextExpenseID, workspaceID: call.caller.workspaceID, userID: userID, projectID: project.id,
            spentDay: spentDay, amount: amount, category: category, notes: notes, billable: billable ?? true,
            invoiceID: nil, createdAt: call.now, updatedAt: call.now)
        store.nextExpenseID += 1
        store.expenses.insert(expense)
        return .created(Render(store: store, now: call.now).expense(expense))
    }

    /// `expense_invoiced` first; then fields; then `project_archived` for the project the
    /// expense ends up on.
    static func update(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try requireReader(call)
        try call.caller.requireAdmin("update expenses")
        var expense = try find(store, call)
        try refuseInvoiced(expense, store)
        var body = BodyReader(call.body)
        let projectID = body.notNull("project_id", body.id("project_id"))
        let spentDay = body.notNull("spent_date", body.date("spent_date"))
        let amount = body.notNull("amount", body.hundredths("amount"))
        let category = body.notNull("category", body.name("category"))
        let notes = body.change(body.string("notes"))
        let billable = body.notNull("billable", body.bool("billable"))
        var project = store.projects[expense.projectID]
        if let projectID {
            project = store.project(projectID, in: call.caller.workspaceID)
            if project == nil { body.problem("project_id", "does not exist") }
        }
        if let amount, amount <= 0 { body.problem("amount", "must be greater than 0") }
        try body.errors.check()
        guard let project else { throw APIError.notFound("expense") }
        try checkActive(project)
        expense.projectID = project.id
        if let spentDay { expense.spentDay = spentDay }
        if let amount { expense.amount = amount }
        if let category { expense.category = category }
        if let notes { expense.notes = notes }
        if let billable { expense.billable = billable }
        expense.updatedAt = call.now
        store.expenses.update(expense)
        return .ok(Render(store: store, now: call.now).expense(expense))
    }

    static func delete(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try requireReader(call)
        try call.caller.requireAdmin("delete expenses")
        let expense = try find(store, call)
        try refuseInvoiced(expense, store)
        store.expenses.remove(id: expense.id)
        return .noContent
    }

    private static func refuseInvoiced(_ expense: ExpenseRecord, _ store: Store) throws(APIError) {
        guard let invoiceID = expense.invoiceID else { return }
        let number = store.invoices[invoiceID]?.number ?? "an invoice"
        throw APIError(422, "expense_invoiced", "Expense \(expense.id) is on invoice \(number) and can no longer be changed or deleted.")
    }

    private static func checkActive(_ project: ProjectRecord) throws(APIError) {
        if !project.isActive {
            throw APIError(422, "project_archived", "Project \(project.name) (\(project.id)) is archived; restore it to add expenses to it.")
        }
    }
}
