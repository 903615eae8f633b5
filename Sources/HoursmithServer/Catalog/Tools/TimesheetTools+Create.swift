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
        let api = call.client
        let me = call.me
        let drafts = batch.drafts
        let keys = TimeBatch.idempotencyKeys(drafts, userID: me.user.id, workspaceID: me.workspace.id)
        // One read first, as create_time_entry makes one: look-alikes, and what an earlier
        // identical batch logged. The batch is logged whatever it finds (or if it fails).
        let existing = try? await existingEntries(drafts, call)
        let before = Set((existing ?? []).map(\.id))
        let alike = existing.map { TimeBatch.lookalikes(drafts, userID: me.user.id, existing: $0) }
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
                    let started = ContinuousClock.now
                    do throws(HoursmithError) {
                        let entry = try await api.createTimeEntry(draft, idempotencyKey: keys[draftIndex])
                        slowest = max(slowest, ContinuousClock.now - started)
                        if before.contains(entry.id) {
                            outcomes.append(.alreadyLogged(entry))
                        } else {
                            let (same, earlier) = alike?[draftIndex] ?? ([], [])
                            outcomes.append(.logged(entry, lookalikes: same, sameAs: earlier.map { numbers[$0] }))
                        }
                    } catch {
                        if error.kind == .cancelled, Task.isCancelled { throw CancellationError() }
                        if case .rateLimited = error.kind, error.status == nil {
                            // The client's own pacing: waiting for room would pass the time left.
                            stopped = (index + 1, "waiting for room under Hoursmith's rate limit (100 requests per 15 seconds) "
                                + "would have passed the call's time limit")
                            outcomes.append(.notAttempted)
                            continue
                        }
                        let words = ErrorMessages.message(for: error, action: "log time for other people", role: me.user.role)
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
        return .object(answer(outcomes, batch: batch, stopped: stopped, lookedAhead: existing != nil, userID: me.user.id))
    }

    private enum Effect {
        /// The API refused this entry: the others go on.
        case refused
        /// Nothing was carried out, and the next entries would fare no better.
        case notSent
        /// It may have been carried out.
        case unknown
    }

    private static func effect(of error: HoursmithError) -> Effect {
        switch error.kind {
        case .validationFailed, .forbidden, .notFound, .projectArchived, .taskArchived, .badRequest, .idempotencyKeyReused,
             .timerAlreadyRunning, .timerNotRunning, .timeEntryInvoiced:
            return .refused
        case .invalidToken, .planRequired, .rateLimited, .hostNotFound, .cannotConnect, .redirectRefused, .tlsFailure,
             .invalidBaseURL:
            return .notSent
        default:
            return error.outcomeIsUnknown || error.status == nil || (error.status ?? 0) >= 500 ? .unknown : .refused
        }
    }

    /// `{results: ["#1 logged 12100: …", …], logged_ids, totals, note}`.
    private static func answer(
        _ outcomes: [Outcome], batch: BatchItems, stopped: (number: Int, reason: String)?, lookedAhead: Bool, userID: Int
    ) -> JSONObject {
        var lines: [String] = []
        var ids: [Int] = []
        var hours = 0, logged = 0, already = 0, refused = 0, unknown = 0, skipped = 0, flagged = 0
        var pending: ClosedRange<Int>?
        func flush() {
            guard let range = pending else { return }
            let numbers = range.count == 1 ? "#\(range.lowerBound)" : "#\(range.lowerBound)–#\(range.upperBound)"
            lines.append(numbers + " not attempted")
            pending = nil
        }
        for (index, outcome) in outcomes.enumerated() {
            let number = index + 1
            if case .notAttempted = outcome {
                skipped += 1
                pending = pending.map { $0.lowerBound...number } ?? number...number
                continue
            }
            flush()
            switch outcome {
            case .logged(let entry, let same, let earlier):
                logged += 1
                ids.append(entry.id)
                hours += Hundredths.of(entry.hours)
                var line = "#\(number) logged \(entry.id): \(summary(entry, userID: userID))"
                if !same.isEmpty || !earlier.isEmpty {
                    flagged += 1
                    let like = same.map { "time entry \($0)" } + earlier.map { "#\($0)" }
                    line += "; looks like \(like.joined(separator: ", "))"
                }
                lines.append(line)
            case .alreadyLogged(let entry):
                already += 1
                ids.append(entry.id)
                lines.append("#\(number) already logged as \(entry.id) by this same batch sent before: not logged twice")
            case .refused(let why):
                refused += 1
                lines.append("#\(number) refused: \(why)")
            case .unknown(let why):
                unknown += 1
                lines.append("#\(number) may or may not be logged: \(why)")
            case .notLogged(let why):
                skipped += 1
                lines.append("#\(number) not logged: \(why)")
            case .notAttempted:
                break
            }
        }
        flush()
        var result: JSONObject = [
            "results": .array(lines.map(JSON.string)), "logged_ids": .array(ids.map(JSON.int)),
            "totals": [
                "entries": .int(outcomes.count), "logged": .int(logged), "hours": Hundredths.json(hours),
                "already_logged": .int(already), "refused": .int(refused), "unknown": .int(unknown), "not_logged": .int(skipped),
            ],
        ]
        var notes: [String] = []
        if let copied = batch.copied { notes.append(copied) }
        if let stopped {
            notes.append("Stopped at #\(stopped.number): \(stopped.reason.hasSuffix(".") ? stopped.reason : stopped.reason + ".") "
                + "To finish, send the same call again unchanged (within 24 h): each entry's Idempotency-Key comes from its "
                + "content, so what was logged is recognised and not logged twice, and the rest is logged.")
        } else if refused > 0 {
            notes.append(logged + already > 0
                ? "The refused entries were not logged; the others were. Fix the refused ones and send only them (or the "
                    + "whole batch again: what was logged is recognised)."
                : "Nothing was logged. Fix the refused entries and send them again.")
        }
        if already > 0 {
            notes.append("An entry identical to one of an earlier batch (within 24 h) counts as the same entry. To log the same "
                + "work again on purpose, change something in it (the notes, say).")
        }
        if flagged > 0 {
            notes.append("Logged all the same: an entry \"looks like\" another of the same person and day with the same project, "
                + "task and hours, or the same notes. Tell the person, who may want to delete one (delete_time_entry).")
        }
        if !lookedAhead { notes.append("Look-alikes were not checked (the read before logging failed).") }
        if !notes.isEmpty { result["note"] = .string(notes.joined(separator: " ")) }
        return result
    }

    /// "2026-12-07, 1.5 h, Acme Website / Design", and "(Sam Carter)" when it is not the token's user's.
    private static func summary(_ entry: TimeEntry, userID: Int) -> String {
        "\(entry.spentDate), \(entry.hours) h, \(entry.project.name) / \(entry.task.name)"
            + (entry.user.id == userID ? "" : " (\(entry.user.name))")
    }
}
