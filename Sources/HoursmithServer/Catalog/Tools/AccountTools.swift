import HoursmithClient
import JSONCore
import MCPCore

/// Account: who the token belongs to (from the session's `/me`, no request), and the
/// workspace's users.
enum AccountTools {
    static let all: [CatalogTool] = [currentUser, listUsers]

    static let currentUser = CatalogTool(
        "get_current_user", in: .account, title: "Get the current user",
        description: "Who the token acts as (user, role), the workspace (plan, currency, timezone, week start) and "
            + "today's date there, which date words use. No request to Hoursmith.",
        input: .object([:]),
        output: .object([
            "user": Schemas.object, "workspace": Schemas.object, "today": .string(),
        ], required: ["user", "workspace", "today"], additionalProperties: true),
        annotations: .read, audience: .everyone, action: "see your own user"
    ) { call in
        whoAmI(call)
    }

    /// `{user, workspace, today}` from the session's `/me` (the `me` resource shows the same); led
    /// by `demo: true` and a note in the demo workspace, so that its data is not taken for real.
    static func whoAmI(_ call: ToolCall) -> JSON {
        var answer: JSONObject = [:]
        if call.demoRole != nil {
            answer["demo"] = true
            answer["note"] = .string(DemoWorkspace.note)
        }
        answer["user"] = call.me.user.shown
        answer["workspace"] = call.me.workspace.shown
        answer["today"] = .string(call.dates.today.description)
        return .object(answer)
    }

    static let listUsers = CatalogTool(
        "list_users", in: .account, title: "List users",
        description: "The workspace's people, by name: id, name, email, role (deactivated ones too unless is_active: "
            + "true). query matches name or email.",
        input: Lists.input([
            .init(name: "query", schema: Schemas.query),
            .init(name: "is_active", schema: .boolean("true: only active; false: only deactivated.")),
        ]),
        output: Lists.output("users"),
        annotations: .read, audience: .managersAndUp, action: "list the workspace's users"
    ) { call in
        let filter = UserFilter(isActive: call.optionalBool("is_active"))
        return try await call.list(.users(filter), view: .users, steer: "", matching: Lists.names("first_name", "last_name", "email"))
    }
}
