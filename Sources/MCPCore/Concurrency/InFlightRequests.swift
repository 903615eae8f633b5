import Foundation
import ConcurrencyHelpers

/// The requests being served in tasks of their own (tool calls, and the prompt, resource and
/// completion requests that may read an API), by id: so that `notifications/cancelled` can find and cancel
/// them, a call still running at its time limit can be answered for, and shutdown can wait for
/// them (and say which it abandons).
///
/// Each call is answered exactly once — by its own task (``finish(_:answer:)``) or by its time
/// limit (``expire(_:answer:)``), whichever comes first — and stops counting as in flight only
/// once its answer is written, so shutdown never outruns a reply.
final class InFlightRequests: Sendable {
    /// One call's place. An id may be used again once its call is answered, so a ticket also
    /// says which call under that id it stands for.
    struct Ticket: Sendable {
        let id: RequestID
        fileprivate let serial: UInt64
    }

    /// What a log line says of a call: its id and tool, and whether it may change things.
    struct Call: Sendable, CustomStringConvertible {
        let id: RequestID
        let tool: String
        let isReadOnly: Bool

        var description: String { "request \(id) (\(tool))" }
    }

    private struct Entry {
        let serial: UInt64
        let call: Call
        /// When the server answers for it, if it has not answered by itself.
        let answerBy: ContinuousClock.Instant
        var task: Task<Void, Never>?
        var cancelled = false
    }

    private struct State {
        var entries: [RequestID: Entry] = [:]
        var nextSerial: UInt64 = 0
        /// Set when waiting for the calls should end sooner than it was going to (a signal).
        var hurry: ContinuousClock.Instant?
    }

    private let state = LockedCondition(State())

    /// Registers a call; nil when a call with this id is already in flight.
    func begin(_ call: Call, answerBy: ContinuousClock.Instant) -> Ticket? {
        state.withLock { state in
            guard state.entries[call.id] == nil else { return nil }
            state.nextSerial += 1
            state.entries[call.id] = Entry(serial: state.nextSerial, call: call, answerBy: answerBy)
            return Ticket(id: call.id, serial: state.nextSerial)
        }
    }

    /// Attaches the task serving the call, cancelling it at once if a cancellation came first or
    /// the call was already answered for (its time limit came before its task was attached).
    func attach(_ task: Task<Void, Never>, to ticket: Ticket) {
        let cancel: Bool = state.withLock { state in
            guard state.entries[ticket.id]?.serial == ticket.serial else { return true }
            state.entries[ticket.id]?.task = task
            return state.entries[ticket.id]?.cancelled == true
        }
        if cancel { task.cancel() }
    }

    /// The client cancelled the call: its task is cancelled and no reply will be written.
    /// Unknown ids are ignored.
    func cancel(_ id: RequestID) {
        let task: Task<Void, Never>? = state.withLock { state in
            guard state.entries[id] != nil else { return nil }
            state.entries[id]?.cancelled = true
            return state.entries[id]?.task
        }
        task?.cancel()
    }

    /// The call's task is done: `answer` runs — with `reply` false when the client cancelled the
    /// call — unless the call was already answered for at its time limit.
    func finish(_ ticket: Ticket, answer: (_ reply: Bool) -> Void) {
        guard let entry = take(ticket) else { return }
        answer(!entry.cancelled)
        done(ticket)
    }

    /// The call's time limit came: unless its task answered first, `answer` runs (with `reply`
    /// false when the client cancelled it) and the task is cancelled, its result to be dropped.
    /// Returns whether the call was still running.
    @discardableResult
    func expire(_ ticket: Ticket, answer: (_ reply: Bool) -> Void) -> Bool {
        guard let entry = take(ticket) else { return false }
        entry.task?.cancel()
        answer(!entry.cancelled)
        done(ticket)
        return true
    }

    /// Claims the call for answering: the first of `finish` and `expire` gets its entry; the
    /// entry stays (marked with serial 0, so nothing claims it twice) until the answer is out.
    private func take(_ ticket: Ticket) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[ticket.id], entry.serial == ticket.serial else { return nil }
            state.entries[ticket.id] = Entry(serial: 0, call: entry.call, answerBy: entry.answerBy, task: nil, cancelled: true)
            return entry
        }
    }

    private func done(_ ticket: Ticket) {
        state.withLock { state in
            if state.entries[ticket.id]?.serial == 0 { state.entries.removeValue(forKey: ticket.id) }
        }
    }

    var count: Int { state.current.entries.count }

    /// The calls in flight now, oldest first.
    var calls: [Call] { state.current.entries.values.sorted { $0.answerBy < $1.answerBy }.map(\.call) }

    /// The latest time by which every call in flight now will have been answered.
    var latestAnswer: ContinuousClock.Instant? { state.current.entries.values.map(\.answerBy).max() }

    /// Makes ``waitUntilEmpty(before:)`` give up by `date`, if that is sooner.
    func hurry(by date: ContinuousClock.Instant) {
        state.withLock { $0.hurry = min($0.hurry ?? date, date) }
    }

    /// Waits until no call is in flight, or `deadline` (or a sooner ``hurry(by:)``) passes;
    /// returns whether all finished.
    func waitUntilEmpty(before deadline: ContinuousClock.Instant) -> Bool {
        var limit = deadline
        while true {
            let (state, ready) = state.wait(until: { $0.entries.isEmpty || ($0.hurry.map { $0 < limit } ?? false) }, deadline: limit)
            if state.entries.isEmpty { return true }
            if let hurry = state.hurry, hurry < limit {
                limit = hurry
                continue
            }
            if !ready { return false }
        }
    }
}
