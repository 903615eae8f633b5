import JSONCore

/// `/clients` and `/clients/{id}`. Members: 403 on all of it.
enum ClientHandlers {
    private static func requireNotMember(_ call: Call) throws(APIError) {
        if call.caller.isMember { throw APIError.forbidden("Your role (member) may not see or change clients.") }
    }

    private static func find(_ store: Store, _ call: Call) throws(APIError) -> ClientRecord {
        guard let client = store.client(call.id, in: call.caller.workspaceID) else { throw APIError.notFound("client") }
        return client
    }

    /// By name (case-insensitively), then id.
    static func list(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try requireNotMember(call)
        var reader = QueryReader(call.query)
        let isActive = reader.bool("is_active")
        let page = reader.pageRequest()
        try reader.errors.check()
        let clients = store.clients.values
            .filter { $0.workspaceID == call.caller.workspaceID }
            .sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
        let window = page.window(clients) { isActive == nil || $0.isActive == isActive }
        let render = Render(store: store, now: call.now)
        return page.answer("clients", window, call: call, render: render.client)
    }

    static func get(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try requireNotMember(call)
        return .ok(Render(store: store, now: call.now).client(try find(store, call)))
    }

    static func create(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try requireNotMember(call)
        var body = BodyReader(call.body)
        let name = body.required("name", body.name("name"))
        let currency = body.notNull("currency", currencyField(&body))
        let address = body.string("address")
        let isActive = body.notNull("is_active", body.bool("is_active"))
        if let name, isTaken(name, in: store, workspace: call.caller.workspaceID, except: nil) {
            body.problem("name", "has already been taken")
        }
        try body.errors.check()
        let client = ClientRecord(
            id: store.nextClientID, workspaceID: call.caller.workspaceID, name: name ?? "",
            currency: currency ?? call.caller.workspace.currency, address: address.value, isActive: isActive ?? true,
            createdAt: call.now, updatedAt: call.now)
        store.nextClientID += 1
        store.clients[client.id] = client
        return .created(Render(store: store, now: call.now).client(client))
    }

    static func update(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try requireNotMember(call)
        var client = try find(store, call)
        var body = BodyReader(call.body)
        let name = body.notNull("name", body.name("name"))
        let currency = body.notNull("currency", currencyField(&body))
        let address = body.change(body.string("address"))
        let isActive = body.notNull("is_active", body.bool("is_active"))
        if let name, isTaken(name, in: store, workspace: call.caller.workspaceID, except: client.id) {
            body.problem("name", "has already been taken")
        }
        try body.errors.check()
        if let name { client.name = name }
        if let currency { client.currency = currency }
        if let address { client.address = address }
        if let isActive { client.isActive = isActive }
        client.updatedAt = call.now
        store.clients[client.id] = client
        return .ok(Render(store: store, now: call.now).client(client))
    }

    /// 422 `client_has_active_projects`, then 422 `client_has_invoices`; otherwise deletes the
    /// client with its (archived) projects, their tasks, time entries and expenses.
    static func delete(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try requireNotMember(call)
        try call.caller.requireAdmin("delete clients")
        let client = try find(store, call)
        let projects = store.projects.values.filter { $0.clientID == client.id }.sorted { $0.id < $1.id }
        let active = projects.filter(\.isActive)
        if !active.isEmpty {
            let names = active.map { "\($0.name) (\($0.id))" }.joined(separator: ", ")
            throw APIError(422, "client_has_active_projects",
                           "\(client.name) has active projects: \(names). Archive them before deleting the client.")
        }
        let invoices = store.invoices.values.filter { $0.clientID == client.id }.count
        if invoices > 0 {
            throw APIError(422, "client_has_invoices",
                           "\(client.name) has \(invoices) invoice\(invoices == 1 ? "" : "s") and cannot be deleted; deactivate it instead.")
        }
        let projectIDs = Set(projects.map(\.id))
        store.timeEntries.removeAll { projectIDs.contains($0.projectID) }
        store.runningEntryIDs = store.runningEntryIDs.filter { store.timeEntries[id: $0] != nil }
        store.expenses.removeAll { projectIDs.contains($0.projectID) }
        store.tasks = store.tasks.filter { !projectIDs.contains($0.value.projectID) }
        for id in projectIDs { store.projects[id] = nil }
        store.clients[client.id] = nil
        return .noContent
    }

    private static func currencyField(_ body: inout BodyReader) -> Field<String> {
        let field = body.string("currency")
        if let code = field.value, code.utf8.count != 3 || !code.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) {
            body.problem("currency", "must be a three-letter ISO 4217 code such as USD")
            return .invalid
        }
        return field
    }

    private static func isTaken(_ name: String, in store: Store, workspace: Int, except: Int?) -> Bool {
        let lowered = name.lowercased()
        return store.clients.values.contains {
            $0.workspaceID == workspace && $0.id != except && $0.name.lowercased() == lowered
        }
    }
}
