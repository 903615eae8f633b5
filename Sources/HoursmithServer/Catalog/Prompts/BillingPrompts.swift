import HoursmithClient
import JSONCore
import MCPCore

/// Prompts about money and budgets: what is ready to bill, and how a project's budget holds up.
enum BillingPrompts {
    // MARK: unbilled

    static let unbilled = CatalogPrompt(
        name: "unbilled", title: "Unbilled work",
        description: "Billable time and expenses not yet invoiced, per client, with what a draft invoice would carry. "
            + "Creates nothing.",
        arguments: [
            PromptArgument(name: "client", title: "Client", description: "Only this client (default: every client)."),
        ],
        needs: ["get_time_report", "list_expenses"], audience: .everyone, action: "see unbilled time and expenses",
        complete: { request, call in try await Completions.names(.client, request.value, call) },
        messages: unbilledMessages)

    private static func unbilledMessages(_ prompt: PromptCall) async throws -> PromptResult {
        let today = prompt.dates.today, beginning = prompt.dates.beginning
        var clientArgument: JSONObject = [:]
        let client = try await prompt.resolve(.client, "client")
        if let client {
            let reference = try await PromptText.reference(.client, client, prompt.call)
            clientArgument[reference.key] = reference.value
        }
        var dryRun = clientArgument.isEmpty ? ["client": "<name>"] : clientArgument
        dryRun.merge(["from": .string(beginning.description), "to": .string(today.description), "dry_run": true])
        let canPreview = prompt.offers("create_invoice")
        var steps: [String] = []
        if client == nil || !canPreview {
            var report: JSONObject = ["billable": true, "is_invoiced": false, "is_running": false, "to": .string(today.description)]
            report.merge(clientArgument)
            report["group_by"] = "client"
            var expenses: JSONObject = ["is_invoiced": false, "to": .string(today.description)]
            expenses.merge(clientArgument)
            expenses["all"] = true
            steps.append("\(PromptText.call("get_time_report", report)) — unbilled hours and their amount (hours × rate) "
                + "per client.")
            steps.append("\(PromptText.call("list_expenses", expenses)) — expenses not yet invoiced; only billable ones are billed.")
        }
        if canPreview {
            let which = client == nil ? "For each client with unbilled time or expenses: " : ""
            steps.append("\(which)\(PromptText.call("create_invoice", dryRun)) — the lines and the total a draft invoice of "
                + "everything not yet billed would carry; dry_run changes nothing.")
        }
        let numbered = steps.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
        let amounts = canPreview
            ? "the invoice total from the dry run"
            : "the report's billable_amount plus the billable expenses (this token or server can't preview an invoice)"
        let scope = client.map { "for the client \(PromptText.quoted($0.name))" } ?? "per client"
        let text = """
            Find what is ready to bill in Hoursmith: billable time and expenses not yet invoiced, \(scope), up to \
            today.
            \(PromptText.situation(prompt)) Amounts are in each client's currency \
            (the workspace's is \(prompt.me.workspace.currency)).

            Make these calls (they change nothing):
            \(numbered)

            Then show one table — client, unbilled hours, expenses, amount to bill (\(amounts)), currency — and, per \
            client, the lines when there are only a few. Say which clients are ready to bill.
            Create no invoice: creating one marks the time and expenses invoiced for \
            good.\(canPreview ? " Only if I then ask, call create_invoice with the same arguments without dry_run." : "")
            """
        let described = "Unbilled work \(client.map { "for \($0.name)" } ?? "per client"), to \(today)"
        return PromptResult(description: described, messages: [.user(text)])
    }

    // MARK: project_health

    static let projectHealth = CatalogPrompt(
        name: "project_health", title: "Project health",
        description: "A project's hours against its budget, the burn rate over the last four weeks, and the date the "
            + "budget runs out at that rate.",
        arguments: [
            PromptArgument(name: "project", title: "Project", description: "The project, by name or code.", isRequired: true),
        ],
        // A member's reports cover only the member's own time: a budget can't be judged from them.
        needs: ["get_project", "get_time_report"], audience: .managersAndUp, action: "review a project's budget",
        complete: { request, call in try await Completions.names(.project, request.value, call) },
        messages: projectHealthMessages)

    private static func projectHealthMessages(_ prompt: PromptCall) async throws -> PromptResult {
        guard let project = try await prompt.resolve(.project, "project") else {
            throw JSONRPCError.invalidParams("the prompt project_health needs the argument \"project\"")
        }
        let today = prompt.dates.today
        let reference = try await PromptText.reference(.project, project, prompt.call)
        let thisWeek = today.startOfWeek(startingOn: prompt.me.workspace.weekStart)
        let (from, to) = (thisWeek.adding(days: -28), thisWeek.adding(days: -1))
        let client = project.parent.map { " (client \(PromptText.quoted($0.name)))" } ?? ""
        let named: JSONObject = [reference.key: reference.value]
        var toDate = named, lastWeeks = named
        toDate.merge(["from": .string(prompt.dates.beginning.description), "to": .string(today.description)])
        lastWeeks.merge(["from": .string(from.description), "to": .string(to.description), "group_by": "week"])
        let text = """
            Check the health of the project \(PromptText.quoted(project.name))\(client) in Hoursmith: hours logged \
            against its budget, the burn rate over the last four weeks, and when the budget runs out at that rate.
            \(PromptText.situation(prompt))

            Make these calls (reads only):
            1. \(PromptText.call("get_project", named)) — budget_hours \
            (hours; null: no budget), starts_on, ends_on.
            2. \
            \(PromptText.call("get_time_report", toDate)) \
            — every hour logged on it to date (total_hours).
            3. \
            \(PromptText.call("get_time_report", lastWeeks)) \
            — the last four whole weeks, week by week.

            Then show, briefly:
            - Hours logged, budget_hours, hours left and percent used.
            - The burn rate: the four weeks' hours (a small table) and their average per week.
            - When the budget runs out at that rate: today plus hours left ÷ the weekly average, as a date. If it is \
            used up already, say by how much; if the average is 0, say it won't run out at this rate; with no budget, \
            give the burn rate only. Compare with ends_on when it is set.
            End with one line: on track, at risk or over budget, and why.
            """
        return PromptResult(description: "Health of \(project.name)", messages: [.user(text)])
    }
}
