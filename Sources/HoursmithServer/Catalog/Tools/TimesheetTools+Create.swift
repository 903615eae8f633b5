import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// How `create_time_entries` logs a batch: one entry after another, paced under the rate limit,
/// each with the `Idempotency-Key` its content gives it (``TimeBatch/idempotencyKeys(_:userID:workspaceID:)``).
/// An entry the API refuses is named and the others go on; a failure that says nothing about
/// the entry (a server error, a lost answer, the time limit) stops the batch, and the answer says
/// exactly what was logged, what may have been, and what was not attempted.
extension TimesheetTools {
    /// What happened to one entry.
    enum Outcome: Sendable {
        /// Logged now; with the existing entries and earlier batch entries (numbers) it looks like.
        case logged(TimeEntry, lookalikes: [Int], sameAs: [Int])
        /// Logged by an earlier identical batch: the API replayed that answer.
        case alreadyLogged(TimeEntry)
        case refused(String)
        /// The request may or may not have been carried out.
        case unknown(String)
        /// Not sent: the API was not reachable for it, or the batch stopped before it.
        case notLogged(String)
        case notAttempted
    }

    /// Logs the batch and answers one line per entry.
    static func create(_ batch: BatchItems, _ call: ToolCall) async throws -> JSON {
        let started = Date()
        let api = call.client
        let me = call.me
        let drafts = batch.drafts
        let keys = TimeBatch.idempotencyKeys(drafts, userID: me.user.id, workspaceID: me.workspace.id)
        // One look first per person, as create_time_entry makes one: the look-alikes. The batch is
        // logged whatever it finds; what it could not read is said.
        let existing = try await ExistingEntries.read(drafts, call)
        let before = Set(existing.entries.map(\.id))
        let alike = TimeBatch.lookalikes(drafts, userID: me.user.id, existing: existing.entries)
        // Stop early enough to answer: a create is begun only with time left for it and the answer.
        let stopBy = call.context.deadline - .seconds(2)
        var outcomes: [Outcome] = []
        var numbers: [Int] = []
        var stopped: (number: Int, reason: String)?
        var slowest = Duration.zero
        var draftIndex = 0
        try await api.withDeadline(in: max(.zero, stopBy - .now), limit: call.context.timeLimit) {
            try await api.paced {
                for (index, item) in batch.items.enumerated() {
                    guard let draft = item.draft else {
                        if case .refused(let why) = item { outcomes.append(.refused(why)) }
                        continue
                    }
                    defer { draftIndex += 1 }
                    numbers.append(index + 1)
                    guard stopped == nil else {
                        outcomes.append(.notAttempted)
                        continue
                    }
                    guard ContinuousClock.now + max(.seconds(1), slowest * 2) < stopBy else {
                        stopped = (index + 1, "the call's time limit (\(call.context.timeLimit.components.seconds) s) was near")
                        outcomes.append(.notAttempted)
                        continue
                    }
                    let began = ContinuousClock.now
                    let sent: Result<TimeEntry, HoursmithError>
                    do throws(HoursmithError) {
                        sent = .success(try await api.createTimeEntry(draft, idempotencyKey: keys[draftIndex]))
                    } catch {
                        sent = .failure(error)
                    }
                    // A failed request (its tries and waits) counts too: the next may take as long.
                    slowest = max(slowest, ContinuousClock.now - began)
                    switch sent {
                    case .success(let entry) where TimeBatch.isReplay(entry, callStarted: started, readBefore: before):
                        outcomes.append(.alreadyLogged(entry))
                    case .success(let entry):
                        let (same, earlier) = alike[draftIndex]
                        outcomes.append(.logged(entry, lookalikes: same, sameAs: earlier.map { numbers[$0] }))
                    case .failure(let error):
                        if error.kind == .cancelled, Task.isCancelled { throw CancellationError() }
                        if case .rateLimited = error.kind, error.status == nil {
                            // The client's own pacing: waiting for room would pass the time left.
                            stopped = (index + 1, "waiting for room under Hoursmith's rate limit (100 requests per 15 seconds) "
                                + "would have passed the call's time limit")
                            outcomes.append(.notAttempted)
                            continue
                        }
                        let words = ErrorMessages.message(for: error, action: TimeTools.logForOthers, role: me.user.role)
                        switch Self.effect(of: error) {
                        case .refused:
                            outcomes.append(.refused(words))
                        case .notSent:
                            outcomes.append(.notLogged(words))
                            stopped = (index + 1, words)
                        case .unknown:
                            outcomes.append(.unknown(words))
                            stopped = (index + 1, words)
                        }
                    }
                    call.context.reportProgress(Double(index + 1), total: Double(batch.items.count),
                                                message: "\(index + 1) of \(batch.items.count) entries")
                }
            }
        }
        var names = [me.user.id: me.user.name]
        for case .logged(let entry, _, _) in outcomes { names[entry.user.id] = entry.user.name }
        return Results(outcomes, userID: me.user.id).answer(
            batch: batch, stopped: stopped, unread: existing.notes(names), today: call.dates.today, budget: call.budget)
    }

