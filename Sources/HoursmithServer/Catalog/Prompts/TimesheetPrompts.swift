import HoursmithClient
import JSONCore
import MCPCore

/// Prompts about timesheets: fill one's own short days in one previewed batch, and — for those
/// who look after a team — see who is short and draft a reminder to each. Neither logs or sends
/// anything on its own.
enum TimesheetPrompts {
    // MARK: fill_my_week

    static let fillMyWeek = CatalogPrompt(
        name: "fill_my_week", title: "Fill my week",
        description: "Finds your short days, proposes entries for them (from last week's pattern or what you describe), "
            + "shows them as one batch to confirm, then logs it.",
        arguments: [
            PromptArgument(name: "week", title: "Week", description: "this_week (default) or last_week."),
            PromptArgument(name: "description", title: "What you did",
                           description: "Optional, free text: what you worked on (\"Mon–Wed Acme website design, Thu "
                               + "standups and code review\"). Without it, last week's pattern is proposed.", maxLength: 5000),
        ],
        needs: ["find_missing_time", "create_time_entries"], audience: .everyone, action: "fill in your week",
        complete: { request, _ in request.argument == "week" ? Completions.words(DateWords.weeks, request.value) : .none },
        messages: fillMyWeekMessages)

    private static func fillMyWeekMessages(_ prompt: PromptCall) async throws -> PromptResult {
        let (week, range) = try prompt.period("week", among: DateWords.weeks, default: "this_week")
        let description = prompt.arguments["description"].flatMap { $0.trimmingSpaces.isEmpty ? nil : $0 }
        let before = (range.lowerBound.adding(days: -7), range.upperBound.adding(days: -7))
        let copy: JSONObject = [
            "copy": ["from": .string(before.0.description), "to": .string(before.1.description)], "dry_run": true,
        ]
        let entry: JSONObject = ["project": "…", "task": "…", "spent_date": "…", "hours": 1, "notes": "…"]
        let source = description.map {
            "from what I did, in my own words: \(PromptText.quoted($0)). Read days such as \"Monday\" against the week's "
                + "dates; when a name is not clearly one project or task, ask me."
        } ?? "from the week before's pattern: \(PromptText.call("create_time_entries", copy)) shows its entries a week on "
            + "(reads only). Keep what fits each short day — its projects, tasks and notes — scaled so that a day gets no "
            + "more than it lacks; if that week has nothing to go on, ask me what I worked on."
        let text = """
            Fill in my timesheet in Hoursmith for \(DateWords.words(week)), \(PromptText.day(range.lowerBound)) to \
            \(PromptText.day(range.upperBound)).
            \(PromptText.situation(prompt)) My weekly capacity is \(prompt.me.user.weeklyCapacityHours) hours.

            1. \(PromptText.call("find_missing_time", ["period": .string(week)])) — my short days (working days before \
            today with less than a fifth of my capacity) and how much each lacks; today's hours so far apart.
            2. If no day is short, say so and stop. Otherwise propose entries for the short days only, \(source)
            3. Check them with \(PromptText.call("create_time_entries", ["entries": [.object(entry)], "dry_run": true])) \
            and show me its table: date, hours, project / task, notes, the totals per day beside what is already \
            logged, any entry with a problem, and any that looks like one already logged. Ask me to confirm. Log \
            nothing before I confirm.
            4. Once I confirm, send create_time_entries as the preview's note says (its `resend` arguments when it has \
            them, else the same call without dry_run), and end with what was logged (ids) and anything refused.
            """
        return PromptResult(description: "Fill my week, \(range.lowerBound) to \(range.upperBound)", messages: [.user(text)])
    }

    // MARK: team_timesheet_check

    static let teamTimesheetCheck = CatalogPrompt(
        name: "team_timesheet_check", title: "Team timesheet check",
        description: "Who on the team is short this week, by how much, and a short reminder to send each of them. "
            + "Sends nothing.",
        arguments: [
            PromptArgument(name: "week", title: "Week", description: "this_week (default) or last_week."),
        ],
        needs: ["find_missing_time"], audience: .managersAndUp, action: "check the team's timesheets",
        complete: { request, _ in Completions.words(DateWords.weeks, request.value) },
        messages: teamTimesheetCheckMessages)

    private static func teamTimesheetCheckMessages(_ prompt: PromptCall) async throws -> PromptResult {
        let (week, range) = try prompt.period("week", among: DateWords.weeks, default: "this_week")
        let today = week == "this_week"
            ? " Today is not over, so it is never short: give its hours (`today`) as so far, never as missed." : ""
        let text = """
            Check the team's timesheets in Hoursmith for \(DateWords.words(week)), \(PromptText.day(range.lowerBound)) to \
            \(PromptText.day(range.upperBound)).
            \(PromptText.situation(prompt))

            1. \(PromptText.call("find_missing_time", ["team": true, "period": .string(week)])) — every active \
            person's working days before today with less than a fifth of their weekly capacity, with what each \
            logged, expected and lacks (reads only).
            2. Show one table of the people who are short: name, logged, expected, gap, and their short days with the \
            hours logged on each. Then the team's totals, and the names of those who are complete.\(today)
            3. For each short person, write a reminder to send them: two or three friendly sentences naming the days \
            and the hours missing, and asking them to log their time (create_time_entries logs a week in one go).

            Send nothing and change nothing: the reminders are for me to send.
            """
        return PromptResult(description: "Team timesheets, \(range.lowerBound) to \(range.upperBound)", messages: [.user(text)])
    }
}
