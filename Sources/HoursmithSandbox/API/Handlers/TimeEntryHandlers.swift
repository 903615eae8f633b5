import JSONCore

/// `/time_entries` and its single-entry, stop and restart routes. Members see and change only
/// their own entries (anyone else's is 404); managers and up, everyone's.
enum TimeEntryHandlers {
    static func isVisible(_ entry: TimeEntryRecord, to caller: Caller) -> Bool {
        entry.workspaceID == caller.workspaceID && (!caller.isMember || entry.userID == caller.userID)
    }

    private static func find(_ store: Store, _ call: Call) throws(APIError) -> TimeEntryRecord {
        guard let entry = store.timeEntries[id: call.id], isVisible(entry, to: call.caller) else {
            throw APIError.notFound("time entry")
        }
        return entry
    }

    /// Newest first (`spent_date` desc, then `id` desc).
    static func list(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        var reader = QueryReader(call.query)
        let userID = reader.id("user_id")
        let clientID = reader.id("client_id")
        let projectID = reader.id("project_id")
        let taskID = reader.id("task_id")
        let (from, to) = reader.dateRange()
        let isRunning = reader.bool("is_running")
        let isInvoiced = reader.bool("is_invoiced")
        let billable = reader.bool("billable")
        let updatedSince = reader.timestamp("updated_since")
        let page = reader.pageRequest()
        try reader.errors.check()
        if call.caller.isMember, let userID, userID != call.caller.userID {
            throw APIError.forbidden("Your role (member) may only see your own time entries.")
        }
        let caller = call.caller
        let projects = store.projects
        let window = page.window(store.timeEntries.rows) { entry in
            guard isVisible(entry, to: caller) else { return false }
            if let userID, entry.userID != userID { return false }
            if let projectID, entry.projectID != projectID { return false }
            if let taskID, entry.taskID != taskID { return false }
            if let from, entry.spentDay < from { return false }
            if let to, entry.spentDay > to { return false }
            if let isRunning, entry.isRunning != isRunning { return false }
            if let isInvoiced, entry.isInvoiced != isInvoiced { return false }
            if let billable, entry.billable != billable { return false }
            if let updatedSince, entry.updatedAt < updatedSince { return false }
            if let clientID, projects[entry.projectID]?.clientID != clientID { return false }
            return true
        }
        let render = Render(store: store, now: call.now)
        let version = store.namesVersion
        return page.answer("time_entries", count: window.rows.count, total: window.total, call: call) { bytes in
            call.renderCache.append(window.rows, to: &bytes, namesVersion: version, render: render.timeEntry)
        }
    }

    static func get(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        .ok(Render(store: store, now: call.now).timeEntry(try find(store, call)))
    }

    /// With `hours` logs time; without, starts a timer (stopping the user's other one).
    static func create(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        var body = BodyReader(call.body)
        let projectID = body.required("project_id", body.id("project_id"))
        let taskID = body.required("task_id", body.id("task_id"))
        let spentDay = body.required("spent_date", body.date("spent_date"))
        let hours = body.notNull("hours", body.hundredths("hours"))
        let notes = body.string("notes").value
        let billable = body.notNull("billable", body.bool("billable"))
        let userID = body.notNull("user_id", body.id("user_id")) ?? call.caller.userID
        if call.caller.isMember && userID != call.caller.userID {
            throw APIError.forbidden("Your role (member) may only log time for yourself.")
        }
        if store.user(userID, in: call.caller.workspaceID)?.isActive != true, !body.errors.has("user_id") {
            body.problem("user_id", "is not an active user of this workspace")
        }
        let (project, task) = checkProjectAndTask(projectID, taskID, &body, store: store, call: call)
        if let hours { checkHours(hours, &body) }
        try body.errors.check()
        guard let project, let task, let spentDay else { throw APIError.validation(body.errors) }
        try checkActive(project, task)

        let running = hours == nil
        if running { store.stopRunningTimer(ofUser: userID, now: call.now) }
        let entry = TimeEntryRecord(
            id: store.nextTimeEntryID, workspaceID: call.caller.workspaceID, userID: userID, projectID: project.id,
            taskID: task.id, spentDay: spentDay, hours: hours ?? 0, notes: notes,
            billable: billable ?? (project.isBillable && task.billableByDefault),
            timerStartedAt: running ? call.now : nil, invoiceID: nil, createdAt: call.now, updatedAt: call.now)
        store.nextTimeEntryID += 1
        store.timeEntries.insert(entry)
        if running { store.runningEntryIDs.insert(entry.id) }
        return .created(Render(store: store, now: call.now).timeEntry(entry))
    }

