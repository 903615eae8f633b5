import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// `create_time_entries`: up to 100 entries in one call, each given as `create_time_entry` takes
/// it or copied from a range whole weeks earlier (`copy`). `dry_run` resolves and checks them all
/// and shows the table; otherwise they are logged one by one, paced under the rate limit, each
/// with an `Idempotency-Key` derived from its content, so that the same batch sent again logs
/// nothing twice.
extension TimesheetTools {
    /// An entry of a batch: as `create_time_entry` takes it, with fewer words.
    static let batchEntry = JSONSchema.object(TimeTools.projectAndTask + [
        .init(name: "spent_date", schema: Schemas.date("Default today.")),
        .init(name: "hours", schema: TimeTools.hours),
        .init(name: "notes", schema: TimeTools.notes),
        .init(name: "billable", schema: .boolean()),
    ] + Schemas.reference(.user, "For this person. Default: you."), required: ["hours"])

    static let copySource = JSONSchema.object(Schemas.reference(.user, "Whose entries. Default: yours.") + [
        .init(name: "from", schema: Schemas.from),
        .init(name: "to", schema: Schemas.to),
        .init(name: "period", schema: Schemas.period),
    ] + Schemas.reference(.project, "Only this project's.") + [
        .init(name: "weeks", schema: .integer("How many weeks later (negative: earlier). Default 1.", minimum: -52, maximum: 52)),
    ], description: "Instead of entries: a range's entries, whole weeks later (not running timers).")

    static let createTimeEntries = CatalogTool(
        "create_time_entries", in: .time, title: "Log many time entries",
        description: "Logs up to 100 entries, each as create_time_entry takes it, or copies a range's entries weeks "
            + "later (copy). dry_run: true checks every entry, flags look-alikes and returns the table with totals per day, "
            + "logging nothing: show it first. Resent unchanged, a batch logs nothing twice.",
        input: .object([
            .init(name: "entries", schema: .array(of: batchEntry, minItems: 1, maxItems: TimeBatch.maxEntries)),
            .init(name: "copy", schema: copySource),
            .init(name: "dry_run", schema: .boolean("true: check and show the table; log nothing.")),
        ]),
        output: Schemas.result(["entries": .array(of: Schemas.object), "results": .array(of: .string())], required: []),
        annotations: .create, audience: .everyone, action: "log time for other people"
    ) { call in
        let batch = try await BatchItems(call)
        if call.bool("dry_run", default: false) {
            return try await preview(batch, call)
        }
        return try await create(batch, call)
    }
}

/// The batch's entries in order: each resolved to a draft, or refused with why (a name that
/// matches nothing, a date that is none).
struct BatchItems: Sendable {
    enum Item: Sendable {
        case draft(TimeEntryDraft)
        case refused(String)

        var draft: TimeEntryDraft? { if case .draft(let draft) = self { draft } else { nil } }
    }

    let items: [Item]
    /// What `copy` read and left out, for the answer.
    let copied: String?

    var drafts: [TimeEntryDraft] { items.compactMap(\.draft) }

    init(_ call: ToolCall) async throws {
        let entries = call.arguments.array("entries")
        let copy = call.arguments["copy"]?.objectValue
        switch (entries, copy) {
        case (let entries?, nil):
            var items: [Item] = []
            for entry in entries {
                do {
                    var draft = try await TimeTools.draft(call.with(entry.objectValue ?? [:]))
                    // Always named, so that a key's body is the same however the person was given.
                    draft.userID = draft.userID ?? call.me.user.id
                    items.append(.draft(draft))
                } catch let error as ToolError {
                    // The single tools' "Nothing was done." is about the whole call; here the others go on.
                    items.append(.refused(error.message.replacingOccurrences(of: " Nothing was done.", with: "")))
                }
            }
            self.items = items
            copied = nil
        case (nil, let copy?):
            do {
                (items, copied) = try await BatchItems.copies(call.with(copy), call)
            } catch let error as ToolError {
                throw ToolError("In `copy`: \(error.message)")
            }
        default:
            throw ToolError("Give either `entries` (up to \(TimeBatch.maxEntries)) or `copy` (a range to copy weeks later): one "
                + "of the two.")
        }
    }

