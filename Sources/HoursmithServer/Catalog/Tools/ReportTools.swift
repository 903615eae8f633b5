import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// Reports: hours and billable amounts over any filter `list_time_entries` takes, grouped by
/// client, project, task, user, day, week or month — from the API's report when it can answer
/// (one request), otherwise totalled from the matching entries.
enum ReportTools {
    static let all: [CatalogTool] = [timeReport]

    /// What a member may not do here: the only 403 a time report can get.
    static let action = "report on other people's time"

    static let timeReport = CatalogTool(
        "get_time_report", in: .reports, title: "Time report",
        description: "Totals hours, billable hours, billable amount and entries per group and in all, over any "
            + "filter list_time_entries takes (e.g. client + is_invoiced: false is what is unbilled). Members: their "
            + "own time. The cheap way to answer any how-much question. (API reports: 100 per 15 min.)",
        input: .object([
            .init(name: "group_by", schema: .string("Default project.", enum: TotalsGrouping.allCases.map(\.rawValue))),
        ] + TimeTools.filters),
        output: Schemas.single("report"),
        annotations: .read, audience: .everyone, action: action
    ) { call in
        let grouping = TotalsGrouping(rawValue: call.optionalString("group_by") ?? "project") ?? .project
        let filter = try await TimeTools.timeFilter(call)
        try call.requireOwnTime(of: filter.userID, action: action)
        var report: JSONObject
        if let apiGrouping = grouping.api, let from = filter.from, let to = filter.to, filter.taskID == nil,
           filter.isRunning == nil, filter.isInvoiced == nil, filter.billable == nil {
            report = try await fromAPI(TimeReportQuery(
                from: from, to: to, groupBy: apiGrouping, clientID: filter.clientID, projectID: filter.projectID,
                userID: filter.userID), call)
        } else {
            report = try await walking(filter, grouping, call)
        }
        if call.me.user.role == .member {
            report["scope"] = "Only your own time: a member's report covers only the member's own entries."
        }
        return ["report": .object(report)]
    }

    /// One `/reports/time` request, with totals over its rows.
    private static func fromAPI(_ query: TimeReportQuery, _ call: ToolCall) async throws -> JSONObject {
        let report = try await call.client.timeReport(query)
        var json = report.shownObject
        json["computed"] = "by Hoursmith's time report (one request)"
        json["totals"] = [
            "total_hours": .decimal(report.results.reduce(Decimal(0)) { $0 + $1.totalHours }),
            "billable_hours": .decimal(report.results.reduce(Decimal(0)) { $0 + $1.billableHours }),
            "billable_amount": .decimal(report.results.reduce(Decimal(0)) { $0 + $1.billableAmount }),
        ]
        return json
    }

    /// Every matching entry, read page by page (paced, ``ToolCall/walkTimeEntries(_:narrower:read:)``),
    /// each page totalled with the rate rule as it arrives, the pages' totals then added up. The
    /// rates are read while the first page is on its way, not before it: one round trip to the API less.
    private static func walking(_ filter: TimeEntryFilter, _ grouping: TotalsGrouping, _ call: ToolCall) async throws -> JSONObject {
        let rates = Task { try await Rates.current(call) }
        defer { rates.cancel() }
        let weekStart = call.me.workspace.weekStart
        let pages = try await call.walkTimeEntries(filter, narrower: "Narrow the dates (from/to or period) or add a filter.") { wire in
            // (A wait on a task's value ignores the waiter's cancellation: pass it on.)
            let current = try await withTaskCancellationHandler { try await rates.value } onCancel: { rates.cancel() }
            return try GroupedTotals(page: wire, by: grouping, weekStart: weekStart, rates: current)
        }
        var grouped = GroupedTotals()
        for page in pages { grouped.merge(page) }
        return [
            "from": .string(orNull: filter.from?.description), "to": .string(orNull: filter.to?.description),
            "group_by": .string(grouping.rawValue), "currency": .string(call.me.workspace.currency),
            "computed": .string("from the \(grouped.all.entries) matching time entries (billable amount: hours times the "
                + "task's rate, else the project's, else 0, per entry, to the cent)"),
            "results": .array(grouped.rows), "totals": .object(grouped.all.json),
        ]
    }
}
