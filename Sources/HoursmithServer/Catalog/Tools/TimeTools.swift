import HoursmithClient
import JSONCore
import MCPCore

/// Time: list, read, log, change and delete time entries (the delete guarded as the API guards
/// it), and the timers — start or restart, stop, and find the running one
/// (TimeTools+Timers.swift).
enum TimeTools {
    static let all: [CatalogTool] = [list, get, create, update, delete, startTimer, stopTimer, runningTimer]

    static let timeEntryID = Schemas.id("The time entry's id.")
    static let hours = Schemas.positive("Decimal hours, e.g. 1.5 (not h:mm).", maximum: 24)
    static let notes = JSONSchema.string("What was done.", maxLength: 5000)
    static let billable = JSONSchema.boolean("Default: as the project and task are.")
    /// What a member may not do when logging time.
    static let logForOthers = "log time for other people"

    /// `project_id`/`project` and `task_id`/`task` (a task name is found within the project).
    static let projectAndTask: [JSONSchema.Property] = Schemas.reference(.project, "The project's id.")
        + Schemas.reference(.task, "The task's id (of that project).")

    /// The filters `list_time_entries` and `get_time_report` share.
    static let filters: [JSONSchema.Property] = Schemas.reference(.user, "Only this person's time (members: only their own).")
        + Schemas.reference(.client, "Only time on this client's projects.")
        + Schemas.reference(.project, "Only time on this project.")
        + Schemas.reference(.task, "Only time on this task.")
        + [
            .init(name: "from", schema: Schemas.from),
            .init(name: "to", schema: Schemas.to),
            .init(name: "period", schema: Schemas.period),
            .init(name: "is_running", schema: .boolean("true: only running timers; false: only stopped.")),
            .init(name: "is_invoiced", schema: .boolean("true: only invoiced time; false: only time not yet invoiced.")),
            .init(name: "billable", schema: .boolean("true: only billable; false: only non-billable.")),
        ]

    static let list = CatalogTool(
        "list_time_entries", in: .time, title: "List time entries",
        description: "Time entries, newest first, filtered by person, client, project, task, dates or period, "
            + "running, invoiced, billable (members: their own). hours are decimal; a running timer's so far. For "
            + "totals, get_time_report takes the same filters and is far cheaper.",
        input: Lists.input(filters),
        output: Lists.output("time_entries"),
        annotations: .read, audience: .everyone, action: "see other people's time entries"
    ) { call in
        let filter = try await timeFilter(call)
        return try await call.list(.timeEntries(filter), view: .timeEntries, steer: "For totals, get_time_report takes the same filters and answers in one small result.")
    }

    static let get = CatalogTool(
        "get_time_entry", in: .time, title: "Get a time entry",
        description: "One time entry.",
        input: .object(["time_entry_id": timeEntryID], required: ["time_entry_id"]),
        output: Schemas.single("time_entry"),
        annotations: .read, audience: .everyone, action: "see other people's time entries"
    ) { call in
        ["time_entry": try await call.client.getTimeEntry(id: try call.int("time_entry_id")).shown]
    }

    static let create = CatalogTool(
        "create_time_entry", in: .time, title: "Log time",
        description: "Logs hours worked on a project's task (project and task by name or id). Managers and up "
            + "may log for another user. Names an entry of that day that looks the same. To time work as it "
            + "happens, use start_timer.",
        input: .object(projectAndTask + [
            .init(name: "spent_date", schema: Schemas.date("Default today.")),
            .init(name: "hours", schema: hours),
            .init(name: "notes", schema: notes),
            .init(name: "billable", schema: billable),
        ] + Schemas.reference(.user, "Log it for this person. Default: you."), required: ["hours"]),
        output: Schemas.single("time_entry"),
        annotations: .create, audience: .everyone, action: logForOthers
    ) { call in
        let draft = try await draft(call)
        // One read before logging; the entry is logged whatever it finds (or if it fails).
        let lookalikes = try? await lookalikes(of: draft, call)
        var result: JSONObject = ["time_entry": try await call.client.createTimeEntry(draft).shown]
        if let lookalikes, !lookalikes.isEmpty { result.merge(warning(lookalikes)) }
        return .object(result)
    }