    /// The drafts `copy` describes: the source range's entries (a person's, one project's if
    /// given), moved by whole weeks; one request.
    private static func copies(_ source: ToolCall, _ call: ToolCall) async throws -> ([Item], String) {
        let me = call.me.user
        if me.role == .member, source.optionalInt("user_id").map({ $0 != me.id }) == true {
            throw ToolError(ErrorMessages.forbidden(action: "log time for other people", role: .member))
        }
        let (from, to) = try source.requiredRange()
        let weeks = source.optionalInt("weeks") ?? 1
        guard weeks != 0 else {
            throw ToolError("`weeks` is 0: give how many weeks later (1 is the next week, -1 the week before).")
        }
        let userID = try await source.reference(.user) ?? me.id
        let filter = TimeEntryFilter(userID: userID, projectID: try await source.reference(.project), from: from, to: to)
        let page = try await call.client.listTimeEntries(filter, page: 1, perPage: 2000)
        let (drafts, running) = TimeBatch.copies(of: page.items, weeks: weeks)
        guard page.totalEntries <= page.items.count, drafts.count <= TimeBatch.maxEntries else {
            throw ToolError("\(from) to \(to) has \(page.totalEntries) entries to copy, more than a batch's \(TimeBatch.maxEntries): "
                + "copy a shorter range, or one project at a time.")
        }
        guard !drafts.isEmpty else {
            throw ToolError("Nothing to copy: \(from) to \(to) has no stopped time entries"
                + (filter.projectID == nil ? "" : " on that project") + " for that person.")
        }
        let shift = weeks == 1 ? "a week later" : weeks > 0 ? "\(weeks) weeks later"
            : weeks == -1 ? "a week earlier" : "\(-weeks) weeks earlier"
        let left = running > 0 ? "; a running timer is not copied" : ""
        return (drafts.map(Item.draft), "The \(drafts.count) entries of \(from) to \(to), \(shift)\(left).")
    }
}

extension TimesheetTools {
    // MARK: Preview

    /// The table that would be logged: every entry checked as the API would check it, with its
    /// look-alikes, and the hours per person and day beside what is logged already. Reads only.
    static func preview(_ batch: BatchItems, _ call: ToolCall) async throws -> JSON {
        let api = call.client
        let me = call.me.user
        async let projects = api.collectAll(limit: Lists.maxLimit) { (page, perPage) throws(HoursmithError) in
            try await api.listProjects(page: page, perPage: perPage)
        }
        async let tasks = api.collectAll(limit: Lists.maxLimit) { (page, perPage) throws(HoursmithError) in
            try await api.listTasks(page: page, perPage: perPage)
        }
        // Members can't list users: they may log only for themselves, which the check knows.
        async let users: [User]? = me.role == .member ? nil
            : api.collectAll(limit: Lists.maxLimit) { (page, perPage) throws(HoursmithError) in
                try await api.listUsers(UserFilter(isActive: true), page: page, perPage: perPage)
            }.items
        let existing = try await existingEntries(batch.drafts, call)
        let (projectList, taskList, userList) = try await (projects.items, tasks.items, users)
        let projectFacts = projectList.map { project in
            (project.id, EntryCheck.ProjectFacts(name: project.name, isActive: project.isActive, memberIDs: project.memberIDs))
        }
        let taskFacts = taskList.map { task in
            (task.id, EntryCheck.TaskFacts(name: task.name, projectID: task.project.id, isActive: task.isActive))
        }
        let check = EntryCheck(
            projects: Dictionary(projectFacts) { first, _ in first }, tasks: Dictionary(taskFacts) { first, _ in first },
            activeUsers: userList.map { Set($0.map(\.id)) }, userID: me.id, isMember: me.role == .member)
        var names: [Int: String] = [me.id: me.name]
        for user in userList ?? [] { names[user.id] = user.name }
        let drafts = batch.drafts
        let alike = TimeBatch.lookalikes(drafts, userID: me.id, existing: existing)
        var rows: [JSON] = []
        var shown: Set<Int> = []
        var numbers: [Int] = []
        var refused = 0, flagged = 0, hours = 0
        var draftIndex = 0
        for (index, item) in batch.items.enumerated() {
            var row: JSONObject = ["n": .int(index + 1)]
            switch item {
            case .refused(let why):
                refused += 1
                row["problem"] = .string(why)
            case .draft(let draft):
                let person = draft.userID ?? me.id
                numbers.append(index + 1)
                row["date"] = .string(draft.spentDate.description)
                row["hours"] = Hundredths.json(draft.hours.map(Hundredths.of) ?? 0)
                row["project"] = .string(check.projects[draft.projectID]?.name ?? "project \(draft.projectID)")
                row["task"] = .string(check.tasks[draft.taskID]?.name ?? "task \(draft.taskID)")
                if let notes = draft.notes, !notes.isEmpty { row["notes"] = .string(shortened(notes, to: 200)) }
                if person != me.id { row["user"] = .string(names[person] ?? "user \(person)") }
                if draft.billable == false { row["billable"] = false }
                if let problem = check.problem(draft) {
                    refused += 1
                    row["problem"] = .string("Hoursmith would refuse it: \(problem).")
                } else {
                    hours += draft.hours.map(Hundredths.of) ?? 0
                }
                let (same, earlier) = alike[draftIndex]
                if !same.isEmpty || !earlier.isEmpty { flagged += 1 }
                if !same.isEmpty {
                    row["looks_like"] = .array(same.map(JSON.int))
                    shown.formUnion(same)
                }
                if !earlier.isEmpty { row["same_as"] = .array(earlier.map { .int(numbers[$0]) }) }
                draftIndex += 1
            }
            rows.append(.object(row))
        }
        let several = Set(drafts.map { $0.userID ?? me.id }).count > 1
        let days: [JSON] = TimeBatch.days(drafts, userID: me.id, existing: existing).map { day in
            var object: JSONObject = ["date": .string(day.date.description)]
            if several { object["user"] = .string(names[day.userID] ?? "user \(day.userID)") }
            object["hours"] = Hundredths.json(day.hours)
            object["already_logged"] = Hundredths.json(day.alreadyLogged)
            return .object(object)
        }
        var result: JSONObject = ["dry_run": true, "entries": .array(rows), "days": .array(days)]
        let lookalikes = existing.filter { shown.contains($0.id) }
        if !lookalikes.isEmpty { result["existing"] = .array(lookalikes.prefix(maxShownLookalikes).map(describe)) }
        result["totals"] = [
            "entries": .int(batch.items.count), "would_log": .int(batch.items.count - refused),
            "hours": Hundredths.json(hours), "refused": .int(refused), "look_alikes": .int(flagged),
        ]
        var note = "Nothing was logged. Show this table; once confirmed, send the same call without dry_run."
        if refused > 0 { note += " Entries with a problem would be refused; the others logged." }
        if flagged > 0 {
            let more = lookalikes.count > maxShownLookalikes
                ? " (the first \(maxShownLookalikes) of \(lookalikes.count); get_time_entry shows any other)" : ""
            note += " looks_like: an existing entry (in `existing`\(more)) of the same person and day with the same project, "
                + "task and hours, or the same notes; same_as: an earlier entry of this batch. Ask whether they are the same work."
        }
        if let copied = batch.copied { note = copied + " " + note }
        result["note"] = .string(note)
        return .object(result)
    }

