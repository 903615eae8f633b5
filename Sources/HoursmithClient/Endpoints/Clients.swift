import JSONCore

/// Filters of `GET /clients`.
package struct ClientFilter: Sendable, Equatable {
    package var isActive: Bool?

    package init(isActive: Bool? = nil) {
        self.isActive = isActive
    }

    var query: QueryItems {
        var query = QueryItems()
        query.add("is_active", isActive)
        return query
    }
}

/// The body of `POST /clients`.
package struct ClientDraft: Sendable, Equatable {
    /// Unique in the workspace.
    package var name: String
    /// ISO 4217; the workspace's currency when nil.
    package var currency: String?
    package var address: String?
    package var isActive: Bool?

    package init(name: String, currency: String? = nil, address: String? = nil, isActive: Bool? = nil) {
        self.name = name
        self.currency = currency
        self.address = address
        self.isActive = isActive
    }

    package var json: JSONObject {
        var object: JSONObject = ["name": .string(name)]
        object.set("currency", currency.map(JSON.string))
        object.set("address", address.map(JSON.string))
        object.set("is_active", isActive.map(JSON.bool))
        return object
    }
}

/// The body of `PATCH /clients/{id}`: only what is set is sent.
package struct ClientChanges: Sendable, Equatable {
    package var name: String?
    package var currency: String?
    package var address: FieldUpdate<String>
    package var isActive: Bool?

    package init(name: String? = nil, currency: String? = nil, address: FieldUpdate<String> = .keep, isActive: Bool? = nil) {
        self.name = name
        self.currency = currency
        self.address = address
        self.isActive = isActive
    }

    package var json: JSONObject {
        var object = JSONObject()
        object.set("name", name.map(JSON.string))
        object.set("currency", currency.map(JSON.string))
        object.set("address", address, JSON.string)
        object.set("is_active", isActive.map(JSON.bool))
        return object
    }
}

extension HoursmithClient {
    /// `GET /clients`, by name.
    package func listClients(_ filter: ClientFilter = ClientFilter(), page: Int? = nil, perPage: Int? = nil) async throws(HoursmithError) -> Page<Client> {
        try await self.page(.clients(filter), page: page, perPage: perPage)
    }

    /// `GET /clients/{id}`.
    package func getClient(id: Int) async throws(HoursmithError) -> Client {
        try await fetch(.get(.clients, id: id), as: Client.self)
    }

    /// `POST /clients`.
    package func createClient(_ draft: ClientDraft) async throws(HoursmithError) -> Client {
        try await fetch(.create(.clients, draft.json), as: Client.self)
    }

    /// `PATCH /clients/{id}`.
    package func updateClient(id: Int, _ changes: ClientChanges) async throws(HoursmithError) -> Client {
        try await fetch(.update(.clients, id: id, changes.json), as: Client.self)
    }

    /// `DELETE /clients/{id}` (owner, admin). Refused with `clientHasActiveProjects` or
    /// `clientHasInvoices`; deletes the client's archived projects and everything on them.
    package func deleteClient(id: Int) async throws(HoursmithError) {
        _ = try await send(.delete(.clients, id: id))
    }
}

extension ListRequest where Item == Client {
    /// `GET /clients` with `filter`.
    package static func clients(_ filter: ClientFilter = ClientFilter()) -> ListRequest {
        ListRequest("/clients", filter.query)
    }
}
