import JSONCore

/// `/projects`, `/projects/{id}`, `/projects/{id}/archive`. Members see the projects that list
/// them, read-only; a project they may not see is 404.
enum ProjectHandlers {
    /// Whether the caller may see the project.
    static func isVisible(_ project: ProjectRecord, to caller: Caller) -> Bool {
        project.workspaceID == caller.workspaceID && (!caller.isMember || project.memberIDs.contains(caller.userID))
    }

    static func find(_ store: Store, _ call: Call) throws(APIError) -> ProjectRecord {
        guard let project = store.projects[call.id], isVisible(project, to: call.caller) else {
            throw APIError.notFound("project")
        }
        return project
    }

    /// By name (case-insensitively), then id.
    static func list(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        var reader = QueryReader(call.query)
        let clientID = reader.id("client_id")
        let isActive = reader.bool("is_active")
        let updatedSince = reader.timestamp("updated_since")
        let page = reader.pageRequest()
        try reader.errors.check()
        let projects = store.projects.values
            .filter { isVisible($0, to: call.caller) }
            .sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
        let window = page.window(projects) { project in
            (clientID == nil || project.clientID == clientID) && (isActive == nil || project.isActive == isActive)
                && (updatedSince == nil || project.updatedAt >= updatedSince ?? 0)
        }
        let render = Render(store: store, now: call.now)
        return page.answer("projects", window, call: call, render: render.project)
    }

    static func get(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        .ok(Render(store: store, now: call.now).project(try find(store, call)))
    }

    static func create(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try call.caller.requireManager("create projects")
        var body = BodyReader(call.body)
        let clientID = body.required("client_id", body.id("client_id"))
        let name = body.required("name", body.name("name"))
        var project = ProjectRecord(
            id: store.nextProjectID, workspaceID: call.caller.workspaceID, clientID: clientID ?? 0, name: name ?? "",
            code: nil, isActive: true, isBillable: true, hourlyRate: nil, budgetHours: nil, startsOn: nil, endsOn: nil,
            notes: nil, memberIDs: [call.caller.userID], createdAt: call.now, updatedAt: call.now)
        readDetails(&body, into: &project, store: store, call: call)
        if let clientID, store.client(clientID, in: call.caller.workspaceID) == nil {
            body.problem("client_id", "does not exist")
        }
        try body.errors.check()
        store.nextProjectID += 1
        store.projects[project.id] = project
        return .created(Render(store: store, now: call.now).project(project))
    }

    static func update(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try call.caller.requireManager("update projects")
        var project = try find(store, call)
        var body = BodyReader(call.body)
        if let clientID = body.notNull("client_id", body.id("client_id")) {
            if store.client(clientID, in: call.caller.workspaceID) == nil {
                body.problem("client_id", "does not exist")
            } else {
                project.clientID = clientID
            }
        }
        if let name = body.notNull("name", body.name("name")) { project.name = name }
        let isActive = body.notNull("is_active", body.bool("is_active"))
        readDetails(&body, into: &project, store: store, call: call)
        try body.errors.check()
        project.updatedAt = call.now
        store.projects[project.id] = project
        if let isActive {
            store.setActive(isActive, \.projects, id: project.id, now: call.now)
        }
        return .ok(Render(store: store, now: call.now).project(store.projects[project.id] ?? project))
    }

    /// Sets `is_active` false and stops the timers running on the project; a no-op when it is
    /// already archived.
    static func archive(_ store: inout Store, _ call: Call) throws(APIError) -> APIResponse {
        try call.caller.requireManager("archive projects")
        let project = try find(store, call)
        if project.isActive { store.setActive(false, \.projects, id: project.id, now: call.now) }
        return .ok(Render(store: store, now: call.now).project(store.projects[project.id] ?? project))
    }

    /// The optional fields shared by create and update.
    private static func readDetails(_ body: inout BodyReader, into project: inout ProjectRecord, store: Store, call: Call) {
        if let code = body.change(body.string("code", maxLength: 100)) { project.code = code }
        if let billable = body.notNull("is_billable", body.bool("is_billable")) { project.isBillable = billable }
        if let rate = body.change(body.hundredths("hourly_rate")) {
            if let rate, rate < 0 { body.problem("hourly_rate", "must be 0 or more") } else { project.hourlyRate = rate }
        }
        if let budget = body.change(body.hundredths("budget_hours")) {
            if let budget, budget <= 0 { body.problem("budget_hours", "must be greater than 0") } else { project.budgetHours = budget }
        }
        if let startsOn = body.change(body.date("starts_on")) { project.startsOn = startsOn }
        if let endsOn = body.change(body.date("ends_on")) { project.endsOn = endsOn }
        if let startsOn = project.startsOn, let endsOn = project.endsOn, endsOn < startsOn,
           !body.errors.has("starts_on"), !body.errors.has("ends_on") {
            body.problem("ends_on", "must be on or after starts_on")
        }
        if let notes = body.change(body.string("notes")) { project.notes = notes }
        if let memberIDs = body.notNull("member_ids", body.ids("member_ids")) {
            let unknown = memberIDs.filter { store.user($0, in: call.caller.workspaceID) == nil }
            if unknown.isEmpty {
                var seen = Set<Int>()
                project.memberIDs = memberIDs.filter { seen.insert($0).inserted }
            } else {
                body.problem("member_ids", "includes ids that are not users of this workspace: \(unknown.map(String.init).joined(separator: ", "))")
            }
        }
    }
}