    /// The entries already logged on the batch's days by its people (one paced walk): for the
    /// look-alikes and the day totals.
    static func existingEntries(_ drafts: [TimeEntryDraft], _ call: ToolCall) async throws -> [TimeEntry] {
        let dates = drafts.map(\.spentDate)
        guard let first = dates.min(), let last = dates.max() else { return [] }
        let people = Set(drafts.map { $0.userID ?? call.me.user.id })
        let filter = TimeEntryFilter(userID: people.count == 1 ? people.first : nil, from: first, to: last)
        let api = call.client
        return try await api.collectAll(limit: Lists.maxLimit) { (page, perPage) throws(HoursmithError) in
            try await api.listTimeEntries(filter, page: page, perPage: perPage)
        }.items.filter { people.contains($0.user.id) }
    }

    /// The most existing look-alikes a preview describes.
    static let maxShownLookalikes = 20

    /// An existing look-alike, briefly: `{id, date, hours, project, task, notes?}`.
    private static func describe(_ entry: TimeEntry) -> JSON {
        var object: JSONObject = [
            "id": .int(entry.id), "date": .string(entry.spentDate.description), "hours": .decimal(entry.hours),
            "project": .string(entry.project.name), "task": .string(entry.task.name),
        ]
        if let notes = entry.notes, !notes.isEmpty { object["notes"] = .string(shortened(notes, to: 100)) }
        return .object(object)
    }

    /// The text, cut to `length` characters and "…" when it is longer.
    private static func shortened(_ text: String, to length: Int) -> String {
        text.count > length ? String(text.prefix(length)) + "…" : text
    }
}

extension ToolCall {
    /// The same call with other arguments: one entry of a batch, read by the accessors a single
    /// tool's arguments are read by.
    func with(_ arguments: JSONObject) -> ToolCall {
        ToolCall(arguments: ToolArguments(arguments), context: context, client: client, me: me, budget: budget,
                 directory: directory)
    }
}
