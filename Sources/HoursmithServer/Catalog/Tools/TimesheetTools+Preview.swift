import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// `create_time_entries` with `dry_run: true`: the table that would be logged, every entry checked
/// as the API would check it, with its look-alikes and the hours per person and day beside what
/// is logged already. Reads only.
extension TimesheetTools {
    /// How much an answer about a batch shows, most first: each answer takes the first that fits
    /// the result budget, so that its note — what was (not) logged, how to send it again — and
    /// which entries it is about are never cut.
    enum Detail: CaseIterable {
        /// Everything, notes up to 200 characters.
        case full
        /// Notes up to 40 characters; a create's lines without their summaries.
        case brief
        /// No notes.
        case noNotes
        /// Only the entries that need a word (a problem, a look-alike, a refusal), the others by
        /// number; no notes, no days.
        case essentials
        /// As `essentials`, with `resend` told in a sentence rather than written out.
        case bare

        /// How much of an entry's notes it shows (0: none).
        var notes: Int {
            switch self {
            case .full: 200
            case .brief: 40
            case .noNotes, .essentials, .bare: 0
            }
        }
    }

    /// The most existing look-alikes a preview describes.
    static let maxShownLookalikes = 20

    static func preview(_ batch: BatchItems, _ call: ToolCall) async throws -> JSON {
        let me = call.me.user
        let drafts = batch.drafts
        async let projects = call.directory.entries(.project, using: call.reader)
        async let tasks = call.directory.entries(.task, using: call.reader)
        async let users = call.directory.entries(.user, using: call.reader)
        async let existing = ExistingEntries.read(drafts, call)
        let (projectList, taskList, userList) = try await (projects, tasks, users)
        let check = EntryCheck(projects: projectList, tasks: taskList, users: userList, userID: me.id, isMember: me.role == .member)
        var names: [Int: String] = [me.id: me.name]
        for user in userList { names[user.id] = user.name }
        let found = try await existing
        let alike = TimeBatch.lookalikes(drafts, userID: me.id, existing: found.entries)

        var rows: [PreviewRow] = []
        var shown: Set<Int> = []
        var numbers: [Int] = []
        var refused = 0, flagged = 0, hours = 0
        var draftIndex = 0
        for (index, item) in batch.items.enumerated() {
            var row = PreviewRow(number: index + 1)
            switch item {
            case .refused(let why):
                refused += 1
                row.flags["problem"] = .string(why)
            case .draft(let draft):
                let person = draft.userID ?? me.id
                numbers.append(index + 1)
                row.object["date"] = .string(draft.spentDate.description)
                row.object["hours"] = Hundredths.json(draft.hours.map(Hundredths.of) ?? 0)
                row.object["project"] = .string(check.projects[draft.projectID]?.name ?? "project \(draft.projectID)")
                row.object["task"] = .string(check.tasks[draft.taskID]?.name ?? "task \(draft.taskID)")
                row.notes = draft.notes
                if person != me.id { row.object["user"] = .string(names[person] ?? "user \(person)") }
                if draft.billable == false { row.object["billable"] = false }
                if let problem = check.problem(draft) {
                    refused += 1
                    row.flags["problem"] = .string("Hoursmith would refuse it: \(problem)")
                } else {
                    hours += draft.hours.map(Hundredths.of) ?? 0
                }
                let (same, earlier) = alike[draftIndex]
                if !same.isEmpty || !earlier.isEmpty { flagged += 1 }
                if !same.isEmpty {
                    row.flags["looks_like"] = .array(same.map(JSON.int))
                    shown.formUnion(same)
                }
                if !earlier.isEmpty { row.flags["same_as"] = .array(earlier.map { .int(numbers[$0]) }) }
                draftIndex += 1
            }
            rows.append(row)
        }
        let several = Set(drafts.map { $0.userID ?? me.id }).count > 1
        let days: [JSON] = TimeBatch.days(drafts, userID: me.id, existing: found.entries).map { day in
            var object: JSONObject = ["date": .string(day.date.description)]
            if several { object["user"] = .string(names[day.userID] ?? "user \(day.userID)") }
            object["hours"] = Hundredths.json(day.hours)
            if found.unread[day.userID] == nil { object["already_logged"] = Hundredths.json(day.alreadyLogged) }
            return .object(object)
        }
        let lookalikes = found.entries.filter { shown.contains($0.id) }
        let totals: JSONObject = [
            "entries": .int(batch.items.count), "would_log": .int(batch.items.count - refused),
            "hours": Hundredths.json(hours), "refused": .int(refused), "look_alikes": .int(flagged),
        ]
        var notes = ["Nothing was logged."]
        if refused > 0 { notes.append("Entries with a problem would be refused; the others logged.") }
        if flagged > 0 {
            let more = lookalikes.count > maxShownLookalikes
                ? " (the first \(maxShownLookalikes) of \(lookalikes.count); get_time_entry shows any other)" : ""
            notes.append("looks_like: existing entries, in `existing`\(more), that look like it (\(Lookalike.rule)); same_as: "
                + "earlier entries of this batch. Ask whether they are the same work.")
        }
        notes += found.notes(names)
        if let copied = batch.copied { notes.insert(copied, at: 0) }
        let today = call.dates.today

        return call.budget.first(of: Detail.allCases) { detail in
            var result: JSONObject = ["dry_run": true]
            let listed = detail >= .essentials ? rows.filter(\.matters) : rows
            result["entries"] = .array(listed.map { $0.json(notes: detail.notes) })
            var said = notes
            if detail >= .essentials {
                let fine = rows.filter { !$0.matters }.map(\.number)
                if !fine.isEmpty { result["fine"] = .string(TimeBatch.spelled(fine, prefix: "#")) }
                said.append("To fit the result budget (\(call.budget.tokens) tokens), only the entries with a problem or a "
                    + "look-alike are shown, without notes or days (`fine`: the others); a smaller batch shows every line.")
            } else {
                result["days"] = .array(days)
                if !lookalikes.isEmpty {
                    result["existing"] = .array(lookalikes.prefix(maxShownLookalikes).map {
                        Lookalike.shown($0, withDate: true, notes: min(detail.notes, Lookalike.shownNotes))
                    })
                }
            }
            result["totals"] = .object(totals)
            said.append("Show this table; once confirmed, \(sendAgain(batch, detail: detail, today: today, dryRun: true)).")
            result["note"] = .string(said.joined(separator: " "))
            if detail < .bare || batch.resend?["entries"] == nil, let resend = batch.resend { result["resend"] = .object(resend) }
            return .object(result)
        }
    }

