/// A value that tasks can wait on: the explicit gate tests synchronise with, instead of sleeping
/// and hoping, and what the server waits on for something another thread finishes (a child
/// process's end, the demo's seed). ``wait(until:timeout:)`` suspends (no thread blocked, no
/// polling) until the value passes a test; every ``withLock(_:)`` wakes the waiters whose test it
/// now passes.
///
/// ```swift
/// let started = Watched(0)
/// // in the code under test:   started.withLock { $0 += 1 }
/// try await started.wait(until: { $0 == 4 })
/// ```
///
/// The timeout turns a hang into a failure (in a test) or ends a wait that has a deadline (a
/// child's five seconds); it is no part of the synchronisation. It is a sleeping task, so a busy
/// pool can make it late: hard limits are kept by dispatch timers (``OneAnswer``'s notes).
package final class Watched<Value: Sendable>: Sendable {
    private struct Waiter {
        let isReady: @Sendable (Value) -> Bool
        let continuation: CheckedContinuation<Value, any Error>
    }

    private struct State {
        var value: Value
        var waiters: [UInt64: Waiter] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state: Locked<State>

    private enum Registration {
        case ready(Value)
        case cancelled
        case waiting
    }

    package init(_ value: Value) {
        state = Locked(State(value: value))
    }

    /// A copy of the value as it is now.
    package var current: Value { state.current.value }

    /// Runs `body` with exclusive access to the value, then resumes every waiter whose test the
    /// value now passes.
    @discardableResult
    package func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        let (result, ready, value) = state.withLock { state in
            let result = body(&state.value)
            let ready = state.waiters.filter { $0.value.isReady(state.value) }
            for id in ready.keys { state.waiters[id] = nil }
            return (result, ready.values.map(\.continuation), state.value)
        }
        for continuation in ready { continuation.resume(returning: value) }
        return result
    }

    /// Waits until `isReady` holds for the value, and returns the value then. Throws
    /// ``WaitTimedOut`` after `timeout`, and `CancellationError` when the task is cancelled.
    @discardableResult
    package func wait(
        until isReady: @escaping @Sendable (Value) -> Bool, timeout: Duration = .seconds(30),
        _ what: @autoclosure () -> String = "the awaited state"
    ) async throws -> Value {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        let description = what()
        let timer = Task { [weak self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self?.fail(id, WaitTimedOut(description: "\(description) did not come within \(timeout)"))
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                // The cancelled flag is set before the handler runs: checked under the lock, it
                // either stops the registration here or the handler finds the waiter.
                let registration: Registration = state.withLock { state in
                    if isReady(state.value) { return .ready(state.value) }
                    if Task.isCancelled { return .cancelled }
                    state.waiters[id] = Waiter(isReady: isReady, continuation: continuation)
                    return .waiting
                }
                switch registration {
                case .ready(let value): continuation.resume(returning: value)
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .waiting: break
                }
            }
        } onCancel: {
            fail(id, CancellationError())
        }
    }

    private func fail(_ id: UInt64, _ error: any Error) {
        state.withLock { $0.waiters.removeValue(forKey: id) }?.continuation.resume(throwing: error)
    }
}

extension Watched where Value == Bool {
    /// Waits until the value is true: a gate that ``open()`` opens for good.
    package func waitUntilOpen(timeout: Duration = .seconds(30), _ what: @autoclosure () -> String = "the gate") async throws {
        try await wait(until: { $0 }, timeout: timeout, what())
    }

    /// Sets the value to true, letting every waiter through, now and later.
    package func open() {
        withLock { $0 = true }
    }
}

/// A wait that took longer than its timeout: what was awaited never came.
package struct WaitTimedOut: Error, CustomStringConvertible {
    package let description: String
}
