import HoursmithClient
import JSONCore
import MCPCore

/// The timers: start a new one or restart an entry's, stop one, and find the running one.
/// A person has at most one running timer: starting another stops it, and the result says so.
extension TimeTools {
    static let startTimer = CatalogTool(
        "start_timer", in: .time, title: "Start a timer",
        description: "Starts a timer: a new one on a project's task, or time_entry_id to restart an entry (its hours "
            + "keep counting). A person has one running timer: the other one stops, and stopped_timer names it.",
        input: .object(projectAndTask + [
            .init(name: "time_entry_id", schema: Schemas.id("Restart this entry instead.")),
            .init(name: "notes", schema: notes),
            .init(name: "spent_date", schema: Schemas.date("Default today.")),
        ]),
        output: Schemas.result(["time_entry": Schemas.object, "stopped_timer": Schemas.object.nullable(), "message": .string()]),
        annotations: .create, audience: .everyone, action: "start timers for other people"
    ) { call in
        let start = try await TimerStart(call)
        // Find the running timer the start will stop, before acting. A restart may be of someone
        // else's entry (managers and up), so it looks at every running timer the token can see.
        let running = try await call.client.listTimeEntries(
            TimeEntryFilter(userID: start.isRestart ? nil : call.me.user.id, isRunning: true), page: 1, perPage: 2000)
        let entry: TimeEntry
        switch start {
        case .new(let draft): entry = try await call.client.createTimeEntry(draft)
        case .restart(let id): entry = try await call.client.restartTimeEntry(id: id)
        }
        let stopped = running.items.first { $0.user.id == entry.user.id && $0.id != entry.id }
        let started = start.isRestart
            ? "Restarted the timer of \(describe(entry)); its hours keep counting from there."
            : "Started a timer on \(entry.project.name) / \(entry.task.name) for \(entry.spentDate) (time entry \(entry.id))."
        let owner = entry.user.id == call.me.user.id ? "Your" : "\(entry.user.name)'s"
        let other = stopped.map {
            " \(owner) other timer was stopped: time entry \($0.id) on \($0.project.name) / \($0.task.name) "
                + "(\($0.spentDate)), which had \($0.hours) h just before."
        } ?? " No other timer was running, so none was stopped."
        return [
            "time_entry": entry.shown, "stopped_timer": stopped.map(\.shown) ?? .null,
            "message": .string(started + other),
        ]
    }

    static let stopTimer = CatalogTool(
        "stop_timer", in: .time, title: "Stop a timer",
        description: "Stops a running timer, keeping its time. Default: your own.",
        input: .object(["time_entry_id": Schemas.id("The running entry. Default: yours.")]),
        output: Schemas.result(["time_entry": Schemas.object, "message": .string()]),
        annotations: .update, audience: .everyone, action: "stop other people's timers"
    ) { call in
        let id: Int
        if let given = call.optionalInt("time_entry_id") {
            id = given
        } else {
            let running = try await call.client.listTimeEntries(
                TimeEntryFilter(userID: call.me.user.id, isRunning: true), page: 1, perPage: 1)
            guard let mine = running.items.first else {
                throw ToolError("You have no running timer to stop. To stop someone else's, give its time_entry_id "
                    + "(list_time_entries with is_running: true lists the running timers you can see).")
            }
            id = mine.id
        }
        let entry = try await call.client.stopTimeEntry(id: id)
        return [
            "time_entry": entry.shown,
            "message": .string("Stopped the timer of time entry \(entry.id) on \(entry.project.name) / \(entry.task.name) "
                + "(\(entry.spentDate), \(entry.user.name)): \(entry.hours) h logged."),
        ]
    }

    static let runningTimer = CatalogTool(
        "get_running_timer", in: .time, title: "Get the running timer",
        description: "The timer running now for a person (default: you), with its hours so far; time_entry is "
            + "null when none runs.",
        input: .object(Schemas.reference(.user, "Whose timer. Default: you.")),
        output: Schemas.result(["time_entry": Schemas.object.nullable(), "message": .string()]),
        annotations: .read, audience: .everyone, action: "see other people's timers"
    ) { call in
        try await running(of: try await call.reference(.user) ?? call.me.user.id, call)
    }

    /// `{time_entry, message}`: the person's running timer, or null and a sentence saying there is
    /// none (one request). The timer resource shows the same.
    static func running(of userID: Int, _ call: ToolCall) async throws -> JSON {
        let running = try await call.client.listTimeEntries(TimeEntryFilter(userID: userID, isRunning: true), page: 1, perPage: 1)
        let isMe = userID == call.me.user.id
        guard let entry = running.items.first else {
            let who = isMe ? "You have" : "User \(userID) has"
            return ["time_entry": .null, "message": .string("\(who) no running timer. start_timer starts one.")]
        }
        let whose = isMe ? "Your" : "\(entry.user.name)'s"
        let since = entry.timerStartedAt.map { ", running since \($0.text)" } ?? ""
        return [
            "time_entry": entry.shown,
            "message": .string("\(whose) timer on \(entry.project.name) / \(entry.task.name) (time entry \(entry.id), "
                + "\(entry.spentDate)) has \(entry.hours) h so far\(since)."),
        ]
    }
}

/// What `start_timer` was asked to do: a new timer (project and task) or a restart (an entry).
private enum TimerStart {
    case new(TimeEntryDraft)
    case restart(Int)

    var isRestart: Bool { if case .restart = self { true } else { false } }

    init(_ call: ToolCall) async throws {
        let entryID = call.optionalInt("time_entry_id")
        let (projectID, taskID) = try await call.projectAndTask()
        if let entryID {
            guard projectID == nil && taskID == nil else {
                throw ToolError("Give either time_entry_id (restart that entry's timer) or project_id and task_id "
                    + "(start a new timer), not both.")
            }
            guard !call.arguments.contains("notes") && !call.arguments.contains("spent_date") else {
                throw ToolError("notes and spent_date are for a new timer; a restart keeps the entry's own. Restart "
                    + "with time_entry_id alone, then change them with update_time_entry if needed.")
            }
            self = .restart(entryID)
            return
        }
        guard let projectID, let taskID else {
            let missing = projectID == nil && taskID == nil
                ? "Give project_id and task_id to start a new timer, or time_entry_id to restart an entry's timer."
                : "Give both project_id and task_id to start a new timer (list_tasks with project_id finds the task), "
                    + "or time_entry_id to restart an entry's timer."
            throw ToolError(missing)
        }
        self = .new(TimeEntryDraft(
            projectID: projectID, taskID: taskID, spentDate: try call.date("spent_date", default: "today"),
            notes: call.optionalString("notes")))
    }
}
