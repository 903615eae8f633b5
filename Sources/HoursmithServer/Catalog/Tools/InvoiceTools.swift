import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// Invoices: list, read, and create (billing a period's uninvoiced work, or explicit lines).
enum InvoiceTools {
    static let all: [CatalogTool] = [list, get, create]

    static let list = CatalogTool(
        "list_invoices", in: .invoices, title: "List invoices",
        description: "Invoices, newest first, filtered by client, state, or issue dates (from/to, period); "
            + "get_invoice has the lines.",
        input: Lists.input(Schemas.reference(.client, "Only this client's.") + [
            .init(name: "state", schema: .string(enum: ["draft", "open", "paid", "closed"])),
            .init(name: "from", schema: Schemas.date("Issued on or after.")),
            .init(name: "to", schema: Schemas.date("Issued on or before.")),
            .init(name: "period", schema: Schemas.period),
        ]),
        output: Lists.output("invoices"),
        annotations: .read, audience: .managersAndUp, action: "see invoices"
    ) { call in
        let range = try call.range()
        let filter = InvoiceFilter(clientID: try await call.reference(.client), state: call.optionalString("state").map(InvoiceState.init(rawValue:)),
                                   from: range.from, to: range.to)
        return try await call.list(.invoices(filter), view: .invoices, steer: "")
    }

    static let get = CatalogTool(
        "get_invoice", in: .invoices, title: "Get an invoice",
        description: "One invoice with its lines (time lines: hours × rate). A long invoice shows the lines that "
            + "fit; line_items_from continues.",
        input: .object([
            "invoice_id": Schemas.id("The invoice's id."),
            "line_items_from": .integer("The first line to show, from 1. Default 1.", minimum: 1, maximum: 1_000_000),
        ], required: ["invoice_id"]),
        output: Schemas.single("invoice"),
        annotations: .read, audience: .managersAndUp, action: "see invoices"
    ) { call in
        let invoice = try await call.client.getInvoice(id: try call.int("invoice_id"))
        return ["invoice": .object(lines(of: invoice, from: call.optionalInt("line_items_from") ?? 1, call))]
    }

    static let lineItem = JSONSchema.object([
        "kind": .string(enum: ["time", "expense", "other"]),
        "description": .string(minLength: 1, maxLength: 5000),
        "quantity": Schemas.positive("Hours for time, else units.", maximum: 100_000),
        "unit_price": .number(minimum: 0, maximum: 1_000_000_000),
        "project_id": Schemas.id("A project of the client."),
    ], required: ["kind", "description", "quantity", "unit_price"])

    /// Most lines one call may give.
    static let maxLineItems = 500

    static let create = CatalogTool(
        "create_invoice", in: .invoices, title: "Create an invoice",
        description: "Creates a draft invoice for a client, one of two ways: a period or from/to bills the client's "
            + "billable, uninvoiced, stopped time and expenses of those days (optionally of project_ids), marking them "
            + "invoiced for good; or explicit line_items. dry_run: true shows the lines and total, changing nothing.",
        input: .object([
            "client_id": Schemas.id("The client's id."),
            "client": Schemas.name(.client),
            "period": Schemas.period,
            "from": Schemas.date("First day of work to bill."),
            "to": Schemas.date("Last day of work to bill."),
            "project_ids": .array(of: Schemas.id("A project of the client."), "Bill only these projects.",
                                  minItems: 1, maxItems: 500, uniqueItems: true),
            "line_items": .array(of: lineItem, "Explicit lines instead of dates.", minItems: 1, maxItems: maxLineItems),
            "issue_date": Schemas.date("Default today."),
            "due_date": Schemas.date("On or after issue_date."),
            "subject": .string(maxLength: 5000),
            "notes": .string(maxLength: 5000),
            "dry_run": Schemas.dryRun,
        ]),
        output: Schemas.result(["message": .string(), "billed": Schemas.object, "invoice": Schemas.object],
                               required: ["message", "billed"]),
        annotations: .billing, audience: .ownersAndAdmins, action: "create invoices"
    ) { call in
        let clientID = try await call.requiredReference(.client)
        let issueDate = try call.date("issue_date"), dueDate = try call.date("due_date")
        if let issueDate, let dueDate, dueDate < issueDate {
            throw ToolError("`due_date` (\(dueDate)) is before `issue_date` (\(issueDate)): give a due_date on or after it.")
        }
        let content = try billing(call)
        if call.bool("dry_run", default: false) {
            return try await InvoicePreview.make(clientID: clientID, content, call).json
        }
        let draft = InvoiceDraft(clientID: clientID, content: content, issueDate: issueDate, dueDate: dueDate,
                                 subject: call.optionalString("subject"), notes: call.optionalString("notes"))
        guard case .importing(let from, let to, let projectIDs) = content else {
            let invoice = try await call.client.createInvoice(draft)
            return result(invoice, billed: (0, 0), from: nil, to: nil)
        }
        let before = try await uninvoiced(clientID: clientID, from: from, to: to, call)
        let invoice: Invoice
        do {
            invoice = try await call.client.createInvoice(draft)
        } catch let error as HoursmithError {
            if let refusal = importRefusal(error, clientID: clientID, from: from, to: to, projectIDs: projectIDs) { throw refusal }
            throw error
        }
        let after = try await uninvoiced(clientID: clientID, from: from, to: to, call)
        let counts = (entries: max(0, before.entries - after.entries), expenses: max(0, before.expenses - after.expenses))
        return result(invoice, billed: counts, from: from, to: to)
    }

