import HoursmithClient
import JSONCore
import MCPCore

/// Account: who the token belongs to (from the session's `/me`, no request), and the
/// workspace's users.
enum AccountTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        [currentUser(environment), listUsers(environment)]
    }

    static func currentUser(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "get_current_user", in: .account, title: "Get the current user",
            description: "Tells who this token acts as and in which workspace: {user: {id, first_name, last_name, email, "
                + "role, is_active, weekly_capacity_hours, ...}, workspace: {id, name, plan, currency, timezone, week_start}, "
                + "today}. Use it to learn your own user id, your role (owner, admin, manager or member decides what you may "
                + "do), the currency of money amounts, and today's date in the workspace's timezone, which the date words "
                + "(today, yesterday, this_week...) of the other tools use. Answered from what the server already knows: "
                + "no request to Hoursmith.",
            input: .object([:]),
            output: .object([
                "user": Schemas.user,
                "workspace": Schemas.workspace,
                "today": .string("Today's date (YYYY-MM-DD) in the workspace's timezone."),
            ], required: ["user", "workspace", "today"], additionalProperties: true),
            annotations: .read, audience: .everyone, action: "see your own user"
        ) { call in
            [
                "user": call.me.user.shown,
                "workspace": call.me.workspace.shown,
                "today": .string(call.dates.today.description),
            ]
        }
    }

    static func listUsers(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "list_users", in: .account, title: "List users",
            description: "Lists the workspace's people, by first name then last name, with their role and weekly "
                + "capacity in hours. Use it to find a user's id for user_id filters (time entries, expenses, reports) "
                + "or for logging time for someone else. Deactivated members are included unless is_active: true. "
                + "Returns {users: [{id, first_name, last_name, email, role, is_active, weekly_capacity_hours}], page, "
                + "per_page, total_entries, next_page, truncated}.",
            input: Lists.input([
                .init(name: "is_active", schema: .boolean("true: only active users; false: only deactivated ones.")),
            ]),
            output: Lists.output("users"),
            annotations: .read, audience: .managersAndUp, action: "list the workspace's users"
        ) { call in
            let filter = UserFilter(isActive: call.optionalBool("is_active"))
            return try await call.list(.users(filter), view: .users, steer: "")
        }
    }
}