    /// The entry `create_time_entry`'s arguments describe (names resolved, the date in the
    /// workspace's calendar); `create_time_entries` reads each of its entries with it too.
    static func draft(_ call: ToolCall) async throws -> TimeEntryDraft {
        guard let hours = try call.decimal("hours") else { throw ToolError("Argument `hours` is required, e.g. 1.5.") }
        let (project, task) = try await call.projectAndTask()
        guard let project, let task else {
            throw ToolError("Give the project and its task: `project` and `task` by name, or `project_id` and `task_id`.")
        }
        return TimeEntryDraft(
            projectID: project, taskID: task, spentDate: try call.date("spent_date", default: "today"), hours: hours,
            notes: call.optionalString("notes"), billable: call.optionalBool("billable"), userID: try await call.reference(.user))
    }

    /// The person's entries of the draft's day that look like it (``Lookalike``). One request.
    static func lookalikes(of draft: TimeEntryDraft, _ call: ToolCall) async throws -> [TimeEntry] {
        let filter = TimeEntryFilter(userID: draft.userID ?? call.me.user.id, from: draft.spentDate, to: draft.spentDate)
        let sameDay = try await call.client.listTimeEntries(filter, page: 1, perPage: 200).items
        let shape = Lookalike(draft, userID: call.me.user.id)
        return sameDay.filter { shape.looksLike(Lookalike($0)) }
    }

    /// `possible_duplicates` (id, hours, project, task, notes; three at most) and a `note` saying so.
    static func warning(_ lookalikes: [TimeEntry]) -> JSONObject {
        let shown = lookalikes.prefix(3)
        let ids = shown.map { String($0.id) }
        let subject = ids.count == 1 ? "Time entry \(ids[0]) looks"
            : "Time entries \(ids.dropLast().joined(separator: ", ")) and \(ids[ids.count - 1]) look"
        return [
            "possible_duplicates": .array(shown.map { Lookalike.shown($0, withDate: false) }),
            "note": .string("Logged. \(subject) like it (\(Lookalike.rule)): \(Lookalike.advice)."),
        ]
    }

    static let changeable = ["project_id", "project", "task_id", "task", "spent_date", "hours", "notes", "billable"]

    static let update = CatalogTool(
        "update_time_entry", in: .time, title: "Change a time entry",
        description: "Changes a time entry that is not invoiced; only the arguments given change (notes: null "
            + "clears). Moving it to another project needs that project's task too.",
        input: .object([.init(name: "time_entry_id", schema: timeEntryID)] + projectAndTask + [
            .init(name: "spent_date", schema: Schemas.date("A new day.")),
            .init(name: "hours", schema: hours),
            .init(name: "notes", schema: JSONSchema.string(maxLength: 5000).nullable()),
            .init(name: "billable", schema: .boolean()),
        ], required: ["time_entry_id"]),
        output: Schemas.single("time_entry"),
        annotations: .update, audience: .everyone, action: "change other people's time entries"
    ) { call in
        guard changeable.contains(where: call.arguments.contains) else {
            throw ToolError("Nothing to change: give at least one of \(changeable.joined(separator: ", ")) "
                + "with time_entry_id.")
        }
        let project = try await call.reference(.project)
        let task: Int?
        if project == nil, let name = call.arguments.string("task"), !call.arguments.contains("task_id") {
            // A task named alone is one of the entry's own project.
            let entry = try await call.client.getTimeEntry(id: try call.int("time_entry_id"))
            task = try await call.directory.resolve(.task, name: name, within: entry.project.id, using: call.reader).id
        } else {
            task = try await call.reference(.task, within: project)
        }
        let changes = TimeEntryChanges(
            projectID: project, taskID: task,
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

    static let delete = CatalogTool(
        "delete_time_entry", in: .time, title: "Delete a time entry",
        description: "Deletes a time entry (a running one too). Refused, naming the invoice, when it is invoiced. "
            + "dry_run: true says what it would do.",
        input: .object(["time_entry_id": timeEntryID, "dry_run": Schemas.dryRun], required: ["time_entry_id"]),
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

    /// The filter of `list_time_entries`'s arguments (names resolved, dates in the workspace's calendar).
    static func timeFilter(_ call: ToolCall) async throws -> TimeEntryFilter {
        let (from, to) = try call.range()
        let (project, task) = try await call.projectAndTask()
        return TimeEntryFilter(
            userID: try await call.reference(.user), clientID: try await call.reference(.client), projectID: project,
            taskID: task, from: from, to: to, isRunning: call.optionalBool("is_running"),
            isInvoiced: call.optionalBool("is_invoiced"), billable: call.optionalBool("billable"))
    }
}