    /// What to bill: the dates (`period`, or `from` and `to`) or `line_items`, exactly one.
    private static func billing(_ call: ToolCall) throws(ToolError) -> InvoiceDraft.Content {
        let givesDates = ["period", "from", "to"].contains { call.arguments.contains($0) }
        let projectIDs = call.ints("project_ids")
        if let items = call.arguments.array("line_items") {
            if givesDates {
                throw ToolError("Give either billing dates (`period`, or `from` and `to`) or `line_items`, not both: dates "
                    + "bill the client's uninvoiced time and expenses, line_items bill exactly the lines given.")
            }
            if projectIDs != nil {
                throw ToolError("`project_ids` only narrows billing dates; with `line_items`, give each line its `project_id`.")
            }
            return .lineItems(try items.enumerated().map { (index, item) throws(ToolError) in try lineItemDraft(index, item) })
        }
        guard givesDates else {
            throw ToolError("Say what to bill: a `period` (e.g. last_month) or `from` and `to`, to bill the client's "
                + "billable, uninvoiced time and expenses in those days; or `line_items`, to bill explicit lines.")
        }
        let (from, to) = try call.requiredRange()
        return .importing(from: from, to: to, projectIDs: projectIDs)
    }

    private static func lineItemDraft(_ index: Int, _ item: JSON) throws(ToolError) -> LineItemDraft {
        func decimal(_ name: String) throws(ToolError) -> Decimal {
            guard let number = item[name]?.numberValue else {
                throw ToolError("`line_items[\(index)].\(name)` must be a number.")
            }
            guard let value = Decimal(jsonNumber: number) else {
                throw ToolError("`line_items[\(index)].\(name)` is out of range: \(number.literal.prefix(40)) is not a number this can hold.")
            }
            return value
        }
        guard let description = item["description"]?.stringValue else {
            throw ToolError("`line_items[\(index)].description` is required.")
        }
        return LineItemDraft(
            kind: item["kind"]?.stringValue.map(LineItemKind.init(rawValue:)) ?? .other, description: description,
            quantity: try decimal("quantity"), unitPrice: try decimal("unit_price"), projectID: item["project_id"]?.intValue)
    }

    /// How many of the client's time entries and expenses in the dates are not invoiced (two
    /// one-item pages, read together); before and after an import, the difference is what it billed.
    private static func uninvoiced(clientID: Int, from: LocalDate, to: LocalDate, _ call: ToolCall) async throws -> (entries: Int, expenses: Int) {
        let api = call.client
        async let entries = api.listTimeEntries(TimeEntryFilter(clientID: clientID, from: from, to: to, isInvoiced: false),
                                                page: 1, perPage: 1)
        async let expenses = api.listExpenses(ExpenseFilter(clientID: clientID, from: from, to: to, isInvoiced: false),
                                              page: 1, perPage: 1)
        return try await (entries.totalEntries, expenses.totalEntries)
    }

