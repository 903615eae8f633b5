import JSONCore

/// `/tasks`, `/tasks/{id}`, `/tasks/{id}/archive`. Members see the tasks of their projects,
/// read-only; a task they may not see is 404.
enum TaskHandlers {
    static func isVisible(_ task: TaskRecord, in store: Store, to caller: Caller) -> Bool {
        guard let project = store.projects[task.projectID] else { return false }
        return ProjectHandlers.isVisible(project, to: caller)
    }

    private static func find(_ store: Store, _ call: Call) throws(APIError) -> TaskRecord {
        guard let task = store.tasks[call.id], isVisible(task, in: store, to: call.caller) else {
            throw APIError.notFound("task")
        }
        return task
    }

    /// By name (case-insensitively), then id.
    static func list(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        var reader = QueryReader(call.query)
        let projectID = reader.id("project_id")
        let isActive = reader.bool("is_active")
        let page = reader.pageRequest()
        try reader.errors.check()
        let tasks = store.tasks.values
            .filter { isVisible($0, in: store, to: call.caller) }
            .sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
        let window = page.window(tasks) { task in
            (projectID == nil || task.projectID == projectID) && (isActive == nil || task.isActive == isActive)
        }
        let render = Render(store: store, now: call.now)
        return page.answer("tasks", window, call: call, render: render.task)
    }

    static func get(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        .ok(Render(store: store, now: call.now).task(try find(store, call)))
    }

    static func create(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try call.caller.requireManager("create tasks")
        var body = BodyReader(call.body)
        let projectID = body.required("project_id", body.id("project_id"))
        let name = body.required("name", body.name("name"))
        var task = TaskRecord(
            id: store.nextTaskID, projectID: projectID ?? 0, name: name ?? "", isActive: true, billableByDefault: true,
            hourlyRate: nil, createdAt: call.now, updatedAt: call.now)
        readDetails(&body, into: &task)
        if let projectID {
            if store.project(projectID, in: call.caller.workspaceID) == nil {
                body.problem("project_id", "does not exist")
            } else if let name, isTaken(name, project: projectID, in: store, except: nil) {
                body.problem("name", "has already been taken in this project")
            }
        }
        try body.errors.check()
        store.nextTaskID += 1
        store.tasks[task.id] = task
        return .created(Render(store: store, now: call.now).task(task))
    }

    static func update(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try call.caller.requireManager("update tasks")
        var task = try find(store, call)
        var body = BodyReader(call.body)
        if let name = body.notNull("name", body.name("name")) {
            if isTaken(name, project: task.projectID, in: store, except: task.id) {
                body.problem("name", "has already been taken in this project")
            }
            task.name = name
        }
        let isActive = body.notNull("is_active", body.bool("is_active"))
        readDetails(&body, into: &task)
        try body.errors.check()
        task.updatedAt = call.now
        store.tasks[task.id] = task
        if let isActive { store.setActive(isActive, \.tasks, id: task.id, now: call.now) }
        return .ok(Render(store: store, now: call.now).task(store.tasks[task.id] ?? task))
    }

    /// Sets `is_active` false and stops the timers running on the task; a no-op when archived.
    static func archive(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try call.caller.requireManager("archive tasks")
        let task = try find(store, call)
        if task.isActive { store.setActive(false, \.tasks, id: task.id, now: call.now) }
        return .ok(Render(store: store, now: call.now).task(store.tasks[task.id] ?? task))
    }

    private static func readDetails(_ body: inout BodyReader, into task: inout TaskRecord) {
        if let billable = body.notNull("billable_by_default", body.bool("billable_by_default")) { task.billableByDefault = billable }
        if let rate = body.change(body.hundredths("hourly_rate")) {
            if let rate, rate < 0 { body.problem("hourly_rate", "must be 0 or more") } else { task.hourlyRate = rate }
        }
    }

    private static func isTaken(_ name: String, project: Int, in store: Store, except: Int?) -> Bool {
        let lowered = name.lowercased()
        return store.tasks.values.contains { $0.projectID == project && $0.id != except && $0.name.lowercased() == lowered }
    }
}
