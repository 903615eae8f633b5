/// Waits for `task` until `deadline` on `clock`, or until the waiting task is cancelled, whichever
/// comes first: the task's value, or nil. The task goes on either way — others may be waiting for
/// it — and so the one wait that is bounded is the caller's own.
///
/// The package's race of a shared wait against a deadline: a shared load waited for until a
/// call's deadline (the client's `waitForShared`), a list held until the role is known or a limit
/// passes. (The hard limits — a call's time limit, a try's — are dispatch timers instead, which
/// fire on time when every thread of the concurrency pool is busy.)
package func value<T: Sendable, C: Clock>(of task: Task<T, Never>, until deadline: C.Instant, on clock: C) async -> T? {
    let answer = OneAnswer<T?>()
    let waiter = Task { answer.give(await task.value) }
    let timer = Task {
        // Cancelled (the value came first): nothing to give.
        do { try await clock.sleep(until: deadline, tolerance: nil) } catch { return }
        answer.give(nil)
    }
    defer {
        waiter.cancel()
        timer.cancel()
    }
    return await withTaskCancellationHandler {
        await answer.value()
    } onCancel: {
        answer.give(nil)
    }
}

/// The first of several answers, for one waiter: ``give(_:)`` may be called any number of times,
/// from any thread, before or after ``value()`` begins; the first call is the answer.
package final class OneAnswer<T: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<T, Never>)
        case given(T)
        case done
    }

    private let state = Locked(State.empty)

    package init() {}

    package func give(_ value: T) {
        let waiter: CheckedContinuation<T, Never>? = state.withLock { state in
            switch state {
            case .empty:
                state = .given(value)
                return nil
            case .waiting(let continuation):
                state = .done
                return continuation
            case .given, .done:
                return nil
            }
        }
        waiter?.resume(returning: value)
    }

    /// The first answer given, once there is one. Called once.
    package func value() async -> T {
        await withCheckedContinuation { continuation in
            let given: T? = state.withLock { state in
                guard case .given(let value) = state else {
                    state = .waiting(continuation)
                    return nil
                }
                state = .done
                return value
            }
            if let given { continuation.resume(returning: given) }
        }
    }
}
