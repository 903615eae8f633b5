import ConcurrencyHelpers

/// The time a call has in all. Every request made under it — each try, each wait before a retry,
/// for `Retry-After` or for pacing — ends by it: a try is cut off there, and a wait that would
/// pass it is not begun (the call fails at once, saying why).
///
/// Set with ``HoursmithClient/withDeadline(in:limit:_:)`` for a task and the tasks it starts
/// (page walks included). A request made outside one gets its own, `callTimeout` from its start.
struct CallDeadline: Sendable {
    /// When, on the client's clock.
    let instant: ContinuousClock.Instant
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
        let deadline = CallDeadline(instant: configuration.clock.now + remaining, limit: limit)
        return try await CallDeadline.$current.withValue(deadline, operation: body)
    }

    /// The result of `shared` — a `GET` of `path` that another task started and this call needs
    /// too (a session's one `GET /me`, its directory's lists) — waited for until this call's
    /// deadline at most, then `deadline_exceeded` (or until this call is cancelled). The shared
    /// request goes on for whoever else waits for it.
    package func waitForShared<T: Sendable>(
        _ shared: Task<Result<T, HoursmithError>, Never>, path: String
    ) async -> Result<T, HoursmithError> {
        let deadline = currentDeadline()
        if let value = await value(of: shared, until: deadline.instant, on: configuration.clock) { return value }
        let context = errorContext(for: APIRequest.get(path), deadline: deadline)
        return .failure(Task.isCancelled ? .transport(.cancelled, context: context) : .deadlineExceeded(context: context))
    }

    /// The deadline of the call `send` is part of, or one of its own from now.
    func currentDeadline() -> CallDeadline {
        CallDeadline.current
            ?? CallDeadline(instant: configuration.clock.now + configuration.callTimeout, limit: configuration.callTimeout)
    }
}

