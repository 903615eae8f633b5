import JSONCore

/// `GET /reports/time`: hours and billable amounts from `from` to `to`, grouped.
enum ReportHandlers {
    static let groupings = ["client", "project", "task", "user"]

    /// Results ordered by name, then id. Members get their own time only. Running timers count
    /// with their hours so far.
    static func time(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        var reader = QueryReader(call.query)
        let (from, to) = reader.dateRange(required: true)
        let groupBy = reader.choice("group_by", groupings) ?? "project"
        let clientID = reader.id("client_id")
        let projectID = reader.id("project_id")
        let userID = reader.id("user_id")
        try reader.errors.check()
        if call.caller.isMember, let userID, userID != call.caller.userID {
            throw APIError.forbidden("Your role (member) may only report on your own time.")
        }
        guard let from, let to else { throw APIError.validation(reader.errors) }

        struct Totals { var hours = 0, billableHours = 0, billableAmount = 0 }
        var totals: [Int: Totals] = [:]
        for entry in store.timeEntries.rows {
            if entry.spentDay > to { continue }
            if entry.spentDay < from { break }
            guard TimeEntryHandlers.isVisible(entry, to: call.caller) else { continue }
            if let userID, entry.userID != userID { continue }
            if let projectID, entry.projectID != projectID { continue }
            let client = store.projects[entry.projectID]?.clientID ?? 0
            if let clientID, client != clientID { continue }
            let key = switch groupBy {
            case "client": client
            case "task": entry.taskID
            case "user": entry.userID
            default: entry.projectID
            }
            let hours = store.currentHours(of: entry, now: call.now)
            totals[key, default: Totals()].hours += hours
            if entry.billable {
                totals[key, default: Totals()].billableHours += hours
                let rate = store.hourlyRate(projectID: entry.projectID, taskID: entry.taskID)
                totals[key, default: Totals()].billableAmount += Hundredths.multiply(hours, rate) ?? 0
            }
        }
        func name(_ id: Int) -> String {
            switch groupBy {
            case "client": store.clients[id]?.name ?? "Deleted client"
            case "task": store.tasks[id]?.name ?? "Deleted task"
            case "user": store.users[id]?.name ?? "Former member"
            default: store.projects[id]?.name ?? "Deleted project"
            }
        }
        let results = totals.keys
            .map { (id: $0, name: name($0)) }
            .sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
            .map { group -> JSON in
                let total = totals[group.id] ?? Totals()
                return [
                    "id": .int(group.id),
                    "name": .string(group.name),
                    "total_hours": Hundredths.json(total.hours),
                    "billable_hours": Hundredths.json(total.billableHours),
                    "billable_amount": Hundredths.json(total.billableAmount),
                ]
            }
        return .ok([
            "from": Render.date(from),
            "to": Render.date(to),
            "group_by": .string(groupBy),
            "currency": .string(call.caller.workspace.currency),
            "results": .array(results),
        ])
    }
}
