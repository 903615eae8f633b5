import HoursmithClient
import JSONCore
import MCPCore

/// Prompts about one's own time: log it from a description, review the week, find what was
/// logged twice.
enum TimePrompts {
    // MARK: log_time

    static let logTime = CatalogPrompt(
        name: "log_time", title: "Log time",
        description: "Turns a description such as \"2h Acme website design yesterday, 30m standup\" into time entries, "
            + "shows them for you to confirm, then logs them.",
        arguments: [
            PromptArgument(name: "description", title: "What you did",
                           description: "Free text: hours, project, task, day and what was done, e.g. \"2h Acme website "
                               + "design yesterday, 30m standup\".", isRequired: true, maxLength: 5000),
            PromptArgument(name: "project", title: "Project", description: "The project of entries the description does not place."),
            PromptArgument(name: "task", title: "Task",
                           description: "The task (of that project) of entries the description does not place."),
        ],
        needs: ["create_time_entry"], audience: .everyone, action: "log time",
        complete: { request, call in
            switch request.argument {
            case "project": try await Completions.names(.project, request.value, call)
            case "task": try await Completions.tasks(request.value, project: request.context["project"], call)
            default: .none
            }
        },
        messages: logTimeMessages)

    private static func logTimeMessages(_ prompt: PromptCall) async throws -> PromptResult {
        let description = prompt.arguments["description"] ?? ""
        let project = try await prompt.resolve(.project, "project")
        let task = try await prompt.resolve(.task, "task", within: project?.id)
        var defaults: [String] = []
        if let project { defaults.append("the project \(PromptText.quoted(project.name))") }
        if let task {
            let of = project == nil ? " (of \(task.parent?.name ?? "its project"))" : ""
            defaults.append("the task \(PromptText.quoted(task.name))\(of)")
        }
        let lookups = ["list_projects", "list_tasks"].filter(prompt.offers)
        let find = lookups.isEmpty ? "" : " When a name is not clearly one project or task, look it up first ("
            + lookups.map { $0 == "list_projects" ? PromptText.call($0, ["query": "…"]) : PromptText.call($0, ["project": "…"]) }
                .joined(separator: " or ") + "); never guess between candidates: ask me."
        let entry: JSONObject = ["project": "…", "task": "…", "spent_date": "…", "hours": 0.5, "notes": "…"]
        let text = """
            Log my time in Hoursmith from this description, in my own words:
            \(PromptText.quoted(description))
            \(defaults.isEmpty ? "" : "Where it does not say otherwise, use \(defaults.joined(separator: " and ")).\n")
            \(PromptText.situation(prompt))

            1. Turn the description into time entries: spent_date \
            (YYYY-MM-DD; read "yesterday", "Monday" and the like against today; default today), hours \
            (decimal: 30m = 0.5, 1h15 = 1.25; more than 0 and at most 24 per entry), project, task, and notes \
            (what was done).
            2. create_time_entry takes the project and the task by name ("project", "task").\(find)
            3. Show me the entries as a table (date, hours, project / task, notes) with the total, and ask me to \
            confirm. Create nothing before I confirm.
            4. Once I confirm, call \
            \(PromptText.call("create_time_entry", entry)) \
            once per entry. If a result names an existing entry that looks the same, tell me which. End with what was \
            logged and the ids.
            """
        return PromptResult(description: "Log time from: \(description.prefix(80))", messages: [.user(text)])
    }

    // MARK: weekly_review

    static let weeklyReview = CatalogPrompt(
        name: "weekly_review", title: "Weekly review",
        description: "Your week: hours per day against your weekly capacity, days with no time, timers left running, "
            + "and entries without notes.",
        arguments: [
            PromptArgument(name: "week", title: "Week", description: "last_week (default) or this_week."),
        ],
        needs: ["get_time_report", "list_time_entries"], audience: .everyone, action: "review your week",
        complete: { request, _ in Completions.words(DateWords.weeks, request.value) },
        messages: weeklyReviewMessages)

