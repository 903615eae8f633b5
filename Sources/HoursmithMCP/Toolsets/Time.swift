import HoursmithClient
import JSONCore
import MCPCore

/// Time: list, read, log, change and delete time entries (the delete guarded as the API guards
/// it), and the timers — start or restart, stop, and find the running one
/// (TimeTools+Timers.swift).
enum TimeTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        [
            list(environment), get(environment), create(environment), update(environment), delete(environment),
            startTimer(environment), stopTimer(environment), runningTimer(environment),
        ]
    }

    static let timeEntryID = Schemas.id(
        "The time entry's id (list_time_entries finds it; get_running_timer finds a running one).")
    static let projectID = Schemas.id("The project's id (list_projects finds it by name).")
    static let taskID = Schemas.id("The task's id; it must belong to the project (list_tasks with project_id finds it).")
    static let hours = Schemas.positive(
        "Decimal hours worked, e.g. 1.5 for an hour and a half (not h:mm); more than 0, at most 24.", maximum: 24)
    static let notes = JSONSchema.string("What was done, free text.")
    static let billable = JSONSchema.boolean("Whether the time is billable. Default: billable when the project and task are.")

    static func list(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "list_time_entries", in: .time, title: "List time entries",
            description: "Lists time entries, newest first (spent_date, then id). Filter by person, client, project, task, "
                + "dates (from/to, inclusive, or a period such as this_week or last_month, in the workspace's timezone), "
                + "running, invoiced or billable. Members see only their own time. hours are decimal hours; a running "
                + "timer's hours are the time elapsed so far. Returns {time_entries: [{id, spent_date, hours, notes, "
                + "billable, is_running, is_invoiced, invoice, user, client, project, task}], page, per_page, "
                + "total_entries, next_page, truncated}. For totals over a period, get_time_report is cheaper.",
            input: Lists.input([
                .init(name: "user_id", schema: Schemas.id(
                    "Only this person's time (list_users finds ids). Members may give only their own id.")),
                .init(name: "client_id", schema: Schemas.id("Only time on this client's projects.")),
                .init(name: "project_id", schema: Schemas.id("Only time on this project.")),
                .init(name: "task_id", schema: Schemas.id("Only time on this task.")),
                .init(name: "from", schema: Schemas.from),
                .init(name: "to", schema: Schemas.to),
                .init(name: "period", schema: Schemas.period),
                .init(name: "is_running", schema: .boolean("true: only running timers; false: only stopped entries.")),
                .init(name: "is_invoiced", schema: .boolean("true: only time already on an invoice; false: only time not yet invoiced.")),
                .init(name: "billable", schema: .boolean("true: only billable time; false: only non-billable time.")),
            ]),
            output: Lists.output("time_entries"),
            annotations: .read, audience: .everyone, action: "see other people's time entries"
        ) { call in
            let (from, to) = try call.range()
            let filter = TimeEntryFilter(
                userID: call.optionalInt("user_id"), clientID: call.optionalInt("client_id"),
                projectID: call.optionalInt("project_id"), taskID: call.optionalInt("task_id"), from: from, to: to,
                isRunning: call.optionalBool("is_running"), isInvoiced: call.optionalBool("is_invoiced"),
                billable: call.optionalBool("billable"))
            return try await call.list(.timeEntries(filter), view: .timeEntries, steer: "For totals, get_time_report takes the same filters and answers in one small result.")
        }
    }

    static func get(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "get_time_entry", in: .time, title: "Get a time entry",
            description: "Gets one time entry by id: {time_entry: {id, spent_date, hours, notes, billable, is_running, "
                + "timer_started_at, is_invoiced, invoice, user, client, project, task, created_at, updated_at}}. "
                + "hours are decimal hours; for a running timer, the time elapsed so far.",
            input: .object(["time_entry_id": timeEntryID], required: ["time_entry_id"]),
            output: Schemas.single("time_entry", Schemas.timeEntry),
            annotations: .read, audience: .everyone, action: "see other people's time entries"
        ) { call in
            ["time_entry": try await call.client.getTimeEntry(id: try call.int("time_entry_id")).shown]
        }
    }

    static func create(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "create_time_entry", in: .time, title: "Log time",
            description: "Logs hours already worked on a project's task (to time work as it happens, use start_timer). "
                + "spent_date defaults to today in the workspace's timezone; yesterday and tomorrow work too. Managers "
                + "and up may log for someone else with user_id; members log only their own time, on projects they are "
                + "assigned to. Returns {time_entry: {...}} with its new id.",
            input: .object([
                "project_id": projectID,
                "task_id": taskID,
                "spent_date": Schemas.date("The day the work was done. Default today."),
                "hours": hours,
                "notes": notes,
                "billable": billable,
                "user_id": Schemas.id("Log the time for this person (managers and up; list_users finds ids). Default: you."),
            ], required: ["project_id", "task_id", "hours"]),
            output: Schemas.single("time_entry", Schemas.timeEntry),
            annotations: .create, audience: .everyone, action: "log time for other people"
        ) { call in
            guard let hours = try call.decimal("hours") else { throw ToolError("Argument `hours` is required, e.g. 1.5.") }
            let draft = TimeEntryDraft(
                projectID: try call.int("project_id"), taskID: try call.int("task_id"),
                spentDate: try call.date("spent_date", default: "today"), hours: hours,
                notes: call.optionalString("notes"), billable: call.optionalBool("billable"), userID: call.optionalInt("user_id"))
            return ["time_entry": try await call.client.createTimeEntry(draft).shown]
        }
    }

    static let changeable = ["project_id", "task_id", "spent_date", "hours", "notes", "billable"]

    static func update(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "update_time_entry", in: .time, title: "Change a time entry",
            description: "Changes a time entry; only the arguments given change. notes: null clears them. To move it to "
                + "another project, give that project's task_id too. hours on a running timer sets the time so far and "
                + "the timer keeps running. Invoiced time can't be changed. Returns {time_entry: {...}} as it is now.",
            input: .object([
                "time_entry_id": timeEntryID,
                "project_id": Schemas.id("Move it to this project (give one of its tasks as task_id too)."),
                "task_id": Schemas.id("Move it to this task (of the entry's project, or of the new project_id)."),
                "spent_date": Schemas.date("A new day for it."),
                "hours": hours,
                "notes": JSONSchema.string("New notes; null clears them.").nullable(),
                "billable": .boolean("Whether the time is billable."),
            ], required: ["time_entry_id"]),
            output: Schemas.single("time_entry", Schemas.timeEntry),
            annotations: .update, audience: .everyone, action: "change other people's time entries"
        ) { call in
            guard changeable.contains(where: call.arguments.contains) else {
                throw ToolError("Nothing to change: give at least one of \(changeable.joined(separator: ", ")) "
                    + "with time_entry_id.")
            }
            let changes = TimeEntryChanges(
                projectID: call.optionalInt("project_id"), taskID: call.optionalInt("task_id"),
                spentDate: try call.date("spent_date"), hours: try call.decimal("hours"), notes: call.clearableString("notes"),
                billable: call.optionalBool("billable"))
            let id = try call.int("time_entry_id")
            do {
                return ["time_entry": try await call.client.updateTimeEntry(id: id, changes).shown]
            } catch let error as HoursmithError where error.kind == .timeEntryInvoiced {
                // Name the invoice, in the words the delete guard uses.
                guard let entry = try? await call.client.getTimeEntry(id: id), entry.isInvoiced else { throw error }
                throw ToolError(GuardWords.timeEntryInvoiced(entry, verb: "changed"))
            }
        }
    }

    static func delete(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "delete_time_entry", in: .time, title: "Delete a time entry",
            description: "Deletes a time entry (a running one too, which ends its timer). Refused, naming the invoice, "
                + "when the entry is invoiced: invoiced time can't be changed or deleted. dry_run: true reports what "
                + "would happen without deleting. Returns {deleted: true, target, also_affected, message}, or with "
                + "dry_run {would: delete|refuse, reason, target, also_affected}.",
            input: .object(["time_entry_id": timeEntryID, "dry_run": Schemas.dryRun("deleting")], required: ["time_entry_id"]),
            output: GuardVerdict.outputSchema(done: "deleted"),
            annotations: .destructive, audience: .everyone, action: "delete other people's time entries"
        ) { call in
            let id = try call.int("time_entry_id")
            let verdict = try await check(deleting: id, call)
            if call.bool("dry_run", default: false) { return verdict.json }
            if verdict.refuses { throw ToolError(verdict.reason) }
            do {
                try await call.client.deleteTimeEntry(id: id)
            } catch let error as HoursmithError where error.kind == .timeEntryInvoiced {
                // Invoiced since the check: say so in the check's words, with the invoice's number.
                let again = try await check(deleting: id, call)
                throw again.refuses ? ToolError(again.reason) : error
            }
            return verdict.performed("deleted", message: "Deleted. " + verdict.reason)
        }
    }

    /// What the API would say to `DELETE /time_entries/{id}`, found out with one read.
    static func check(deleting id: Int, _ call: ToolCall) async throws(HoursmithError) -> GuardVerdict {
        let entry = try await call.client.getTimeEntry(id: id)
        let target = JSON.object(entry.shownObject.removing(["created_at", "updated_at"]))
        if entry.isInvoiced {
            return GuardVerdict(action: .refuse, reason: GuardWords.timeEntryInvoiced(entry), target: target,
                                alsoAffected: entry.invoice.map { ["invoice": .object($0.json)] } ?? [:])
        }
        let timer = entry.isRunning ? " Its timer is running; deleting the entry stops it." : ""
        let reason = "\(describe(entry)) is not invoiced, so it can be deleted.\(timer) This can't be undone."
        return GuardVerdict(action: .delete, reason: reason, target: target,
                            alsoAffected: entry.isRunning ? ["running_timer": true] : [:])
    }

    /// "Time entry 3 (2 h on Acme Website / Design, 2026-03-04, by Sam Carter)".
    static func describe(_ entry: TimeEntry) -> String {
        "Time entry \(entry.id) (\(entry.hours) h on \(entry.project.name) / \(entry.task.name), \(entry.spentDate), "
            + "by \(entry.user.name))"
    }
}
