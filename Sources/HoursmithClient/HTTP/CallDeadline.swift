import ConcurrencyHelpers

/// The time a call has in all. Every request made under it — each try, each wait before a retry,
/// for `Retry-After` or for pacing — ends by it: a try is cut off there, and a wait that would
/// pass it is not begun (the call fails at once, saying why).
///
/// Set with ``HoursmithClient/withDeadline(in:limit:_:)`` for a task and the tasks it starts
/// (page walks included). A request made outside one gets its own, `callTimeout` from its start.
struct CallDeadline: Sendable {
    /// When, on the client's clock.
    let instant: Duration
    /// The call's whole allowance, for words ("within its time limit of 40 seconds").
    let limit: Duration

    @TaskLocal static var current: CallDeadline?

    /// Whole seconds of `limit`, rounded up.
    var limitSeconds: Int { limit.wholeSecondsRoundedUp }
}

extension HoursmithClient {
    /// Runs `body` with a deadline `remaining` from now: every request it makes, and every request
    /// of the tasks it starts, ends by then. `limit` is the call's whole allowance, which errors
    /// name.
    package func withDeadline<T>(in remaining: Duration, limit: Duration, _ body: () async throws -> T) async rethrows -> T {
        let deadline = CallDeadline(instant: configuration.clock.now() + remaining, limit: limit)
        return try await CallDeadline.$current.withValue(deadline, operation: body)
    }

    /// The result of `shared` — a `GET` of `path` that another task started and this call needs
    /// too (a session's one `GET /me`) — waited for until this call's deadline at most, then
    /// `deadline_exceeded`. The shared request goes on for whoever else waits for it.
    package func waitForShared<T: Sendable>(
        _ shared: Task<Result<T, HoursmithError>, Never>, path: String
    ) async -> Result<T, HoursmithError> {
        let deadline = currentDeadline()
        let clock = configuration.clock
        let first: Result<T, HoursmithError>? = await withCheckedContinuation { continuation in
            let resumed = Locked(false)
            let resume: @Sendable (Result<T, HoursmithError>?) -> Void = { value in
                guard resumed.withLock({ done in defer { done = true }; return !done }) else { return }
                continuation.resume(returning: value)
            }
            let timer = Task {
                // Cancelled means the shared result came first: nothing to do.
                do { try await clock.sleep(deadline.instant - clock.now()) } catch { return }
                resume(nil)
            }
            Task {
                let value = await shared.value
                resume(value)
                timer.cancel()
            }
        }
        let request = APIRequest.get(path)
        return first ?? .failure(.deadlineExceeded(context: errorContext(for: request, deadline: deadline)))
    }

    /// The deadline of the call `send` is part of, or one of its own from now.
    func currentDeadline() -> CallDeadline {
        CallDeadline.current
            ?? CallDeadline(instant: configuration.clock.now() + configuration.callTimeout, limit: configuration.callTimeout)
    }
}

