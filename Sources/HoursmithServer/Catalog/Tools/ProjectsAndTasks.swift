import HoursmithClient
import JSONCore
import MCPCore

/// A project or a task about to be archived, as read just before.
struct ArchiveSubject: Sendable {
    enum Kind: String, Sendable {
        case project, task
    }

    let kind: Kind
    let id: Int
    let name: String
    /// False when it is already archived: archiving it again changes nothing.
    let isActive: Bool
    /// The project's client, or the task's project.
    let parent: NamedReference

    var noun: String { kind.rawValue }
    private var parentNoun: String { kind == .project ? "client" : "project" }

    /// "Acme Website (project 1, for Acme Corp)", "Design (task 1 on Acme Website)".
    var label: String {
        kind == .project ? "\(name) (project \(id), for \(parent.name))" : "\(name) (task \(id) on \(parent.name))"
    }

    /// `{"id", "name", "client"|"project": {"id", "name"}}`.
    var target: JSON {
        ["id": .int(id), "name": .string(name), parentNoun: .object(parent.json)]
    }

    /// The running timers archiving stops: those on the project, or on the task.
    var runningTimers: TimeEntryFilter {
        kind == .project ? TimeEntryFilter(projectID: id, isRunning: true) : TimeEntryFilter(taskID: id, isRunning: true)
    }

    /// What archiving keeps and what it prevents.
    var keeps: String {
        kind == .project
            ? "Its tasks, time entries and expenses are kept; no time or expenses can be logged on it until it is restored."
            : "Its time entries are kept; no time can be logged on it until it is restored."
    }

    /// "update_project with project_id: 1 and is_active: true".
    var restore: String { "update_\(noun) with \(noun)_id: \(id) and is_active: true" }
}

/// What the projects and tasks toolsets share: the rate argument, the date-order check, and
/// archiving (no refusal: the result says what archiving did and how to restore).
enum ProjectsAndTasks {
    /// Money per hour: 0 to 10⁹.
    static func hourlyRate(_ description: String) -> JSONSchema {
        .number(description, minimum: 0, maximum: 1_000_000_000)
    }

    /// `starts_on` on or before `ends_on`, when both are given.
    static func checkOrder(startsOn: LocalDate?, endsOn: LocalDate?) throws(ToolError) {
        if let startsOn, let endsOn, endsOn < startsOn {
            throw ToolError("`ends_on` (\(endsOn)) is before `starts_on` (\(startsOn)): give an end on or after the start.")
        }
    }

    /// The same check on changes: only dates being set are compared.
    static func checkOrder(startsOn: FieldUpdate<LocalDate>, endsOn: FieldUpdate<LocalDate>) throws(ToolError) {
        if case .set(let start) = startsOn, case .set(let end) = endsOn {
            try checkOrder(startsOn: start, endsOn: end)
        }
    }

    /// The archive tools' result: the guard's shapes, whether it was archived already, and the
    /// object (`key`) as it is now.
    static func archiveOutput(_ key: String) -> JSONSchema {
        let base = GuardVerdict.outputSchema(done: "archived")
        return .object(base.properties + [
            .init(name: "already_archived", schema: .boolean()),
            .init(name: key, schema: Schemas.object),
        ], required: base.required, additionalProperties: true)
    }

    /// Archives `subject` (read just before, `current` its wire form) with `act`: first finds
    /// the timers archiving will stop; with `dry_run` reports that and stops; an archived
    /// subject is left alone (the API's archive would be a no-op) and the result says so.
    static func archive(
        _ subject: ArchiveSubject, current: JSONObject, _ call: ToolCall,
        act: @Sendable () async throws(HoursmithError) -> JSONObject
    ) async throws -> JSON {
        let timers = subject.isActive ? try await call.client.listTimeEntries(subject.runningTimers, page: 1, perPage: 2000) : nil
        let verdict = check(subject, timers: timers)
        if call.bool("dry_run", default: false) {
            var result = verdict.json.objectValue ?? [:]
            result["already_archived"] = .bool(!subject.isActive)
            return .object(result)
        }
        guard subject.isActive else {
            return [
                "archived": false, "already_archived": true, "target": subject.target,
                "also_affected": .object(verdict.alsoAffected), "message": .string(verdict.reason), subject.noun: .object(current),
            ]
        }
        let archived = try await act()
        let message = "Archived \(subject.label). \(stopped(timers, tense: .past)) \(subject.keeps) "
            + "To restore it: \(subject.restore)\(restartHint(timers))."
        var result = verdict.performed("archived", message: message).objectValue ?? [:]
        result["already_archived"] = false
        result[subject.noun] = .object(archived)
        return .object(result)
    }

    /// The verdict before acting: always `archive` (archiving is never refused).
    static func check(_ subject: ArchiveSubject, timers: Page<TimeEntry>?) -> GuardVerdict {
        guard subject.isActive, let timers else {
            return GuardVerdict(
                action: .archive,
                reason: "\(subject.label) is already archived: archiving it again changes nothing. To restore it: \(subject.restore).",
                target: subject.target, alsoAffected: ["running_timers": []])
        }
        let reason = "Archiving \(subject.label) \(stopped(timers, tense: .future)) \(subject.keeps) "
            + "To restore it later: \(subject.restore)\(restartHint(timers))."
        let running = timers.items.map { JSON.object(timerJSON($0)) }
        return GuardVerdict(action: .archive, reason: reason, target: subject.target, alsoAffected: ["running_timers": .array(running)])
    }

    private enum Tense {
        case past, future
    }

    /// "Stopped 1 running timer: Sam Carter's timer on Development (time entry 1, 1.02 h)."
    private static func stopped(_ timers: Page<TimeEntry>?, tense: Tense) -> String {
        let total = timers?.totalEntries ?? 0
        guard let timers, total > 0 else {
            return tense == .past ? "No timer was running on it." : "stops no timer: none is running on it."
        }
        let elapsed = tense == .past ? "h" : "h so far"
        let named = timers.items.prefix(10).map {
            "\($0.user.name)'s timer on \($0.task.name) (time entry \($0.id), \($0.hours) \(elapsed))"
        }
        let more = total > named.count ? " and \(total - named.count) more" : ""
        let counted = GuardWords.count(total, "running timer")
        return (tense == .past ? "Stopped \(counted): " : "stops \(counted): ") + named.joined(separator: "; ") + more + "."
    }

    private static func restartHint(_ timers: Page<TimeEntry>?) -> String {
        (timers?.totalEntries ?? 0) > 0 ? " (that does not restart stopped timers; start_timer with a time_entry_id restarts one)" : ""
    }

    /// A running timer in `also_affected`: who, on what, since when, and for how long so far.
    private static func timerJSON(_ entry: TimeEntry) -> JSONObject {
        let json = entry.shownObject
        return JSONObject(["id", "user", "project", "task", "spent_date", "hours", "timer_started_at"].compactMap { key in
            json[key].map { (key, $0) }
        })
    }
}
