import HoursmithClient
import JSONCore
import MCPCore

/// Projects: list, read, create, update, and archive (which says what it stopped and how to
/// restore).
enum ProjectTools {
    static let all: [CatalogTool] = [list, get, create, update, archive]

    static let projectID = Schemas.id("The project's id.")
    static let projectName = Schemas.name(.project)

    static let list = CatalogTool(
        "list_projects", in: .projects, title: "List projects",
        description: "Projects by name, with client, rate (money per hour) and budget (hours); members see theirs. "
            + "query matches name or code.",
        input: Lists.input([.init(name: "query", schema: Schemas.query)]
            + Schemas.reference(.client, "Only this client's projects.")
            + [.init(name: "is_active", schema: .boolean("true: only active; false: only archived."))]),
        output: Lists.output("projects"),
        annotations: .read, audience: .everyone, action: "see projects"
    ) { call in
        let filter = ProjectFilter(clientID: try await call.reference(.client), isActive: call.optionalBool("is_active"))
        return try await call.list(.projects(filter), view: .projects, steer: "", matching: Lists.names("name", "code"))
    }

    static let get = CatalogTool(
        "get_project", in: .projects, title: "Get a project",
        description: "One project, with notes and member_ids.",
        input: .object(["project_id": projectID, "project": projectName]),
        output: Schemas.single("project"),
        annotations: .read, audience: .everyone, action: "see projects"
    ) { call in
        ["project": try await call.client.getProject(id: try await call.requiredReference(.project)).shown]
    }

    static let create = CatalogTool(
        "create_project", in: .projects, title: "Create a project",
        description: "Creates an active project for a client, assigned to you; billable unless is_billable: false. "
            + "Add tasks (create_task) before logging time.",
        input: .object([
            "client_id": Schemas.id("The client's id."),
            "client": Schemas.name(.client),
            "name": .string(minLength: 1, maxLength: 255),
            "code": .string("e.g. ACME-WEB.", maxLength: 255),
            "is_billable": .boolean("Default true."),
            "hourly_rate": ProjectsAndTasks.hourlyRate("Money per hour."),
            "budget_hours": Schemas.positive("Hours.", maximum: 1_000_000),
            "starts_on": Schemas.date("First day."),
            "ends_on": Schemas.date("Last day."),
            "notes": .string(maxLength: 5000),
        ], required: ["name"]),
        output: Schemas.single("project"),
        annotations: .create, audience: .managersAndUp, action: "create projects"
    ) { call in
        let startsOn = try call.date("starts_on"), endsOn = try call.date("ends_on")
        try ProjectsAndTasks.checkOrder(startsOn: startsOn, endsOn: endsOn)
        let draft = ProjectDraft(
            clientID: try await call.requiredReference(.client), name: try call.string("name"), code: call.optionalString("code"),
            isBillable: call.optionalBool("is_billable"), hourlyRate: try call.decimal("hourly_rate"),
            budgetHours: try call.decimal("budget_hours"), startsOn: startsOn, endsOn: endsOn, notes: call.optionalString("notes"))
        defer { call.directory.invalidate(.project) }
        return ["project": try await call.client.createProject(draft).shown]
    }

    static let update = CatalogTool(
        "update_project", in: .projects, title: "Update a project",
        description: "Changes a project; only the arguments given change, null clears a field. client_id moves it. "
            + "is_active: true restores an archived project (archive with archive_project).",
        input: .object([
            "project_id": projectID,
            "project": projectName,
            "client_id": Schemas.id("Move it to this client."),
            "client": Schemas.name(.client),
            "name": .string(minLength: 1, maxLength: 255),
            "code": JSONSchema.string(maxLength: 255).nullable(),
            "is_billable": .boolean(),
            "hourly_rate": ProjectsAndTasks.hourlyRate("Money per hour.").nullable(),
            "budget_hours": Schemas.positive("Hours.", maximum: 1_000_000).nullable(),
            "starts_on": Schemas.date("First day.").nullable(),
            "ends_on": Schemas.date("Last day.").nullable(),
            "notes": JSONSchema.string(maxLength: 5000).nullable(),
            "is_active": .boolean(),
        ]),
        output: Schemas.single("project"),
        annotations: .update, audience: .managersAndUp, action: "change projects"
    ) { call in
        let startsOn = try call.dateUpdate("starts_on"), endsOn = try call.dateUpdate("ends_on")
        try ProjectsAndTasks.checkOrder(startsOn: startsOn, endsOn: endsOn)
        let changes = ProjectChanges(
            clientID: try await call.reference(.client), name: call.optionalString("name"), code: call.clearableString("code"),
            isActive: call.optionalBool("is_active"), isBillable: call.optionalBool("is_billable"),
            hourlyRate: try call.decimalUpdate("hourly_rate"), budgetHours: try call.decimalUpdate("budget_hours"),
            startsOn: startsOn, endsOn: endsOn, notes: call.clearableString("notes"))
        let id = try await call.requiredReference(.project)
        defer { call.directory.invalidate(.project) }
        return ["project": try await call.client.updateProject(id: id, changes).shown]
    }

    static let archive = CatalogTool(
        "archive_project", in: .projects, title: "Archive a project",
        description: "Archives a project: stops its running timers and blocks new time and expenses; keeps its "
            + "tasks, time and expenses. Says how to restore. dry_run: true says what it would do.",
        input: .object(["project_id": projectID, "project": projectName, "dry_run": Schemas.dryRun]),
        output: ProjectsAndTasks.archiveOutput("project"),
        annotations: .destructive, audience: .managersAndUp, action: "archive projects"
    ) { call in
        let id = try await call.requiredReference(.project)
        let project = try await call.client.getProject(id: id)
        let subject = ArchiveSubject(
            kind: .project, id: project.id, name: project.name, isActive: project.isActive, parent: project.client)
        return try await ProjectsAndTasks.archive(subject, current: project.shownObject, call) { () throws(HoursmithError) in
            try await call.client.archiveProject(id: id).shownObject
        }
    }
}
