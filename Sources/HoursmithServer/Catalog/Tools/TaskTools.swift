import HoursmithClient
import JSONCore
import MCPCore

/// Tasks: list, read, create, update, and archive (which says what it stopped and how to
/// restore). A task belongs to one project.
enum TaskTools {
    static let all: [CatalogTool] = [list, get, create, update, archive]

    static let taskID = Schemas.id("The task's id.")

    static let list = CatalogTool(
        "list_tasks", in: .tasks, title: "List tasks",
        description: "Tasks by name, each of one project (time is logged on a project's task). A task's "
            + "hourly_rate overrides its project's. query matches names.",
        input: Lists.input([.init(name: "query", schema: Schemas.query)]
            + Schemas.reference(.project, "Only this project's tasks.")
            + [.init(name: "is_active", schema: .boolean("true: only active; false: only archived."))]),
        output: Lists.output("tasks"),
        annotations: .read, audience: .everyone, action: "see tasks"
    ) { call in
        let filter = TaskFilter(projectID: try await call.reference(.project), isActive: call.optionalBool("is_active"))
        return try await call.list(.tasks(filter), view: .tasks, steer: "Give project for one project's tasks.",
                                   matching: Lists.names("name"))
    }

    static let get = CatalogTool(
        "get_task", in: .tasks, title: "Get a task",
        description: "One task.",
        input: TaskTools.byName(["task_id": taskID]),
        output: Schemas.single("task"),
        annotations: .read, audience: .everyone, action: "see tasks"
    ) { call in
        ["task": try await call.client.getTask(id: try await call.task()).shown]
    }

    static let create = CatalogTool(
        "create_task", in: .tasks, title: "Create a task",
        description: "Adds a task to a project (name unique within it); its time is billable unless "
            + "billable_by_default: false.",
        input: .object([
            "project_id": Schemas.id("The project's id."),
            "project": Schemas.name(.project),
            "name": .string("e.g. Design.", minLength: 1, maxLength: 255),
            "billable_by_default": .boolean("Default true."),
            "hourly_rate": ProjectsAndTasks.hourlyRate("Money per hour; overrides the project's."),
        ], required: ["name"]),
        output: Schemas.single("task"),
        annotations: .create, audience: .managersAndUp, action: "create tasks"
    ) { call in
        let draft = TaskDraft(
            projectID: try await call.requiredReference(.project), name: try call.string("name"),
            billableByDefault: call.optionalBool("billable_by_default"), hourlyRate: try call.decimal("hourly_rate"))
        defer { call.directory.invalidate(.task) }
        return ["task": try await call.client.createTask(draft).shown]
    }

    static let update = CatalogTool(
        "update_task", in: .tasks, title: "Update a task",
        description: "Changes a task; only the arguments given change (hourly_rate: null falls back to the "
            + "project's). is_active: true restores an archived task.",
        input: TaskTools.byName([
            "task_id": taskID,
            "name": .string(minLength: 1, maxLength: 255),
            "billable_by_default": .boolean(),
            "hourly_rate": ProjectsAndTasks.hourlyRate("Money per hour.").nullable(),
            "is_active": .boolean(),
        ]),
        output: Schemas.single("task"),
        annotations: .update, audience: .managersAndUp, action: "change tasks"
    ) { call in
        let changes = TaskChanges(
            name: call.optionalString("name"), billableByDefault: call.optionalBool("billable_by_default"),
            hourlyRate: try call.decimalUpdate("hourly_rate"), isActive: call.optionalBool("is_active"))
        let id = try await call.task()
        defer { call.directory.invalidate(.task) }
        return ["task": try await call.client.updateTask(id: id, changes).shown]
    }

    static let archive = CatalogTool(
        "archive_task", in: .tasks, title: "Archive a task",
        description: "Archives a task: stops its running timers and blocks new time; keeps its time. Says how to "
            + "restore. dry_run: true says what it would do.",
        input: TaskTools.byName(["task_id": taskID, "dry_run": Schemas.dryRun]),
        output: ProjectsAndTasks.archiveOutput("task"),
        annotations: .destructive, audience: .managersAndUp, action: "archive tasks"
    ) { call in
        let id = try await call.task()
        let task = try await call.client.getTask(id: id)
        let subject = ArchiveSubject(kind: .task, id: task.id, name: task.name, isActive: task.isActive, parent: task.project)
        return try await ProjectsAndTasks.archive(subject, current: task.shownObject, call) { () throws(HoursmithError) in
            try await call.client.archiveTask(id: id).shownObject
        }
    }

    /// A task tool's input: `task_id`, or `task` by name (within `project`/`project_id` when given).
    static func byName(_ properties: KeyValuePairs<String, JSONSchema>) -> JSONSchema {
        let names: [JSONSchema.Property] = [
            .init(name: "task", schema: Schemas.name(.task)),
            .init(name: "project", schema: JSONSchema.string("With task: the task's project.", minLength: 1, maxLength: 255)),
            .init(name: "project_id", schema: Schemas.id("With task: the task's project.")),
        ]
        let given = properties.map { JSONSchema.Property(name: $0.key, schema: $0.value) }
        return .object(Array(given.prefix(1)) + names + given.dropFirst())
    }
}

extension ToolCall {
    /// The task a task tool is about: `task_id`, or `task` by name within the project given.
    func task() async throws -> Int {
        let (_, task) = try await projectAndTask()
        guard let task else { throw ToolError("Give `task_id`, or `task` with its name (and `project` to narrow it).") }
        return task
    }
}
