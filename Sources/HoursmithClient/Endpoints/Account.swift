import JSONCore

/// Filters of `GET /users`.
public struct UserFilter: Sendable, Equatable {
    public var isActive: Bool?

    public init(isActive: Bool? = nil) {
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
    public func me() async throws(HoursmithError) -> Me {
        try await fetch(.get("/me"), as: Me.self)
    }

    /// `GET /users` (owner, admin, manager).
    public func listUsers(_ filter: UserFilter = UserFilter(), page: Int? = nil, perPage: Int? = nil) async throws(HoursmithError) -> Page<User> {
        try await self.page(.users(filter), page: page, perPage: perPage)
    }

    /// `GET /users/{id}`.
    public func getUser(id: Int) async throws(HoursmithError) -> User {
        try await fetch(.get(.users, id: id), as: User.self)
    }
}

extension ListRequest where Item == User {
    /// `GET /users` with `filter`.
    public static func users(_ filter: UserFilter = UserFilter()) -> ListRequest {
        ListRequest("/users", filter.query)
    }
}
