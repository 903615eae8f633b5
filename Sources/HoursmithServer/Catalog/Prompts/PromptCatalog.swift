import HoursmithClient
import JSONCore
import MCPCore

/// Every prompt of hoursmith-mcp, in the order they are listed: the workflows people repeat,
/// one click (or slash command) away. Each tells the model which tools to call — the cheap ones,
/// with their arguments written out — and how to present the answer; none writes or deletes on
/// its own.
enum PromptCatalog {
    static let all: [CatalogPrompt] = [
        TimePrompts.logTime, TimePrompts.weeklyReview, BillingPrompts.unbilled, BillingPrompts.projectHealth,
        TimePrompts.findDuplicates, TimesheetPrompts.fillMyWeek, TimesheetPrompts.teamTimesheetCheck,
    ]
}

/// Pieces of prompt text. Calls are written as the model makes them — the tool's name and its
/// arguments as JSON — so names (which other people wrote) arrive quoted and escaped.
enum PromptText {
    /// "Today is 2026-08-22 (Saturday) in the workspace's timezone, America/New_York; weeks start
    /// on Monday. I am Olivia Hart (owner, user 1)."
    static func situation(_ prompt: PromptCall) -> String {
        let workspace = prompt.me.workspace, user = prompt.me.user
        return "Today is \(day(prompt.dates.today)) in the workspace's timezone, \(workspace.timezone); weeks start on "
            + "\(weekday(workspace.weekStart)). I am \(user.name) (\(user.role), user \(user.id))."
    }

    /// `get_time_report {"from":"2026-08-01","group_by":"day"}`.
    static func call(_ tool: String, _ arguments: JSONObject) -> String {
        "\(tool) \(JSON.object(arguments).serializedString())"
    }

    /// A text as a JSON string: quoted, escaped, on one line.
    static func quoted(_ text: String) -> String {
        JSON.string(text).serializedString()
    }

    /// "2026-08-22 (Saturday)".
    static func day(_ date: LocalDate) -> String {
        "\(date) (\(weekday(date.weekday)))"
    }

    static func weekday(_ day: Weekday) -> String {
        day.rawValue.prefix(1).uppercased() + day.rawValue.dropFirst()
    }

    /// How a call names `entry`: by its name when that finds it alone (`"project": "Acme
    /// Website"`), else by id (`"project_id": 12`).
    static func reference(
        _ kind: DirectoryKind, _ entry: DirectoryEntry, _ call: ToolCall
    ) async throws -> (key: String, value: JSON) {
        let folded = NameMatch.fold(entry.name)
        let same = try await call.directory.entries(kind, using: call.reader)
            .filter { NameMatch.best([$0.name] + $0.aliases, foldedQuery: folded) == .exact }
        return same.count == 1 ? (kind.rawValue, .string(entry.name)) : (kind.idArgument, .int(entry.id))
    }
}
