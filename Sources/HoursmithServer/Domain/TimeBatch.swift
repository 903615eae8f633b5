import Foundation
import HoursmithClient
import JSONCore

/// `create_time_entries`' pure parts: each entry's `Idempotency-Key`, copies of a range's entries
/// shifted by whole weeks, the API's checks of a new entry known beforehand, the look-alikes,
/// and the hours per person and day.
enum TimeBatch {
    /// The most entries one batch takes.
    static let maxEntries = 100

    // MARK: Keys

    /// Each draft's `Idempotency-Key`, derived from what is sent and who sends it: the workspace,
    /// the token's user, the draft's body, and how many identical drafts come before it in the
    /// batch (so two identical entries in one batch are two entries). The API replays a key's first
    /// answer for 24 h, so the same batch sent again — after a lost answer, or in part — creates
    /// nothing twice; an identical batch sent on purpose within 24 h is the same batch.
    static func idempotencyKeys(_ drafts: [TimeEntryDraft], userID: Int, workspaceID: Int) -> [String] {
        var seen: [String: Int] = [:]
        return drafts.map { draft in
            let body = JSON.object(draft.json).serializedString()
            let occurrence = seen[body, default: 0]
            seen[body] = occurrence + 1
            return "hoursmith-mcp-batch-" + SHA256.hex("1|\(workspaceID)|\(userID)|\(occurrence)|\(body)").prefix(40)
        }
    }

    // MARK: Copies

    /// `entries` moved `weeks` whole weeks on (back when negative), oldest first, each for the
    /// same person, project and task, with the same hours, notes and billable flag. Running timers
    /// are left out (counted), and nothing of an invoice is carried over: a copy is a new, plain entry.
    static func copies(of entries: [TimeEntry], weeks: Int) -> (drafts: [TimeEntryDraft], runningLeftOut: Int) {
        let copied = entries.filter { !$0.isRunning }.sorted { ($0.spentDate, $0.id) < ($1.spentDate, $1.id) }
        let drafts = copied.map { entry in
            TimeEntryDraft(
                projectID: entry.project.id, taskID: entry.task.id, spentDate: entry.spentDate.adding(days: 7 * weeks),
                hours: entry.hours, notes: entry.notes, billable: entry.billable, userID: entry.user.id)
        }
        return (drafts, entries.count - copied.count)
    }

    // MARK: Look-alikes and totals

    /// For each draft, the existing entries (ids) and the earlier drafts (indexes) that look like
    /// it (``Lookalike``). `userID` is whose a draft without one is.
    static func lookalikes(
        _ drafts: [TimeEntryDraft], userID: Int, existing: [TimeEntry]
    ) -> [(existing: [Int], earlier: [Int])] {
        let known = existing.map { ($0.id, Lookalike($0)) }
        var shapes: [Lookalike] = []
        return drafts.map { draft in
            let shape = Lookalike(draft, userID: userID)
            defer { shapes.append(shape) }
            return (known.filter { $0.1.looksLike(shape) }.map(\.0),
                    shapes.indices.filter { shapes[$0].looksLike(shape) })
        }
    }

    /// A person's day in the batch: its hours, and the hours already logged that day.
    struct Day: Sendable, Equatable {
        let userID: Int
        let date: LocalDate
        /// The batch's hours that day, in hundredths.
        let hours: Int
        /// Hours already logged that day (in `existing`), in hundredths.
        let alreadyLogged: Int
    }

    /// The batch's hours per person and day, by day then person, beside what `existing` has
    /// logged on those days.
    static func days(_ drafts: [TimeEntryDraft], userID: Int, existing: [TimeEntry]) -> [Day] {
        struct Key: Hashable {
            let user: Int
            let date: LocalDate
        }
        var hours: [Key: Int] = [:]
        for draft in drafts {
            hours[Key(user: draft.userID ?? userID, date: draft.spentDate), default: 0] += draft.hours.map(Hundredths.of) ?? 0
        }
        var logged: [Key: Int] = [:]
        for entry in existing {
            let key = Key(user: entry.user.id, date: entry.spentDate)
            if hours[key] != nil { logged[key, default: 0] += Hundredths.of(entry.hours) }
        }
        return hours.keys.sorted { ($0.date, $0.user) < ($1.date, $1.user) }.map { key in
            Day(userID: key.user, date: key.date, hours: hours[key] ?? 0, alreadyLogged: logged[key] ?? 0)
        }
    }
}

/// What the API checks when time is logged, known beforehand from the projects, tasks and users
/// the token can read, in the API's order (docs/API.md, Time entries): another person by a
/// member (403); then the values (an active user, a project that exists and — for members — is
/// theirs, a task of that project, 0 < hours ≤ 24 after rounding to the hundredth); then an
/// archived project, then an archived task.
struct EntryCheck: Sendable {
    struct ProjectFacts: Sendable {
        let name: String
        let isActive: Bool
        let memberIDs: [Int]
    }

    struct TaskFacts: Sendable {
        let name: String
        let projectID: Int
        let isActive: Bool
    }

    let projects: [Int: ProjectFacts]
    let tasks: [Int: TaskFacts]
    /// The workspace's active users; nil when the token can't list users (a member).
    let activeUsers: Set<Int>?
    let userID: Int
    let isMember: Bool

    /// Why the API would refuse the draft, or nil when it would log it.
    func problem(_ draft: TimeEntryDraft) -> String? {
        let person = draft.userID ?? userID
        if isMember && person != userID {
            return "a member can log time only for themselves (the API answers 403)"
        }
        var fields: [String] = []
        if let activeUsers, !activeUsers.contains(person) {
            fields.append("user_id \(person) is not an active user of the workspace")
        }
        let project = projects[draft.projectID]
        if project == nil {
            fields.append("project_id \(draft.projectID) is no project this token can see")
        } else if let project, isMember, !project.memberIDs.contains(userID) {
            fields.append("you are not assigned to \(project.name) (project \(draft.projectID))")
        }
        let task = tasks[draft.taskID]
        if task == nil {
            fields.append("task_id \(draft.taskID) is no task this token can see")
        } else if let task, project != nil, task.projectID != draft.projectID {
            fields.append("task \(task.name) (\(draft.taskID)) is not a task of project \(draft.projectID)")
        }
        if let hours = draft.hours.map(Hundredths.of), hours <= 0 || hours > 2400 {
            fields.append("hours must be more than 0 and at most 24 (rounded to the hundredth)")
        }
        if !fields.isEmpty { return fields.joined(separator: "; ") }
        if let project, !project.isActive {
            return "\(project.name) (project \(draft.projectID)) is archived: restore it (update_project with is_active: true) "
                + "to log time on it"
        }
        if let task, !task.isActive {
            return "\(task.name) (task \(draft.taskID)) is archived: restore it (update_task with is_active: true) to log time on it"
        }
        return nil
    }
}