    /// A refusal of the import in the tool's own arguments: "nothing to bill" (422 on `import`),
    /// or a problem with `import.from`, `import.to` or `import.project_ids`; nil for anything else.
    private static func importRefusal(
        _ error: HoursmithError, clientID: Int, from: LocalDate, to: LocalDate, projectIDs: [Int]?
    ) -> ToolError? {
        guard case .validationFailed(let fields) = error.kind, fields.contains(where: { $0.field.hasPrefix("import") }) else {
            return nil
        }
        guard fields.contains(where: { $0.field == "import" }) else {
            let named = fields.map { FieldError(field: String($0.field.dropFirst($0.field.hasPrefix("import.") ? 7 : 0)),
                                                problems: $0.problems) }
            return ToolError("Hoursmith refused the values: " + named.map(\.description).joined(separator: "; ") + ".")
        }
        let projects = projectIDs.map { " on projects \($0.map(String.init).joined(separator: ", "))" } ?? ""
        return ToolError("Nothing to bill: client \(clientID) has no billable, uninvoiced, stopped time entries or expenses "
            + "from \(from) to \(to)\(projects), so no invoice was created. Check client_id and the dates (list_time_entries "
            + "and list_expenses with client_id and is_invoiced: false show what is unbilled), or give line_items instead.")
    }

    /// `{invoice, billed, message}`.
    private static func result(_ invoice: Invoice, billed: (entries: Int, expenses: Int), from: LocalDate?, to: LocalDate?) -> JSON {
        let lines = invoice.lineItems ?? []
        let timeLines = lines.filter { $0.kind == .time }, expenseLines = lines.filter { $0.kind == .expense }
        let hours = timeLines.reduce(Decimal(0)) { $0 + $1.quantity }
        let timeAmount = timeLines.reduce(Decimal(0)) { $0 + $1.amount }
        let expenseAmount = expenseLines.reduce(Decimal(0)) { $0 + $1.amount }
        let currency = invoice.currency
        let opening = "Created draft invoice \(invoice.number) (id \(invoice.id)) for \(invoice.client.name)"
        let message: String
        if let from, let to {
            message = "\(opening): it bills \(GuardWords.count(billed.entries, "time entry", plural: "time entries")) "
                + "(\(hours) h, \(timeAmount) \(currency)) and \(GuardWords.count(billed.expenses, "expense")) "
                + "(\(expenseAmount) \(currency)) from \(from) to \(to), total \(invoice.amount) \(currency). Those time "
                + "entries and expenses are now invoiced and can't be changed or deleted. The invoice is a draft: review "
                + "and send it in Hoursmith."
        } else {
            message = "\(opening) with \(GuardWords.count(lines.count, "line item")), total \(invoice.amount) \(currency). "
                + "No time entries or expenses were marked invoiced. The invoice is a draft: review and send it in Hoursmith."
        }
        let billedJSON: JSONObject = [
            "from": from.map { .string($0.description) } ?? .null, "to": to.map { .string($0.description) } ?? .null,
            "time_entries": .int(billed.entries), "hours": JSON.decimal(hours), "expenses": .int(billed.expenses),
            "line_items": .int(lines.count), "total": JSON.decimal(invoice.amount), "currency": .string(currency),
        ]
        return ["message": .string(message), "billed": .object(billedJSON), "invoice": invoice.shown]
    }

    /// The invoice with its lines from `first` (1-based) on, as many as the budget holds; `note`
    /// says where to continue.
    private static func lines(of invoice: Invoice, from first: Int, _ call: ToolCall) -> JSONObject {
        var object = invoice.shownObject
        guard let all = object["line_items"]?.arrayValue else { return object }
        let start = min(max(0, first - 1), all.count)
        var room = call.budget.tokens - 1500 - JSON.object(object.removing(["line_items"])).serialized().count
        var shown: [JSON] = []
        for line in all[start...] {
            room -= line.serialized().count + 1
            guard room >= 0 else { break }
            shown.append(line)
        }
        object["line_items"] = .array(shown)
        if start > 0 || start + shown.count < all.count {
            object["line_items_shown"] = .string("\(start + 1)–\(start + shown.count) of \(all.count)")
            if start + shown.count < all.count {
                object["note"] = .string("The invoice has \(all.count) lines; these are \(start + 1)–\(start + shown.count). "
                    + "Call get_invoice with line_items_from: \(start + shown.count + 1) for the next ones.")
            }
        }
        return object
    }

}
