import JSONCore

/// `/invoices` and `/invoices/{id}`. Reads: owner, admin, manager. Create: owner, admin.
/// Members: 403 on every route.
enum InvoiceHandlers {
    static let states = ["draft", "open", "paid", "closed"]
    static let kinds = ["time", "expense", "other"]

    private static func requireReader(_ call: Call) throws(APIError) {
        if call.caller.isMember { throw APIError.forbidden("Your role (member) may not see or create invoices.") }
    }

    /// By `issue_date` desc, then `id` desc; without line items.
    static func list(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try requireReader(call)
        var reader = QueryReader(call.query)
        let clientID = reader.id("client_id")
        let state = reader.choice("state", states)
        let (from, to) = reader.dateRange()
        let page = reader.pageRequest()
        try reader.errors.check()
        let invoices = store.invoices.values
            .filter { $0.workspaceID == call.caller.workspaceID }
            .sorted { ($0.issueDay, $0.id) > ($1.issueDay, $1.id) }
        let window = page.window(invoices) { invoice in
            (clientID == nil || invoice.clientID == clientID) && (state == nil || invoice.state == state)
                && (from.map { invoice.issueDay >= $0 } ?? true) && (to.map { invoice.issueDay <= $0 } ?? true)
        }
        let render = Render(store: store, now: call.now)
        return page.answer("invoices", window, call: call) { render.invoice($0, lineItems: false) }
    }

    static func get(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try requireReader(call)
        guard let invoice = store.invoices[call.id], invoice.workspaceID == call.caller.workspaceID else {
            throw APIError.notFound("invoice")
        }
        return .ok(Render(store: store, now: call.now).invoice(invoice, lineItems: true))
    }

    /// A draft from `line_items`, or from `import` (every billable, uninvoiced time entry and
    /// expense of the client in the period, which become invoiced).
    static func create(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try requireReader(call)
        try call.caller.requireAdmin("create invoices")
        var body = BodyReader(call.body)
        let clientID = body.required("client_id", body.id("client_id"))
        let issueDay = body.notNull("issue_date", body.date("issue_date")) ?? call.today
        let dueDay = body.date("due_date").value
        let subject = body.string("subject").value
        let notes = body.string("notes").value
        let lineItemsField = body.objects("line_items")
        let importField = body.object("import")
        let client = clientID.flatMap { store.client($0, in: call.caller.workspaceID) }
        if clientID != nil && client == nil { body.problem("client_id", "does not exist") }
        if let dueDay, dueDay < issueDay, !body.errors.has("issue_date") {
            body.problem("due_date", "must be on or after issue_date")
        }

        var items: [LineItemRecord] = []
        var toBill: (entries: [Int], expenses: [Int]) = ([], [])
        switch (lineItemsField, importField) {
        case (.value, .value):
            body.problem("import", "can't be combined with line_items; give one or the other")
        case (.value(let objects), _):
            items = readLineItems(objects, &body, client: client, store: store)
        case (_, .value(let object)):
            var nested = BodyReader(object, prefix: "import.")
            let from = nested.required("from", nested.date("from"))
            let to = nested.required("to", nested.date("to"))
            let projectIDs = nested.notNull("project_ids", nested.ids("project_ids"))
            if let from, let to, to < from { nested.problem("to", "must be on or after from") }
            if let projectIDs, let client {
                let foreign = projectIDs.filter { store.projects[$0]?.clientID != client.id }
                if !foreign.isEmpty {
                    nested.problem("project_ids", "includes ids that are not projects of \(client.name): \(foreign.map(String.init).joined(separator: ", "))")
                }
            }
            for field in nested.errors.fields {
                for problem in nested.errors.problems[field] ?? [] { body.errors.add(field, problem) }
            }
            if body.errors.isEmpty, let client, let from, let to {
                toBill = store.billable(clientID: client.id, from: from, to: to, projectIDs: projectIDs.map(Set.init))
                if toBill.entries.isEmpty && toBill.expenses.isEmpty {
                    body.problem("import", "has nothing to bill: \(client.name) has no billable, uninvoiced time or expenses from \(CivilTime.dateText(from)) to \(CivilTime.dateText(to))")
                }
            }
        case (.absent, .absent), (.null, .null), (.absent, .null), (.null, .absent):
            body.problem("line_items", "or import is required")
        default:
            break
        }
        try body.errors.check()
        guard let client else { throw APIError.validation(body.errors) }

        let id = store.nextInvoiceID
        store.nextInvoiceID += 1
        if importField.value != nil {
            items = store.bill(entries: toBill.entries, expenses: toBill.expenses, invoiceID: id, now: call.now)
        }
        let invoice = InvoiceRecord(
            id: id, workspaceID: call.caller.workspaceID, clientID: client.id,
            number: store.nextInvoiceNumber(in: call.caller.workspaceID), state: "draft", issueDay: issueDay,
            dueDay: dueDay, subject: subject, notes: notes, currency: client.currency,
            amount: items.reduce(0) { $0 + $1.amount }, lineItems: items, createdAt: call.now, updatedAt: call.now)
        store.invoices[id] = invoice
        return .created(Render(store: store, now: call.now).invoice(invoice, lineItems: true))
    }

    private static func readLineItems(
        _ objects: [JSONObject], _ body: inout BodyReader, client: ClientRecord?, store: Store
    ) -> [LineItemRecord] {
        if objects.isEmpty { body.problem("line_items", "must have at least one item") }
        var items: [LineItemRecord] = []
        for (index, object) in objects.enumerated() {
            var item = BodyReader(object, prefix: "line_items[\(index)].")
            let kind = item.notNull("kind", item.string("kind")) ?? "other"
            if !kinds.contains(kind) { item.problem("kind", "must be one of \(kinds.joined(separator: ", "))") }
            let description = item.required("description", item.string("description"))
            let quantity = item.notNull("quantity", item.hundredths("quantity")) ?? 100
            if quantity <= 0 || quantity > 10_000_000 { item.problem("quantity", "must be greater than 0 and at most 100000") }
            let unitPrice = item.required("unit_price", item.hundredths("unit_price"))
            if let unitPrice, unitPrice < 0 || unitPrice > 100_000_000_000 {
                item.problem("unit_price", "must be from 0 to 1000000000")
            }
            let projectID = item.id("project_id").value
            if let projectID, let client, store.projects[projectID]?.clientID != client.id {
                item.problem("project_id", "is not a project of \(client.name)")
            }
            for field in item.errors.fields {
                for problem in item.errors.problems[field] ?? [] { body.errors.add(field, problem) }
            }
            if item.errors.isEmpty, let description, let unitPrice {
                items.append(LineItemRecord(
                    kind: kind, description: description, quantity: quantity, unitPrice: unitPrice,
                    amount: Hundredths.multiply(quantity, unitPrice) ?? 0, projectID: projectID))
            }
        }
        return items
    }
}
