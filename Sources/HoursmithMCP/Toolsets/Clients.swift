import HoursmithClient
import JSONCore
import MCPCore

/// Clients: list, read, create, update, and delete (guarded as the API guards it).
enum ClientTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        [list(environment), get(environment), create(environment), update(environment), delete(environment)]
    }

    static let clientID = Schemas.id("The client's id (list_clients finds it by name).")

    static func list(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "list_clients", in: .clients, title: "List clients",
            description: "Lists the workspace's clients, by name. Use it to find a client's id before other client, "
                + "project or invoice tools. Returns {clients: [{id, name, currency, address, is_active}], page, per_page, "
                + "total_entries, next_page, truncated}.",
            input: Lists.input([.init(name: "is_active", schema: .boolean("true: only active clients; false: only inactive ones."))]),
            output: Lists.output("clients"),
            annotations: .read, audience: .managersAndUp, action: "see clients"
        ) { call in
            let filter = ClientFilter(isActive: call.optionalBool("is_active"))
            return try await call.list(.clients(filter), view: .clients, steer: "")
        }
    }

    static func get(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "get_client", in: .clients, title: "Get a client",
            description: "Gets one client by id: {client: {id, name, currency, address, is_active, created_at, updated_at}}.",
            input: .object(["client_id": clientID], required: ["client_id"]),
            output: Schemas.single("client", Schemas.client),
            annotations: .read, audience: .managersAndUp, action: "see clients"
        ) { call in
            ["client": try await call.client.getClient(id: try call.int("client_id")).shown]
        }
    }

    static func create(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "create_client", in: .clients, title: "Create a client",
            description: "Creates a client. The name must be unique in the workspace. Returns {client: {...}} with its new id.",
            input: .object([
                "name": .string("The client's name, unique in the workspace.", minLength: 1, maxLength: 200),
                "currency": .string("ISO 4217 code, e.g. USD or EUR. Default: the workspace's currency.",
                                    pattern: "^[A-Z]{3}$", patternHint: "a three-letter currency code such as USD"),
                "address": .string("Postal address, free text, lines separated by \\n."),
            ], required: ["name"]),
            output: Schemas.single("client", Schemas.client),
            annotations: .create, audience: .managersAndUp, action: "create clients"
        ) { call in
            let draft = ClientDraft(name: try call.string("name"), currency: call.optionalString("currency"),
                                    address: call.optionalString("address"))
            return ["client": try await call.client.createClient(draft).shown]
        }
    }

    static func update(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "update_client", in: .clients, title: "Update a client",
            description: "Changes a client's name, currency, address or active state; only the arguments given change. "
                + "address: null clears it. is_active: false hides the client (the way to retire a client that has "
                + "invoices). Returns {client: {...}} as it is now.",
            input: .object([
                "client_id": clientID,
                "name": .string("A new name, unique in the workspace.", minLength: 1, maxLength: 200),
                "currency": .string("ISO 4217 code, e.g. USD.", pattern: "^[A-Z]{3}$", patternHint: "a three-letter currency code such as USD"),
                "address": JSONSchema.string("A new postal address; null clears it.").nullable(),
                "is_active": .boolean("false hides the client; true restores it."),
            ], required: ["client_id"]),
            output: Schemas.single("client", Schemas.client),
            annotations: .update, audience: .managersAndUp, action: "change clients"
        ) { call in
            let changes = ClientChanges(name: call.optionalString("name"), currency: call.optionalString("currency"),
                                        address: call.clearableString("address"), isActive: call.optionalBool("is_active"))
            return ["client": try await call.client.updateClient(id: try call.int("client_id"), changes).shown]
        }
    }

    static func delete(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "delete_client", in: .clients, title: "Delete a client",
            description: "Deletes a client, with its archived projects and their tasks, time entries and expenses. "
                + "Refused, with the reason, when the client has active projects (archive them first) or any invoice "
                + "(use update_client with is_active: false instead). dry_run: true reports what would happen without "
                + "deleting. Returns {deleted: true, target, also_affected, message}, or with dry_run "
                + "{would: delete|refuse, reason, target, also_affected}.",
            input: .object(["client_id": clientID, "dry_run": Schemas.dryRun("deleting")], required: ["client_id"]),
            output: GuardVerdict.outputSchema(done: "deleted"),
            annotations: .destructive, audience: .ownersAndAdmins, action: "delete clients"
        ) { call in
            let id = try call.int("client_id")
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
            return verdict.performed("deleted", message: "Deleted. " + verdict.reason)
        }
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
