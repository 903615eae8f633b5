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

extension TimeBatch {
    // MARK: Answers

    /// Whether a created entry is an earlier call's, its answer replayed by the API (the same
    /// key and body within 24 h): it was created before this call started (`created_at` is in
    /// whole seconds, so before the second the call started in), or it was among the entries
    /// read before the first create.
    static func isReplay(_ entry: TimeEntry, callStarted: Date, readBefore: Set<Int>) -> Bool {
        readBefore.contains(entry.id) || entry.createdAt.secondsSince1970 < Int64(callStarted.timeIntervalSince1970.rounded(.down))
    }

    /// Numbers in order, consecutive ones as runs: `[1, 2, 3, 5]` → `[1...3, 5...5]`.
    static func runs(_ numbers: [Int]) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for number in numbers {
            if let last = runs.last, last.upperBound + 1 == number {
                runs[runs.count - 1] = last.lowerBound...number
            } else {
                runs.append(number...number)
            }
        }
        return runs
    }

    /// Numbers in runs, in words: `"#1–#3, #5"` (prefix `#`), `"12101–12103, 12105"`.
    static func spelled(_ numbers: [Int], prefix: String = "") -> String {
        runs(numbers).map { run in
            run.count == 1 ? "\(prefix)\(run.lowerBound)" : "\(prefix)\(run.lowerBound)–\(prefix)\(run.upperBound)"
        }.joined(separator: ", ")
    }
}

/// What the API checks when time is logged, known beforehand from the projects, tasks and users
/// the token can read (the session's directory), in the API's order (docs/API.md, Time entries):
/// another person by a member (403); then the values (an active user, a project that exists and —
/// for members — is theirs, a task of that project, 0 < hours ≤ 24 after rounding to the
/// hundredth); then an archived project, then an archived task. Each refusal in the words of the
/// API's own (``ErrorMessages``).
struct EntryCheck: Sendable {
    let projects: [Int: DirectoryEntry]
    let tasks: [Int: DirectoryEntry]
    /// The workspace's active users (a member's directory has only the member).
    let activeUsers: Set<Int>
    let userID: Int
    let isMember: Bool

    init(projects: [DirectoryEntry], tasks: [DirectoryEntry], users: [DirectoryEntry], userID: Int, isMember: Bool) {
        self.projects = Dictionary(projects.map { ($0.id, $0) }) { first, _ in first }
        self.tasks = Dictionary(tasks.map { ($0.id, $0) }) { first, _ in first }
        activeUsers = Set(users.filter(\.isActive).map(\.id))
        self.userID = userID
        self.isMember = isMember
    }

    /// Why the API would refuse the draft (sentences), or nil when it would log it.
    func problem(_ draft: TimeEntryDraft) -> String? {
        let person = draft.userID ?? userID
        if isMember && person != userID {
            return ErrorMessages.forbidden(action: TimeTools.logForOthers, role: .member)
        }
        var values: [String] = []
        if !activeUsers.contains(person) {
            values.append("user_id \(person) is not an active user of the workspace.")
        }
        let project = projects[draft.projectID]
        if project == nil {
            values.append(ErrorMessages.notFound(APIObject(.projects, draft.projectID)))
        } else if let project, isMember, !project.memberIDs.contains(userID) {
            values.append("You are not assigned to \(project.name) (project \(draft.projectID)).")
        }
        let task = tasks[draft.taskID]
        if task == nil {
            values.append(ErrorMessages.notFound(APIObject(.tasks, draft.taskID)))
        } else if let task, project != nil, task.parent?.id != draft.projectID {
            values.append("Task \(task.name) (\(draft.taskID)) is not a task of project \(draft.projectID).")
        }
        if let hours = draft.hours.map(Hundredths.of), hours <= 0 || hours > 2400 {
            values.append("hours must be more than 0 and at most 24 (rounded to the hundredth).")
        }
        if !values.isEmpty { return values.joined(separator: " ") }
        if let project, !project.isActive { return ErrorMessages.archived(.project, name: project.name, id: draft.projectID) }
        if let task, !task.isActive { return ErrorMessages.archived(.task, name: task.name, id: draft.taskID) }
        return nil
    }
}