    private static func weeklyReviewMessages(_ prompt: PromptCall) async throws -> PromptResult {
        let (week, range) = try prompt.period("week", among: DateWords.weeks, default: "last_week")
        let me = prompt.me.user
        let dates: JSONObject = [
            "user_id": .int(me.id), "from": .string(range.lowerBound.description), "to": .string(range.upperBound.description),
        ]
        var byDay = dates, entries = dates
        byDay["group_by"] = "day"
        entries["all"] = true
        let text = """
            Review my week in Hoursmith: \(DateWords.words(week)), \(PromptText.day(range.lowerBound)) to \
            \(PromptText.day(range.upperBound)).
            \(PromptText.situation(prompt)) My weekly capacity is \(me.weeklyCapacityHours) hours.

            Make these calls (reads only; change nothing):
            1. \(PromptText.call("get_time_report", byDay)) — my hours per day (days with no time are absent).
            2. \(PromptText.call("list_time_entries", ["user_id": .int(me.id), "is_running": true])) — timers still \
            running, whatever their day.
            3. \(PromptText.call("list_time_entries", entries)) — the week's entries; one without "notes" has none.

            Then answer briefly, in this shape:
            - A table of the seven days (date, weekday, hours), marking the working days with no time.
            - The week's total against my capacity (hours and percent), and the billable hours.
            - Timers left running: project / task, day, hours so far (stop_timer stops one) — or "none".
            - Entries without notes: date, project / task, hours, id — or "none". Offer to add notes with \
            update_time_entry, but change nothing unless I ask.
            """
        return PromptResult(description: "Weekly review, \(range.lowerBound) to \(range.upperBound)", messages: [.user(text)])
    }

    // MARK: find_duplicates

    static let findDuplicates = CatalogPrompt(
        name: "find_duplicates", title: "Find duplicate entries",
        description: "Time entries that look like the same work logged twice in a period, for you to review. Deletes nothing.",
        arguments: [
            PromptArgument(name: "period", title: "Period",
                           description: "today, yesterday, this_week, last_week, this_month (default), last_month or this_year."),
        ],
        needs: ["list_time_entries"], audience: .everyone, action: "look for duplicate time entries",
        complete: { request, _ in Completions.words(DateWords.periods, request.value) },
        messages: findDuplicatesMessages)

    private static func findDuplicatesMessages(_ prompt: PromptCall) async throws -> PromptResult {
        let (period, range) = try prompt.period("period", among: DateWords.periods, default: "this_month")
        let isMember = prompt.me.user.role == .member
        let narrower = isMember
            ? "by project (\"project\": \"…\")"
            : "person by person (\"user\": \"…\") or project by project (\"project\": \"…\")"
        let deleting = prompt.offers("delete_time_entry")
            ? " If I then ask to remove one, call delete_time_entry with dry_run: true first, and delete only after I confirm."
            : ""
        let text = """
            Find time entries in Hoursmith that look like the same work logged twice: \
            \(DateWords.words(period)), \(range.lowerBound) to \
            \(range.upperBound)\(isMember ? ", my own entries" : "").
            \(PromptText.situation(prompt))

            1. \(PromptText.call("list_time_entries", ["period": .string(period), "all": true])) — the period's \
            entries, concise: spent_date, hours, notes, user, project, task, and the invoice of invoiced ones. If the \
            result says it is truncated, list again \(narrower) with the same period.
            2. Entries look alike when they have the same person and day, and either the same project, task and \
            hours, or the same notes (not empty; ignore case and surrounding spaces).
            3. Show each group of look-alikes: date, person, project / task, hours, notes and ids, marking invoiced \
            entries (they can't be changed or deleted). Then say how many groups there are, or that there are none.

            Delete or change nothing: this is for me to review.\(deleting)
            """
        return PromptResult(description: "Possible duplicates, \(range.lowerBound) to \(range.upperBound)", messages: [.user(text)])
    }
}
