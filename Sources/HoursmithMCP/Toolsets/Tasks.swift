import HoursmithClient
import JSONCore
import MCPCore

/// Tasks: list, read, create, update, and archive (which says what it stopped and how to
/// restore). A task belongs to one project.
enum TaskTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        [list(environment), get(environment), create(environment), update(environment), archive(environment)]
    }

    static let taskID = Schemas.id("The task's id (list_tasks with project_id finds it by name).")

    static func list(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "list_tasks", in: .tasks, title: "List tasks",
            description: "Lists tasks by name, each with its project. A task belongs to one project, and time is logged "
                + "on a project and one of its tasks: give project_id to see a project's tasks. Members see the tasks "
                + "of the projects they are assigned to. hourly_rate (money per hour, workspace currency) overrides the "
                + "project's rate when set. Returns {tasks: [{id, name, project: {id, name}, is_active, "
                + "billable_by_default, hourly_rate}], page, per_page, total_entries, next_page, truncated}.",
            input: Lists.input([
                .init(name: "project_id", schema: Schemas.id("Only this project's tasks (list_projects finds the id).")),
                .init(name: "is_active", schema: .boolean("true: only active tasks; false: only archived ones.")),
            ]),
            output: Lists.output("tasks"),
            annotations: .read, audience: .everyone, action: "see tasks"
        ) { call in
            let filter = TaskFilter(projectID: call.optionalInt("project_id"), isActive: call.optionalBool("is_active"))
            return try await call.list(.tasks(filter), view: .tasks, steer: "Give project_id (or project) for one project's tasks.")
        }
    }

    static func get(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "get_task", in: .tasks, title: "Get a task",
            description: "Gets one task by id: {task: {id, name, project: {id, name}, is_active, billable_by_default, "
                + "hourly_rate, created_at, updated_at}}. Members can get only the tasks of their projects.",
            input: .object(["task_id": taskID], required: ["task_id"]),
            output: Schemas.single("task", Schemas.task),
            annotations: .read, audience: .everyone, action: "see tasks"
        ) { call in
            ["task": try await call.client.getTask(id: try call.int("task_id")).shown]
        }
    }

    static func create(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "create_task", in: .tasks, title: "Create a task",
            description: "Adds a task to a project (the name must be unique within the project). Time logged on it is "
                + "billable unless billable_by_default: false. Returns {task: {...}} with its new id.",
            input: .object([
                "project_id": Schemas.id("The project the task belongs to (list_projects finds the id)."),
                "name": .string("The task's name, unique within the project, e.g. Design.", minLength: 1, maxLength: 200),
                "billable_by_default": .boolean("Whether time on it is billable unless said otherwise. Default true."),
                "hourly_rate": ProjectsAndTasks.hourlyRate(
                    "Money per hour in the workspace's currency; overrides the project's rate. Default: the project's rate."),
            ], required: ["project_id", "name"]),
            output: Schemas.single("task", Schemas.task),
            annotations: .create, audience: .managersAndUp, action: "create tasks"
        ) { call in
            let draft = TaskDraft(
                projectID: try call.int("project_id"), name: try call.string("name"),
                billableByDefault: call.optionalBool("billable_by_default"), hourlyRate: try call.decimal("hourly_rate"))
            return ["task": try await call.client.createTask(draft).shown]
        }
    }

    static func update(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "update_task", in: .tasks, title: "Update a task",
            description: "Changes a task; only the arguments given change. hourly_rate: null clears the task's own rate, "
                + "so the project's applies. is_active: true restores an archived task (timers stopped by archiving stay "
                + "stopped); to archive one, use archive_task, which says what archiving stops. Returns {task: {...}} as "
                + "it is now.",
            input: .object([
                "task_id": taskID,
                "name": .string("A new name, unique within the project.", minLength: 1, maxLength: 200),
                "billable_by_default": .boolean("Whether time on it is billable unless said otherwise."),
                "hourly_rate": ProjectsAndTasks.hourlyRate(
                    "Money per hour in the workspace's currency; null clears it (the project's rate applies).").nullable(),
                "is_active": .boolean("true restores an archived task; false archives it (archive_task says what that stops)."),
            ], required: ["task_id"]),
            output: Schemas.single("task", Schemas.task),
            annotations: .update, audience: .managersAndUp, action: "change tasks"
        ) { call in
            let changes = TaskChanges(
                name: call.optionalString("name"), billableByDefault: call.optionalBool("billable_by_default"),
                hourlyRate: try call.decimalUpdate("hourly_rate"), isActive: call.optionalBool("is_active"))
            return ["task": try await call.client.updateTask(id: try call.int("task_id"), changes).shown]
        }
    }

    static func archive(_ environment: ToolEnvironment) -> CatalogTool {
        environment.tool(
            "archive_task", in: .tasks, title: "Archive a task",
            description: "Archives a task: it becomes inactive, timers running on it are stopped, and no time can be "
                + "logged on it until it is restored; its time entries are kept. Archiving an archived task changes "
                + "nothing. dry_run: true reports what would happen without archiving. Restore with update_task and "
                + "is_active: true. Returns {archived, already_archived, target, also_affected: {running_timers: [...]}, "
                + "message, task}, or with dry_run {would: archive, reason, target, also_affected, already_archived}.",
            input: .object(["task_id": taskID, "dry_run": Schemas.dryRun("archiving")], required: ["task_id"]),
            output: ProjectsAndTasks.archiveOutput("task", Schemas.task),
            annotations: .destructive, audience: .managersAndUp, action: "archive tasks"
        ) { call in
            let id = try call.int("task_id")
            let task = try await call.client.getTask(id: id)
            let subject = ArchiveSubject(kind: .task, id: task.id, name: task.name, isActive: task.isActive, parent: task.project)
            return try await ProjectsAndTasks.archive(subject, current: task.shownObject, call) { () throws(HoursmithError) in
                try await call.client.archiveTask(id: id).shownObject
            }
        }
    }
}