    enum Effect: Equatable {
        /// The API refused this entry: the others go on.
        case refused
        /// Nothing was carried out, and the next entries would fare no better.
        case notSent
        /// It may have been carried out.
        case unknown
    }

    /// What a failed create means. Only a 4xx refuses an entry; anything else — a 5xx, an answer
    /// that could not be read (a 2xx too), no answer — may have logged it.
    static func effect(of error: HoursmithError) -> Effect {
        switch error.kind {
        case .invalidToken, .planRequired, .rateLimited, .hostNotFound, .cannotConnect, .redirectRefused, .tlsFailure,
             .invalidBaseURL:
            return .notSent
        default:
            guard let status = error.status, (400..<500).contains(status), !error.outcomeIsUnknown else { return .unknown }
            return .refused
        }
    }
}

/// A batch's outcomes, counted, and told as the answer: `{results: ["#1 logged 12100: …", …],
/// logged_ids, totals, note, resend?}`, at the most detail the result budget holds.
private struct Results {
    let outcomes: [TimesheetTools.Outcome]
    let userID: Int
    var logged = 0, already = 0, refused = 0, unknown = 0, skipped = 0, flagged = 0, hours = 0
    var ids: [Int] = []

    init(_ outcomes: [TimesheetTools.Outcome], userID: Int) {
        self.outcomes = outcomes
        self.userID = userID
        for outcome in outcomes {
            switch outcome {
            case .logged(let entry, let same, let earlier):
                logged += 1
                ids.append(entry.id)
                hours += Hundredths.of(entry.hours)
                if !same.isEmpty || !earlier.isEmpty { flagged += 1 }
            case .alreadyLogged(let entry):
                already += 1
                ids.append(entry.id)
            case .refused: refused += 1
            case .unknown: unknown += 1
            case .notLogged, .notAttempted: skipped += 1
            }
        }
    }

    func answer(
        batch: BatchItems, stopped: (number: Int, reason: String)?, unread: [String], today: LocalDate, budget: ResultBudget
    ) -> JSON {
        let totals: JSONObject = [
            "entries": .int(outcomes.count), "logged": .int(logged), "hours": Hundredths.json(hours),
            "already_logged": .int(already), "refused": .int(refused), "unknown": .int(unknown), "not_logged": .int(skipped),
        ]
        let leftToDo = stopped != nil || refused > 0 || unknown > 0
        return budget.first(of: TimesheetTools.Detail.allCases) { detail in
            var result: JSONObject = ["results": .array(lines(detail).map(JSON.string))]
            if detail < .essentials { result["logged_ids"] = .array(ids.map(JSON.int)) }
            result["totals"] = .object(totals)
            var notes: [String] = []
            if let copied = batch.copied { notes.append(copied) }
            let again = TimesheetTools.sendAgain(batch, detail: detail, today: today, dryRun: false)
            if let stopped {
                notes.append("Stopped at #\(stopped.number): \(stopped.reason.hasSuffix(".") ? stopped.reason : stopped.reason + ".") "
                    + "To finish, \(again), within 24 h: each entry's Idempotency-Key comes from its content, so what was logged "
                    + "is recognised and not logged twice, and the rest is logged.")
            } else if refused > 0 {
                notes.append(logged + already > 0
                    ? "The refused entries were not logged; the others were. Fix the refused ones and send only them, or fix them "
                        + "in the whole batch and \(again): what was logged is recognised."
                    : "Nothing was logged. Fix the refused entries and send them again.")
            }
            if already > 0 {
                notes.append("An entry identical to one of an earlier batch (within 24 h) counts as the same entry. To log the same "
                    + "work again on purpose, change something in it (the notes, say).")
            }
            if flagged > 0 {
                notes.append("Logged all the same: \"looks like\" names entries that look like it (\(Lookalike.rule)): "
                    + "\(Lookalike.advice).")
            }
            notes += unread
            if detail >= .essentials {
                notes.append("To fit the result budget (\(budget.tokens) tokens), entries logged in a row share a line, and "
                    + "reasons are shortened.")
            }
            if !notes.isEmpty { result["note"] = .string(notes.joined(separator: " ")) }
            if leftToDo, let resend = batch.resend, detail < .bare || resend["entries"] == nil { result["resend"] = .object(resend) }
            return .object(result)
        }
    }

