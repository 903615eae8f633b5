import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// The resources a person can attach as context: who they are (`hoursmith://me`), their running
/// timer (`hoursmith://timer`), a project with its budget use (`hoursmith://projects/{project_id}`)
/// and a client with its active projects and what is not yet billed
/// (`hoursmith://clients/{client_id}`). Each shows what the tool of the same facts shows
/// (get_current_user, get_running_timer, the concise projections, create_invoice's dry run).
enum Resources {
    static let resources: [CatalogResource] = [me, timer]
    static let templates: [CatalogTemplate] = [project, client]

    static let me = CatalogResource(
        uri: "hoursmith://me", name: "me", title: "You in Hoursmith",
        description: "Your user and role, the workspace (plan, currency, timezone, week start) and today's date there.",
        audience: .everyone, action: "see your own user", timeToLive: 60_000
    ) { call in
        AccountTools.whoAmI(call)
    }

    static let timer = CatalogResource(
        uri: "hoursmith://timer", name: "timer", title: "Your running timer",
        description: "The timer running now for you, with its hours so far; time_entry is null when none runs.",
        audience: .everyone, action: "see your own timer", timeToLive: 0
    ) { call in
        try await TimeTools.running(of: call.me.user.id, call)
    }

    static let project = CatalogTemplate(
        uriTemplate: URITemplate("hoursmith://projects/{project_id}"), name: "project", title: "A project and its budget",
        description: "A project (client, rate, budget) with the hours logged against budget_hours, hours left and percent "
            + "used, to today. Members: their own hours only.",
        audience: .everyone, action: "see projects", timeToLive: 60_000,
        complete: { request, call in try await Completions.ids(.project, request.value, call) }
    ) { variables, call in
        try await projectWithBudget(try id(variables["project_id"], of: .project), call)
    }

    static let client = CatalogTemplate(
        uriTemplate: URITemplate("hoursmith://clients/{client_id}"), name: "client", title: "A client and its unbilled work",
        description: "A client with its active projects and what is not yet billed: the hours, expenses and amounts a draft "
            + "invoice would carry today (create_invoice's dry run), by line.",
        audience: .managersAndUp, action: "see clients", timeToLive: 60_000,
        complete: { request, call in try await Completions.ids(.client, request.value, call) }
    ) { variables, call in
        try await clientWithUnbilled(try id(variables["client_id"], of: .client), call)
    }

    /// The id a URI gives; one that is not a positive integer names nothing.
    private static func id(_ text: String?, of kind: DirectoryKind) throws -> Int {
        guard let text, let id = Int(text), id > 0 else {
            throw Refusal("\"\((text ?? "").prefix(40))\" is not a \(kind.rawValue) id: use a number, "
                + "e.g. hoursmith://\(kind.plural)/1 (completion finds ids by name).")
        }
        return id
    }

    /// `{project, references, budget}`: the concise project and its budget use, from one
    /// `GET /projects/{id}` and one time report.
    static func projectWithBudget(_ id: Int, _ call: ToolCall) async throws -> JSON {
        let project = try await call.client.getProject(id: id)
        var references = References()
        let item = ListView.projects.item(.object(project.json), .concise, references: &references).item
        let today = call.dates.today
        let report = try await call.client.timeReport(
            TimeReportQuery(from: call.dates.beginning, to: today, groupBy: .project, projectID: id))
        let row = report.results.first { $0.id == id }
        let logged = row?.totalHours ?? 0
        var budget: JSONObject = ["budget_hours": project.budgetHours.map(JSON.decimal) ?? .null, "hours_logged": .decimal(logged)]
        if let limit = project.budgetHours, limit > 0 {
            budget["hours_left"] = .decimal(limit - logged)
            budget["used_percent"] = .decimal(rounded(logged * 100 / limit, places: 1))
        } else {
            budget["note"] = "No budget is set: budget_hours is null."
        }
        budget["billable_hours"] = .decimal(row?.billableHours ?? 0)
        budget["billable_amount"] = .decimal(row?.billableAmount ?? 0)
        budget["currency"] = .string(report.currency)
        budget["through"] = .string(today.description)
        if call.me.user.role == .member {
            budget["scope"] = "Only your own time: a member's report covers only the member's own entries."
        }
        var object: JSONObject = ["project": item]
        if !references.isEmpty { object["references"] = references.json }
        object["budget"] = .object(budget)
        return .object(object)
    }

    /// `{client, active_projects, unbilled}`: the concise client, its active projects (concise,
    /// without the client), and what an invoice of everything not yet billed would carry today.
    static func clientWithUnbilled(_ id: Int, _ call: ToolCall) async throws -> JSON {
        let api = call.client
        let client = try await api.getClient(id: id)
        var references = References()
        let item = ListView.clients.item(.object(client.json), .concise, references: &references).item
        let projects = try await api.collectAll(limit: Lists.maxLimit) { (page, perPage) throws(HoursmithError) in
            try await api.listProjects(ProjectFilter(clientID: id, isActive: true), page: page, perPage: perPage)
        }
        let active: [JSON] = projects.items.map { project in
            let concise = ListView.projects.item(.object(project.json), .concise, references: &references).item
            return .object((concise.objectValue ?? [:]).removing(["client"]))
        }
        let preview = try await InvoicePreview.make(
            clientID: id, .importing(from: call.dates.beginning, to: call.dates.today, projectIDs: nil), call)
        var unbilled = preview.billed
        unbilled["lines"] = .array(preview.lineItems)
        unbilled["note"] = .string(preview.lines.isEmpty
            ? "Nothing to bill: no billable, uninvoiced, stopped time or expenses up to today."
            : "What create_invoice with this client, from \(call.dates.beginning) to \(call.dates.today) would bill now "
                + "(dry_run: true shows the same). Running timers are not billed.")
        return ["client": item, "active_projects": .array(active), "unbilled": .object(unbilled)]
    }

    /// `value` to `places` decimals, half away from zero.
    private static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var value = value, result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }
}
