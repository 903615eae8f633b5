import ConcurrencyHelpers

/// At most `limit` holders at once; the others wait in arrival order. A waiter whose task is
/// cancelled leaves the queue and throws `CancellationError`.
///
/// Waiting takes two steps, because a continuation cannot be made under the lock that decides
/// whether one is needed, and a task's cancellation handler may run at any moment — even before
/// the operation it guards has started:
///
/// 1. **Ticket.** `acquire` takes a free slot at once, or, when there is none, a ticket: a
///    number that stands for the waiter until its continuation exists (`unregistered`).
/// 2. **Registration.** Inside `withCheckedThrowingContinuation`, the ticket is registered:
///    if it was cancelled meanwhile, the waiter throws; if a slot came free meanwhile, it takes
///    it; otherwise its continuation joins the queue, to be resumed by `release`.
/// 3. **Cancellation.** The handler removes a queued waiter and resumes it with
///    `CancellationError`. A ticket not yet registered gets a note in `cancelled`, which the
///    registration finds. A ticket that is neither has already been granted its slot: the
///    caller holds it, sees the cancellation itself, and releases it as usual.
///
/// `release` hands its slot straight to the first waiter, so a slot is never free while anyone
/// waits, and every continuation is resumed exactly once, outside the lock.
final class ConcurrencyLimit: Sendable {
    private struct State {
        var running = 0
        var nextTicket: UInt64 = 0
        var waiters: [(ticket: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
        /// Tickets issued whose continuation is not registered yet, and those cancelled meanwhile.
        var unregistered: Set<UInt64> = []
        var cancelled: Set<UInt64> = []
    }

    private let limit: Int
    private let state = Locked(State())

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    func acquire() async throws {
        let ticket: UInt64? = state.withLock { state in
            if state.running < limit {
                state.running += 1
                return nil
            }
            let ticket = state.nextTicket
            state.nextTicket += 1
            state.unregistered.insert(ticket)
            return ticket
        }
        guard let ticket else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Outcome { case granted, cancelled, queued }
                let outcome: Outcome = state.withLock { state in
                    state.unregistered.remove(ticket)
                    if state.cancelled.remove(ticket) != nil { return .cancelled }
                    if state.running < limit {
                        state.running += 1
                        return .granted
                    }
                    state.waiters.append((ticket, continuation))
                    return .queued
                }
                switch outcome {
                case .granted: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .queued: break
                }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Void, any Error>? = state.withLock { state in
                if let index = state.waiters.firstIndex(where: { $0.ticket == ticket }) {
                    return state.waiters.remove(at: index).continuation
                }
                // Not registered yet: leave a note for the registration. Already granted: nothing to do.
                if state.unregistered.contains(ticket) { state.cancelled.insert(ticket) }
                return nil
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    func release() {
        let next: CheckedContinuation<Void, any Error>? = state.withLock { state in
            if state.waiters.isEmpty {
                state.running -= 1
                return nil
            }
            // The slot passes straight to the next waiter.
            return state.waiters.removeFirst().continuation
        }
        next?.resume()
    }
}

extension ConcurrencyLimit {
    /// Waits for a slot, runs `body` in it, and gives the slot back. Nil, without running `body`,
    /// when the task is cancelled before it gets one.
    func withSlot<T: Sendable>(_ body: () async -> T?) async -> T? {
        do {
            try await acquire()
        } catch {
            return nil
        }
        defer { release() }
        guard !Task.isCancelled else { return nil }
        return await body()
    }
}
