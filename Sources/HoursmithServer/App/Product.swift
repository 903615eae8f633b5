import CHoursmithMCP
import MCPCore

/// Who this server is, and the short guide it gives the model.
enum Product {
    static let name = "hoursmith-mcp"
    static let title = "Hoursmith"
    /// The version: the one `scripts/release` built in from the git tag, else the package's own.
    static let version = hoursmith_release_version().map { String(cString: $0) } ?? packageVersion
    /// The package's version, for any build `scripts/release` did not give one (its fallback).
    static let packageVersion = "0.1.0"

    static let instructions = """
        Hoursmith is a time-tracking and invoicing service. These tools act in the user's Hoursmith workspace \
        through its REST API, with exactly the powers of the role (owner, admin, manager or member) of the member \
        whose API token is configured; the tool list already leaves out what the role can never do.
        Dates are YYYY-MM-DD; wherever a date is taken, today, yesterday and tomorrow work too, and lists and \
        reports take a period (today, yesterday, this_week, last_week, this_month, last_month, this_year) instead \
        of from/to. All of them are resolved in the workspace's timezone and week start (get_current_user shows \
        them). Hours and money are numbers; money is in the workspace's currency.
        Tools take names where they take ids (client, project, task, user; a task within its project); a name \
        that matches several things is refused with the candidates and their ids. Lists are concise (names, \
        ids in references; detail: full for whole objects) and cut to a result budget, saying so; for totals \
        of any filter (what is unbilled, hours per week) use get_time_report, not a list. create_invoice \
        dry_run: true previews the lines and total. find_missing_time finds short days (yours, or with team: true \
        everyone's); create_time_entries logs many entries at once, or copies a week (copy): call it with \
        dry_run: true first and show the table before logging.
        delete_client, archive_project, archive_task, delete_time_entry and delete_expense refuse what the API \
        would refuse (a client with active projects or invoices, invoiced time or expenses) and say why; pass \
        dry_run: true to see what one would do first. Confirm with the person before deleting anything.
        A tool error explains what went wrong and what to do; errors about the token or the plan need the person \
        to act in Hoursmith's settings.
        """

    /// The guide, led in demo mode by what the workspace is, so that nothing in it is taken for real.
    static func instructions(demo: DemoRole?) -> String {
        guard let demo else { return instructions }
        return """
            DEMO: this server runs the Hoursmith demo workspace (Northwind Studio, made-up data, in memory, fresh at each \
            start), not a real account; the token is a demo \(demo.rawValue)'s. Nothing reaches Hoursmith. Say so when \
            showing its data.

            """ + instructions
    }

    static func serverConfiguration(callTimeout: Duration, demo: DemoRole? = nil) -> ServerConfiguration {
        var configuration = ServerConfiguration(name: name, title: title, version: version, instructions: instructions(demo: demo))
        configuration.callTimeout = callTimeout
        return configuration
    }
}
