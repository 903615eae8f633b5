import JSONCore

/// Filters of `GET /users`.
package struct UserFilter: Sendable, Equatable {
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

extension HoursmithClient {
    /// `GET /me`: the token's user and workspace.
    package func me() async throws(HoursmithError) -> Me {
        try await fetch(.get("/me"), as: Me.self)
    }

    /// `GET /users` (owner, admin, manager).
    package func listUsers(_ filter: UserFilter = UserFilter(), page: Int? = nil, perPage: Int? = nil) async throws(HoursmithError) -> Page<User> {
        try await self.page(.users(filter), page: page, perPage: perPage)
    }

    /// `GET /users/{id}`.
    package func getUser(id: Int) async throws(HoursmithError) -> User {
        try await fetch(.get(.users, id: id), as: User.self)
    }
}

extension ListRequest where Item == User {
    /// `GET /users` with `filter`.
    package static func users(_ filter: UserFilter = UserFilter()) -> ListRequest {
        ListRequest("/users", filter.query)
    }
}