    /// How to send the batch (again), as a clause: the same call, or `resend` when its dates were
    /// relative (at `bare`, in words). `dryRun`: said of a preview, which is sent without it.
    static func sendAgain(_ batch: BatchItems, detail: Detail, today: LocalDate, dryRun: Bool) -> String {
        let why = "a relative date would move on another day, and log the entries again"
        guard let resend = batch.resend else {
            return dryRun ? "send the same call without dry_run" : "send the same call again unchanged"
        }
        if detail == .bare, resend["entries"] != nil {
            return "send the same call\(dryRun ? " without dry_run" : " again"), every spent_date written as YYYY-MM-DD (today is "
                + "\(today)), never a word or left out (\(why))"
        }
        return "send `resend` as the arguments: this call with its dates fixed (\(why))"
    }
}

extension TimesheetTools.Detail: Comparable {}

/// One line of a preview's table — the entry (`object`), its notes, then what it needs a word
/// about (`flags`) — its notes apart so that each detail shows as much of them as fits.
private struct PreviewRow {
    let number: Int
    var object: JSONObject = [:]
    var notes: String?
    var flags: JSONObject = [:]

    init(number: Int) {
        self.number = number
    }

    /// Whether it needs a word: a problem, or a look-alike.
    var matters: Bool { !flags.isEmpty }

    func json(notes length: Int) -> JSON {
        var row: JSONObject = ["n": .int(number)]
        row.merge(object)
        if let notes, !notes.isEmpty, length > 0 { row["notes"] = .string(ResultBudget.shortened(notes, to: length)) }
        row.merge(flags)
        return .object(row)
    }
}

/// What is logged already on a batch's days by its people — read per person, from their first day
/// in the batch to their last, the people side by side — for the look-alikes and the hours per day.
/// A read that fails, or stops short of every entry, is said (`unread`), never taken for none.
struct ExistingEntries: Sendable {
    /// The most entries read per person.
    static let maxPerPerson = Lists.maxLimit

    var entries: [TimeEntry] = []
    /// The people whose entries were not all read, and why.
    var unread: [Int: String] = [:]

    /// Those read. A member's entries for anyone else are refused before any look, so only the
    /// member's own are read.
    static func read(_ drafts: [TimeEntryDraft], _ call: ToolCall) async throws -> ExistingEntries {
        let me = call.me.user
        var spans: [Int: ClosedRange<LocalDate>] = [:]
        for draft in drafts {
            let person = draft.userID ?? me.id
            guard me.role != .member || person == me.id else { continue }
            let day = draft.spentDate
            spans[person] = spans[person].map { min($0.lowerBound, day)...max($0.upperBound, day) } ?? day...day
        }
        let api = call.client
        let found = await withTaskGroup(of: (Int, Result<Collected<TimeEntry>, HoursmithError>).self) { group in
            for (person, span) in spans {
                group.addTask {
                    let filter = TimeEntryFilter(userID: person, from: span.lowerBound, to: span.upperBound)
                    do throws(HoursmithError) {
                        return (person, .success(try await api.collectAll(limit: maxPerPerson) { (page, perPage) throws(HoursmithError) in
                            try await api.listTimeEntries(filter, page: page, perPage: perPage)
                        }))
                    } catch {
                        return (person, .failure(error))
                    }
                }
            }
            var found = ExistingEntries()
            for await (person, result) in group {
                switch result {
                case .success(let read):
                    found.entries += read.items
                    if read.truncated, let span = spans[person] {
                        found.unread[person] = "only \(maxPerPerson) of the \(read.totalEntries) entries of \(span.lowerBound) to "
                            + "\(span.upperBound) were read"
                    }
                case .failure(let error):
                    found.unread[person] = "the read failed: " + ErrorMessages.message(for: error, action: TimeTools.list.action, role: me.role)
                }
            }
            return found
        }
        try Task.checkCancellation()
        return found
    }

    /// The sentences that say whose entries were not all read, by name.
    func notes(_ names: [Int: String]) -> [String] {
        unread.sorted { $0.key < $1.key }.map { person, why in
            "Look-alikes and hours already logged were not checked for \(names[person] ?? "user \(person)") (\(why))."
        }
    }
}
