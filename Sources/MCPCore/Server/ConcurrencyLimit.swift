import Foundation

/// At most `limit` holders at once; the others wait in arrival order. A waiter whose task is
/// cancelled leaves the queue and throws `CancellationError`.
final class ConcurrencyLimit: @unchecked Sendable {
    private struct State {
        var running = 0
        var nextTicket: UInt64 = 0
        var waiters: [(ticket: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
        /// Tickets issued whose continuation is not registered yet, and those cancelled meanwhile.
        var unregistered: Set<UInt64> = []
        var cancelled: Set<UInt64> = []
    }

    private let limit: Int
    private let lock = NSLock()
    private var state = State()

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    func acquire() async throws {
        let ticket: UInt64? = lock.withLock {
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
                let outcome: Outcome = lock.withLock {
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
            let waiter: CheckedContinuation<Void, any Error>? = lock.withLock {
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
        let next: CheckedContinuation<Void, any Error>? = lock.withLock {
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
