import HoursmithClient

/// The one place that turns a `HoursmithError` into the words a tool error shows.
///
/// The client's messages already say what happened and what to do (401: mint a new token; 402:
/// the plan, and that Studio or Agency is needed; network failures). This adds what only the MCP
/// side knows: the token's role and what that role may do (403), and which tool was refused.
/// A refusal by role without a request (``forbidden(action:role:)``) uses the same words as the
/// API's 403, so the person reads the same thing either way.
enum ErrorMessages {
    static func message(for error: HoursmithError, action: String, role: Role?) -> String {
        switch error.kind {
        case .forbidden:
            return forbidden(action: action, role: role)
        case .notFound:
            return error.object.map(notFound) ?? error.message
        default:
            guard error.outcomeIsUnknown, let check = howToCheck(error) else { return error.message }
            return error.message + " " + check
        }
    }

    /// Which tool shows whether a change whose outcome is unknown was made: the object's `get_`
    /// tool, or for a create, its collection's `list_` tool.
    static func howToCheck(_ error: HoursmithError) -> String? {
        if let object = error.object, object.collection != .users {
            let noun = singular(object.collection)
            return "To check, call get_\(noun) with \(noun)_id \(object.id)."
        }
        guard let collection = error.collection else { return nil }
        return "To check, look for it with list_\(collection.rawValue)."
    }

    /// A 403: the role, what it cannot do here, what it can do, and how to get this done.
    static func forbidden(action: String, role: Role?) -> String {
        guard let role else {
            return "Hoursmith refused to \(action) for this token (403): the token's role does not allow it. "
                + "A token acts with the role of the member who minted it; use one from a member whose role allows it, "
                + "or ask an Owner or Admin."
        }
        let name = roleName(role)
        return "Your Hoursmith role is \(name), and \(plural(role)) can't \(action). \(abilities(role)) "
            + "To do this, ask an Owner or Admin, or use a token minted by a member whose role allows it (Settings → API)."
    }

    /// What each role may do, in one sentence (the contract's roles).
    static func abilities(_ role: Role) -> String {
        switch role {
        case .member:
            "Members can log, change and delete their own time and read the projects they are assigned to (and those "
                + "projects' tasks); they can't see clients, users, expenses or invoices, or other people's time."
        case .manager:
            "Managers can read everything and create or update clients, projects, tasks and anyone's time entries "
                + "(archiving projects and tasks and deleting time entries included); they can't delete clients, "
                + "write expenses or create invoices."
        default:
            "Owners and Admins can do everything in the workspace."
        }
    }

    static func roleName(_ role: Role) -> String {
        role.rawValue.prefix(1).uppercased() + role.rawValue.dropFirst()
    }

    private static func plural(_ role: Role) -> String {
        roleName(role) + "s"
    }

    /// A project or task that is archived, as a refusal to log time on it says.
    static func archived(_ kind: DirectoryKind, name: String, id: Int) -> String {
        "\(name) (\(kind.rawValue) \(id)) is archived: restore it (update_\(kind.rawValue) with is_active: true) before adding or "
            + "changing time on it."
    }

    /// "Hoursmith has no client 99 that this token can see…", for a 404 about client 99.
    static func notFound(_ object: APIObject) -> String {
        "Hoursmith has no \(noun(object.collection)) \(object.id) that this token can see: it does not exist, or your role "
            + "may not see it (members see only their own time entries and the projects they are assigned to). "
            + "List them to find the right id."
    }

    /// One object of `collection`, as tool names spell it: "time_entry".
    private static func singular(_ collection: APICollection) -> String {
        noun(collection).split(separator: " ").joined(separator: "_")
    }

    /// One object of `collection`, in words: "time entry".
    private static func noun(_ collection: APICollection) -> String {
        switch collection {
        case .clients: "client"
        case .projects: "project"
        case .tasks: "task"
        case .users: "user"
        case .expenses: "expense"
        case .invoices: "invoice"
        case .timeEntries: "time entry"
        }
    }
}