    /// `time_entry_invoiced` first; then fields; then `project_archived` / `task_archived` for
    /// the project and task the entry ends up on. `hours` on a running entry resets the hours so
    /// far, and the timer keeps running from there.
    static func update(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        var entry = try find(store, call)
        try refuseInvoiced(entry, store)
        var body = BodyReader(call.body)
        let newProjectID = body.notNull("project_id", body.id("project_id"))
        let newTaskID = body.notNull("task_id", body.id("task_id"))
        let spentDay = body.notNull("spent_date", body.date("spent_date"))
        let hours = body.notNull("hours", body.hundredths("hours"))
        let notes = body.change(body.string("notes"))
        let billable = body.notNull("billable", body.bool("billable"))
        var (project, task) = (store.projects[entry.projectID], store.tasks[entry.taskID])
        if newProjectID != nil || newTaskID != nil {
            (project, task) = checkProjectAndTask(
                newProjectID ?? entry.projectID, newTaskID ?? entry.taskID, &body, store: store, call: call,
                taskField: newTaskID == nil ? "project_id" : "task_id")
        }
        if let hours { checkHours(hours, &body) }
        try body.errors.check()
        guard let project, let task else { throw APIError.notFound("time entry") }
        try checkActive(project, task)

        entry.projectID = project.id
        entry.taskID = task.id
        if let spentDay { entry.spentDay = spentDay }
        if let hours {
            entry.hours = hours
            if entry.isRunning { entry.timerStartedAt = call.now }
        }
        if let notes { entry.notes = notes }
        if let billable { entry.billable = billable }
        entry.updatedAt = call.now
        store.timeEntries.update(entry)
        return .ok(Render(store: store, now: call.now).timeEntry(entry))
    }

    static func delete(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        let entry = try find(store, call)
        try refuseInvoiced(entry, store)
        store.timeEntries.remove(id: entry.id)
        store.runningEntryIDs.remove(entry.id)
        return .noContent
    }

    static func stop(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        let entry = try find(store, call)
        guard entry.isRunning else {
            throw APIError(422, "timer_not_running", "Time entry \(entry.id) has no running timer to stop.")
        }
        store.stopTimer(entry.id, now: call.now)
        return .ok(Render(store: store, now: call.now).timeEntry(store.timeEntries[id: entry.id] ?? entry))
    }

    /// Starts the entry's timer again (its hours keep counting up from what they were),
    /// stopping the user's other running timer.
    static func restart(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        var entry = try find(store, call)
        guard !entry.isRunning else {
            throw APIError(422, "timer_already_running", "Time entry \(entry.id) is already running.")
        }
        try refuseInvoiced(entry, store)
        if let project = store.projects[entry.projectID], let task = store.tasks[entry.taskID] {
            try checkActive(project, task)
        }
        store.stopRunningTimer(ofUser: entry.userID, now: call.now)
        entry.timerStartedAt = call.now
        entry.updatedAt = call.now
        store.timeEntries.update(entry)
        store.runningEntryIDs.insert(entry.id)
        return .ok(Render(store: store, now: call.now).timeEntry(entry))
    }

    // MARK: Checks

    private static func refuseInvoiced(_ entry: TimeEntryRecord, _ store: Store) throws(APIError) {
        guard let invoiceID = entry.invoiceID else { return }
        let number = store.invoices[invoiceID]?.number ?? "an invoice"
        throw APIError(422, "time_entry_invoiced", "Time entry \(entry.id) is on invoice \(number) and can no longer be changed or deleted.")
    }

    /// The project and task a create or update names, with a problem for each that is unknown,
    /// not assigned to a member, or not of the project.
    private static func checkProjectAndTask(
        _ projectID: Int?, _ taskID: Int?, _ body: inout BodyReader, store: Store, call: Call, taskField: String = "task_id"
    ) -> (ProjectRecord?, TaskRecord?) {
        var project: ProjectRecord?
        if let projectID {
            project = store.project(projectID, in: call.caller.workspaceID)
            if project == nil {
                body.problem("project_id", "does not exist")
            } else if let found = project, call.caller.isMember, !found.memberIDs.contains(call.caller.userID) {
                body.problem("project_id", "is not a project you are assigned to")
                project = nil
            }
        }
        var task: TaskRecord?
        if let taskID {
            task = store.task(taskID, in: call.caller.workspaceID)
            if task == nil {
                body.problem("task_id", "does not exist")
            } else if let found = task, let project, found.projectID != project.id {
                body.problem(taskField, taskField == "task_id"
                    ? "does not belong to project \(project.id)"
                    : "does not have the entry's task \(found.id); give a task_id of the new project too")
                task = nil
            }
        }
        return (project, task)
    }

    private static func checkHours(_ hours: Int, _ body: inout BodyReader) {
        if hours <= 0 || hours > 2400 { body.problem("hours", "must be greater than 0 and at most 24") }
    }

    /// 422 `project_archived`, then `task_archived`.
    static func checkActive(_ project: ProjectRecord, _ task: TaskRecord) throws(APIError) {
        if !project.isActive {
            throw APIError(422, "project_archived", "Project \(project.name) (\(project.id)) is archived; restore it to log time on it.")
        }
        if !task.isActive {
            throw APIError(422, "task_archived", "Task \(task.name) (\(task.id)) is archived; restore it to log time on it.")
        }
    }
}
