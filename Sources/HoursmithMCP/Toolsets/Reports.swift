import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// Reports: hours and billable amounts over a period, grouped.
enum ReportTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        [timeReport(environment)]
    }

    static let row = Schemas.record([
        "id": .integer("The client's, project's, task's or user's id."),
        "name": .string("The group's name."),
        "total_hours": .number("Every hour logged, running timers included (hours so far)."),
        "billable_hours": .number("Hours on billable time."),
        "billable_amount": .number("Billable hours times their hourly rate, in the report's currency."),
    ])

    static let totals = Schemas.record([
        "total_hours": .number("Every row's total_hours, added up."),
        "billable_hours": .number("Every row's billable_hours, added up."),
        "billable_amount": .number("Every row's billable_amount, added up."),
    ], description: "The sum of every row.")

    static let report = Schemas.record([
        "from": .string("First day counted."), "to": .string("Last day counted."),
        "group_by": .string("What each row totals.", enum: TimeReportGrouping.allCases.map(\.rawValue)),
        "currency": .string("The workspace's currency (ISO 4217), for billable_amount."),
        "results": .array(of: row, "One row per group, by name."),
        "totals": totals,
    ])

    /// What a member may not do here: the only 403 a time report can get.
    static let action = "report on other people's time"

    static func timeReport(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "get_time_report", in: .reports, title: "Time report",
            description: "Totals hours and billable amounts over a period, one row per client, project, task or user "
                + "(group_by), optionally only for one client, project or user. Give a period (e.g. this_week, "
                + "last_month) or both from and to (YYYY-MM-DD or today/yesterday/tomorrow), in the workspace's timezone. "
                + "Use it instead of adding up list_time_entries. Members get their own time only. Reports have their own, "
                + "tighter rate limit (100 per 15 minutes per token): ask for what you need in one report rather than "
                + "many small ones. Returns {report: {from, to, group_by, currency, results: [{id, name, total_hours, "
                + "billable_hours, billable_amount}], totals}}.",
            input: .object([
                "group_by": .string("What each row totals: client, project, task or user.",
                                    enum: TimeReportGrouping.allCases.map(\.rawValue)),
                "period": Schemas.period,
                "from": Schemas.from,
                "to": Schemas.to,
                "client_id": Schemas.id("Only time on this client's projects."),
                "project_id": Schemas.id("Only time on this project."),
                "user_id": Schemas.id("Only this user's time (members: only their own)."),
            ], required: ["group_by"]),
            output: Schemas.single("report", report),
            annotations: .read, audience: .everyone, action: action
        ) { call in
            let (from, to) = try call.requiredRange()
            let userID = call.optionalInt("user_id")
            if call.me.user.role == .member, let userID, userID != call.me.user.id {
                // Refused as the API would, without spending a report from the tight allowance.
                throw ToolError(ErrorMessages.forbidden(action: action, role: .member))
            }
            let groupBy = try call.string("group_by")
            guard let grouping = TimeReportGrouping(rawValue: groupBy) else {
                throw ToolError("Argument `group_by` must be one of client, project, task, user.")
            }
            let query = TimeReportQuery(from: from, to: to, groupBy: grouping, clientID: call.optionalInt("client_id"),
                                        projectID: call.optionalInt("project_id"), userID: userID)
            let report = try await call.client.timeReport(query)
            var json = report.shownObject
            json["totals"] = [
                "total_hours": JSON.decimal(report.results.reduce(Decimal(0)) { $0 + $1.totalHours }),
                "billable_hours": JSON.decimal(report.results.reduce(Decimal(0)) { $0 + $1.billableHours }),
                "billable_amount": JSON.decimal(report.results.reduce(Decimal(0)) { $0 + $1.billableAmount }),
            ]
            return ["report": .object(json)]
        }
    }

}
