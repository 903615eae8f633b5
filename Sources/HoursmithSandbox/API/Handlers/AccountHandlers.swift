import JSONCore

/// `GET /me`, `GET /users`, `GET /users/{id}`.
enum AccountHandlers {
    static func me(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        let render = Render(store: store, now: call.now)
        return .ok(["user": render.user(call.caller.user), "workspace": render.workspace(call.caller.workspace)])
    }

    /// Owner, admin, manager: the workspace's users by first name, then last name.
    static func list(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try call.caller.requireManager("list the workspace's users")
        var reader = QueryReader(call.query)
        let isActive = reader.bool("is_active")
        let page = reader.pageRequest()
        try reader.errors.check()
        let users = store.users.values
            .filter { $0.workspaceID == call.caller.workspaceID && !$0.isRemoved }
            .sorted { ($0.firstName, $0.lastName, $0.id) < ($1.firstName, $1.lastName, $1.id) }
        let window = page.window(users) { isActive == nil || $0.isActive == isActive }
        let render = Render(store: store, now: call.now)
        return page.answer("users", window, call: call, render: render.user)
    }

    /// Anyone in the workspace for owners, admins and managers; a member only themselves (403
    /// for anyone else, whether or not that user exists).
    static func get(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        if call.caller.isMember && call.id != call.caller.userID {
            throw APIError.forbidden("Your role (member) may only look up your own user.")
        }
        guard let user = store.user(call.id, in: call.caller.workspaceID) else { throw APIError.notFound("user") }
        return .ok(Render(store: store, now: call.now).user(user))
    }
}
