import HoursmithClient
import JSONCore
import MCPCore

/// Clients: list, read, create, update, and delete (guarded as the API guards it).
enum ClientTools {
    static let all: [CatalogTool] = [list, get, create, update, delete]

    static let clientID = Schemas.id("The client's id.")
    static let clientName = Schemas.name(.client)

    static let list = CatalogTool(
        "list_clients", in: .clients, title: "List clients",
        description: "The workspace's clients, by name (query matches names).",
        input: Lists.input([
            .init(name: "query", schema: Schemas.query),
            .init(name: "is_active", schema: .boolean("true: only active; false: only inactive.")),
        ]),
        output: Lists.output("clients"),
        annotations: .read, audience: .managersAndUp, action: "see clients"
    ) { call in
        let filter = ClientFilter(isActive: call.optionalBool("is_active"))
        return try await call.list(.clients(filter), view: .clients, steer: "", matching: Lists.names("name"))
    }

    static let get = CatalogTool(
        "get_client", in: .clients, title: "Get a client",
        description: "One client, with its address.",
        input: .object(["client_id": clientID, "client": clientName]),
        output: Schemas.single("client"),
        annotations: .read, audience: .managersAndUp, action: "see clients"
    ) { call in
        ["client": try await call.client.getClient(id: try await call.requiredReference(.client)).shown]
    }

    static let create = CatalogTool(
        "create_client", in: .clients, title: "Create a client",
        description: "Creates a client (name unique in the workspace).",
        input: .object([
            "name": .string("Unique in the workspace.", minLength: 1, maxLength: 255),
            "currency": Schemas.currency("Default: the workspace's."),
            "address": .string("Postal address; lines separated by \\n.", maxLength: 5000),
        ], required: ["name"]),
        output: Schemas.single("client"),
        annotations: .create, audience: .managersAndUp, action: "create clients"
    ) { call in
        let draft = ClientDraft(name: try call.string("name"), currency: call.optionalString("currency"),
                                address: call.optionalString("address"))
        defer { call.directory.invalidate(.client) }
        return ["client": try await call.client.createClient(draft).shown]
    }

    static let update = CatalogTool(
        "update_client", in: .clients, title: "Update a client",
        description: "Changes a client; only the arguments given change (address: null clears it). is_active: false "
            + "retires a client that has invoices.",
        input: .object([
            "client_id": clientID,
            "client": clientName,
            "name": .string("A new name, unique in the workspace.", minLength: 1, maxLength: 255),
            "currency": Schemas.currency(nil),
            "address": JSONSchema.string("null clears it.", maxLength: 5000).nullable(),
            "is_active": .boolean("false hides the client; true restores it."),
        ]),
        output: Schemas.single("client"),
        annotations: .update, audience: .managersAndUp, action: "change clients"
    ) { call in
        let changes = ClientChanges(name: call.optionalString("name"), currency: call.optionalString("currency"),
                                    address: call.clearableString("address"), isActive: call.optionalBool("is_active"))
        let id = try await call.requiredReference(.client)
        defer { call.directory.invalidate(.client) }
        return ["client": try await call.client.updateClient(id: id, changes).shown]
    }

    static let delete = CatalogTool(
        "delete_client", in: .clients, title: "Delete a client",
        description: "Deletes a client with its archived projects and their time and expenses. Refused, saying why, "
            + "while it has active projects or any invoice. dry_run: true says what it would do.",
        input: .object(["client_id": clientID, "client": clientName, "dry_run": Schemas.dryRun]),
        output: GuardVerdict.outputSchema(done: "deleted"),
        annotations: .destructive, audience: .ownersAndAdmins, action: "delete clients"
    ) { call in
        let id = try await call.requiredReference(.client)
        let verdict = try await check(deleting: id, call)
        if call.bool("dry_run", default: false) { return verdict.json }
        if verdict.refuses { throw ToolError(verdict.reason) }
        do {
            try await call.client.deleteClient(id: id)
        } catch let error as HoursmithError where error.kind == .clientHasActiveProjects || error.kind == .clientHasInvoices {
            // Someone changed things since the check: say why in the check's words.
            let again = try await check(deleting: id, call)
            throw again.refuses ? ToolError(again.reason) : error
        }
        call.directory.invalidate(.client)
        call.directory.invalidate(.project)
        return verdict.performed("deleted", message: "Deleted. " + verdict.reason)
    }

    /// What the API would say to `DELETE /clients/{id}`, found out with reads only.
    static func check(deleting id: Int, _ call: ToolCall) async throws(HoursmithError) -> GuardVerdict {
        let api = call.client
        let client = try await api.getClient(id: id)
        let target: JSON = ["id": .int(client.id), "name": .string(client.name)]
        let active = try await api.collectAll(limit: 1000) { (page, perPage) throws(HoursmithError) in
            try await api.listProjects(ProjectFilter(clientID: id, isActive: true), page: page, perPage: perPage)
        }
        if !active.items.isEmpty {
            return GuardVerdict(
                action: .refuse, reason: GuardWords.clientHasActiveProjects(client, projects: active.items), target: target,
                alsoAffected: ["active_projects": .array(active.items.map { ["id": .int($0.id), "name": .string($0.name)] })])
        }
        let invoices = try await api.listInvoices(InvoiceFilter(clientID: id), page: 1, perPage: 1).totalEntries
        if invoices > 0 {
            return GuardVerdict(action: .refuse, reason: GuardWords.clientHasInvoices(client, invoices: invoices),
                                target: target, alsoAffected: ["invoices": .int(invoices)])
        }
        let archived = try await api.collectAll(limit: 1000) { (page, perPage) throws(HoursmithError) in
            try await api.listProjects(ProjectFilter(clientID: id, isActive: false), page: page, perPage: perPage)
        }
        let entries = try await api.listTimeEntries(TimeEntryFilter(clientID: id), page: 1, perPage: 1).totalEntries
        let expenses = try await api.listExpenses(ExpenseFilter(clientID: id), page: 1, perPage: 1).totalEntries
        let projectNames = archived.items.map(\.name).joined(separator: ", ")
        let reason = archived.items.isEmpty
            ? "\(client.name) has no projects and no invoices, so deleting it removes only the client."
            : "\(client.name) has no active projects and no invoices. Deleting it also deletes its "
                + "\(GuardWords.count(archived.items.count, "archived project")) (\(projectNames)) with "
                + (archived.items.count == 1 ? "its " : "their ")
                + "\(GuardWords.count(entries, "time entry", plural: "time entries")) and "
                + "\(GuardWords.count(expenses, "expense")). This can't be undone."
        return GuardVerdict(action: .delete, reason: reason, target: target, alsoAffected: [
            "archived_projects": .array(archived.items.map { ["id": .int($0.id), "name": .string($0.name)] }),
            "time_entries": .int(entries), "expenses": .int(expenses),
        ])
    }
}
