import HoursmithClient
import JSONCore
import MCPCore

/// Projects: list, read, create, update, and archive (which says what it stopped and how to
/// restore).
enum ProjectTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        [list(environment), get(environment), create(environment), update(environment), archive(environment)]
    }

    static let projectID = Schemas.id("The project's id (list_projects finds it by name).")

    static func list(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "list_projects", in: .projects, title: "List projects",
            description: "Lists projects by name, with their client, billing, budget and assigned users (member_ids). "
                + "Members see only the projects they are assigned to. Use it to find a project's id before logging "
                + "time (then list_tasks for its tasks). hourly_rate is money per hour in the workspace's currency; "
                + "budget_hours is in hours. Returns {projects: [{id, name, code, client: {id, name}, is_active, "
                + "is_billable, hourly_rate, budget_hours, starts_on, ends_on, notes, member_ids}], page, per_page, "
                + "total_entries, next_page, truncated}.",
            input: Lists.input([
                .init(name: "client_id", schema: Schemas.id("Only this client's projects (list_clients finds the id).")),
                .init(name: "is_active", schema: .boolean("true: only active projects; false: only archived ones.")),
            ]),
            output: Lists.output("projects"),
            annotations: .read, audience: .everyone, action: "see projects"
        ) { call in
            let filter = ProjectFilter(clientID: call.optionalInt("client_id"), isActive: call.optionalBool("is_active"))
            return try await call.list(.projects(filter), view: .projects, steer: "")
        }
    }

    static func get(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "get_project", in: .projects, title: "Get a project",
            description: "Gets one project by id: {project: {id, name, code, client: {id, name}, is_active, is_billable, "
                + "hourly_rate, budget_hours, starts_on, ends_on, notes, member_ids, created_at, updated_at}}. Members "
                + "can get only the projects they are assigned to.",
            input: .object(["project_id": projectID], required: ["project_id"]),
            output: Schemas.single("project", Schemas.project),
            annotations: .read, audience: .everyone, action: "see projects"
        ) { call in
            ["project": try await call.client.getProject(id: try call.int("project_id")).shown]
        }
    }

    static func create(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "create_project", in: .projects, title: "Create a project",
            description: "Creates an active project for a client; the caller is assigned to it. Only client_id and name "
                + "are needed; it is billable unless is_billable: false. Add tasks to it with create_task before logging "
                + "time. Returns {project: {...}} with its new id.",
            input: .object([
                "client_id": Schemas.id("The client the project is for (list_clients finds the id)."),
                "name": .string("The project's name.", minLength: 1, maxLength: 200),
                "code": .string("A short code, e.g. ACME-WEB.", maxLength: 100),
                "is_billable": .boolean("Whether time on it is billable. Default true."),
                "hourly_rate": ProjectsAndTasks.hourlyRate("Money per hour in the workspace's currency, e.g. 150."),
                "budget_hours": Schemas.positive("The budget in hours, e.g. 400."),
                "starts_on": Schemas.date("The first day of the project."),
                "ends_on": Schemas.date("The last day of the project, on or after starts_on."),
                "notes": .string("Free-text notes."),
            ], required: ["client_id", "name"]),
            output: Schemas.single("project", Schemas.project),
            annotations: .create, audience: .managersAndUp, action: "create projects"
        ) { call in
            let startsOn = try call.date("starts_on"), endsOn = try call.date("ends_on")
            try ProjectsAndTasks.checkOrder(startsOn: startsOn, endsOn: endsOn)
            let draft = ProjectDraft(
                clientID: try call.int("client_id"), name: try call.string("name"), code: call.optionalString("code"),
                isBillable: call.optionalBool("is_billable"), hourlyRate: try call.decimal("hourly_rate"),
                budgetHours: try call.decimal("budget_hours"), startsOn: startsOn, endsOn: endsOn, notes: call.optionalString("notes"))
            return ["project": try await call.client.createProject(draft).shown]
        }
    }

    static func update(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "update_project", in: .projects, title: "Update a project",
            description: "Changes a project; only the arguments given change, and null clears code, hourly_rate, "
                + "budget_hours, starts_on, ends_on or notes. client_id moves it to another client. is_active: true "
                + "restores an archived project (timers stopped by archiving stay stopped); to archive one, use "
                + "archive_project, which says what archiving stops. Returns {project: {...}} as it is now.",
            input: .object([
                "project_id": projectID,
                "client_id": Schemas.id("Move the project to this client."),
                "name": .string("A new name.", minLength: 1, maxLength: 200),
                "code": JSONSchema.string("A short code; null clears it.", maxLength: 100).nullable(),
                "is_billable": .boolean("Whether time on it is billable."),
                "hourly_rate": ProjectsAndTasks.hourlyRate("Money per hour in the workspace's currency; null clears it.").nullable(),
                "budget_hours": Schemas.positive("The budget in hours; null clears it.").nullable(),
                "starts_on": Schemas.date("The first day of the project; null clears it.").nullable(),
                "ends_on": Schemas.date("The last day of the project; null clears it.").nullable(),
                "notes": JSONSchema.string("Free-text notes; null clears them.").nullable(),
                "is_active": .boolean("true restores an archived project; false archives it (archive_project says what that stops)."),
            ], required: ["project_id"]),
            output: Schemas.single("project", Schemas.project),
            annotations: .update, audience: .managersAndUp, action: "change projects"
        ) { call in
            let startsOn = try call.dateUpdate("starts_on"), endsOn = try call.dateUpdate("ends_on")
            try ProjectsAndTasks.checkOrder(startsOn: startsOn, endsOn: endsOn)
            let changes = ProjectChanges(
                clientID: call.optionalInt("client_id"), name: call.optionalString("name"), code: call.clearableString("code"),
                isActive: call.optionalBool("is_active"), isBillable: call.optionalBool("is_billable"),
                hourlyRate: try call.decimalUpdate("hourly_rate"), budgetHours: try call.decimalUpdate("budget_hours"),
                startsOn: startsOn, endsOn: endsOn, notes: call.clearableString("notes"))
            return ["project": try await call.client.updateProject(id: try call.int("project_id"), changes).shown]
        }
    }

    static func archive(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "archive_project", in: .projects, title: "Archive a project",
            description: "Archives a project: it becomes inactive, timers running on it are stopped, and no time or "
                + "expenses can be logged on it until it is restored; its tasks, time entries and expenses are kept. "
                + "Archiving an archived project changes nothing. dry_run: true reports what would happen without "
                + "archiving. Restore with update_project and is_active: true. Returns {archived, already_archived, "
                + "target, also_affected: {running_timers: [...]}, message, project}, or with dry_run {would: archive, "
                + "reason, target, also_affected, already_archived}.",
            input: .object(["project_id": projectID, "dry_run": Schemas.dryRun("archiving")], required: ["project_id"]),
            output: ProjectsAndTasks.archiveOutput("project", Schemas.project),
            annotations: .destructive, audience: .managersAndUp, action: "archive projects"
        ) { call in
            let id = try call.int("project_id")
            let project = try await call.client.getProject(id: id)
            let subject = ArchiveSubject(
                kind: .project, id: project.id, name: project.name, isActive: project.isActive, parent: project.client)
            return try await ProjectsAndTasks.archive(subject, current: project.shownObject, call) { () throws(HoursmithError) in
                try await call.client.archiveProject(id: id).shownObject
            }
        }
    }
}