    /// One line per entry ("#3 logged 12107: 2026-12-07, 1.5 h, Acme Website / Design"), the
    /// entries not attempted as one line; from `essentials` on, entries logged (or already
    /// logged) in a row as one line with their ids, and the reasons shortened.
    private func lines(_ detail: TimesheetTools.Detail) -> [String] {
        enum Run: Equatable { case logged, already, notAttempted }
        var lines: [String] = []
        var run: (kind: Run, numbers: [Int], ids: [Int])?
        func flush() {
            guard let current = run else { return }
            let numbers = TimeBatch.spelled(current.numbers, prefix: "#"), ids = TimeBatch.spelled(current.ids)
            switch current.kind {
            case .logged: lines.append("\(numbers) logged as \(ids)")
            case .already: lines.append("\(numbers) already logged as \(ids) by this same batch sent before: not logged twice")
            case .notAttempted: lines.append("\(numbers) not attempted")
            }
            run = nil
        }
        func add(_ kind: Run, _ number: Int, id: Int? = nil) {
            if run?.kind != kind { flush() }
            run = (kind, (run?.numbers ?? []) + [number], (run?.ids ?? []) + (id.map { [$0] } ?? []))
        }
        let collapsing = detail >= .essentials
        func reason(_ why: String) -> String { collapsing ? ResultBudget.shortened(why, to: 120) : why }
        for (index, outcome) in outcomes.enumerated() {
            let number = index + 1
            switch outcome {
            case .notAttempted:
                add(.notAttempted, number)
                continue
            case .logged(let entry, let same, let earlier) where same.isEmpty && earlier.isEmpty && collapsing:
                add(.logged, number, id: entry.id)
                continue
            case .alreadyLogged(let entry) where collapsing:
                add(.already, number, id: entry.id)
                continue
            default:
                flush()
            }
            switch outcome {
            case .logged(let entry, let same, let earlier):
                var line = "#\(number) logged \(entry.id)"
                if detail == .full { line += ": " + summary(entry) }
                if !same.isEmpty || !earlier.isEmpty {
                    line += "; looks like " + (same.map { "time entry \($0)" } + earlier.map { "#\($0)" }).joined(separator: ", ")
                }
                lines.append(line)
            case .alreadyLogged(let entry):
                lines.append("#\(number) already logged as \(entry.id) by this same batch sent before: not logged twice")
            case .refused(let why):
                lines.append("#\(number) refused: \(reason(why))")
            case .unknown(let why):
                lines.append("#\(number) may or may not be logged: \(reason(why))")
            case .notLogged(let why):
                lines.append("#\(number) not logged: \(reason(why))")
            case .notAttempted:
                break
            }
        }
        flush()
        return lines
    }

    /// "2026-12-07, 1.5 h, Acme Website / Design", and "(Sam Carter)" when it is not the token's user's.
    private func summary(_ entry: TimeEntry) -> String {
        "\(entry.spentDate), \(entry.hours) h, \(entry.project.name) / \(entry.task.name)"
            + (entry.user.id == userID ? "" : " (\(entry.user.name))")
    }
}
