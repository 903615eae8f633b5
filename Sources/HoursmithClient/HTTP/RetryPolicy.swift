/// When and how soon a failed request is sent again.
///
/// - A 429 was not processed, so any request is resent after `Retry-After` (up to
///   `maxRateLimitWaits` times, and only when the wait is at most `maxRetryAfter`).
/// - A failure before a connection existed (host not found, connection refused) reached nothing,
///   so any request is resent, with backoff, up to `maxAttempts` tries in all.
/// - A 5xx or a failure after the request may have been sent (timeout, connection lost) is
///   resent only when doing it twice is harmless: GET; POST creates, which carry an
///   `Idempotency-Key`; and PATCH, whose body sets absolute values. Other POSTs (stop, restart,
///   archive) and DELETE are not.
package struct RetryPolicy: Sendable {
    /// Tries in all for a request whose failures may be retried (3: the first and two more).
    package var maxAttempts: Int
    /// How many 429 answers one call waits out.
    package var maxRateLimitWaits: Int
    /// The longest `Retry-After` that is waited out; a longer one fails the call at once.
    package var maxRetryAfter: Duration
    /// The backoff before the second try; it doubles for each further try, up to `maxDelay`.
    package var baseDelay: Duration
    package var maxDelay: Duration
    /// A number in 0..<1; each backoff is scaled by (0.5 + 0.5 × jitter).
    package var jitter: @Sendable () -> Double

    package init(
        maxAttempts: Int = 3,
        maxRateLimitWaits: Int = 3,
        maxRetryAfter: Duration = .seconds(60),
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(8),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = maxAttempts
        self.maxRateLimitWaits = maxRateLimitWaits
        self.maxRetryAfter = maxRetryAfter
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// Never retry.
    package static let never = RetryPolicy(maxAttempts: 1, maxRateLimitWaits: 0)

    /// The jittered backoff after `failedAttempts` failed tries (1 before the second try).
    func backoff(afterFailedAttempts failedAttempts: Int) -> Duration {
        var delay = baseDelay
        for _ in 1..<max(1, failedAttempts) where delay < maxDelay { delay *= 2 }
        return min(delay, maxDelay) * (0.5 + 0.5 * min(max(jitter(), 0), 1))
    }
}

/// How harmful it is to send a request twice.
enum RequestSafety: Sendable, Equatable {
    /// GET.
    case read
    /// POST that creates, with an `Idempotency-Key`: a repeat returns the first answer.
    case create
    /// PATCH: sets absolute values, so a repeat leaves the same state.
    case update
    /// Other POSTs (stop, restart, archive) and DELETE: a repeat may act twice or fail.
    case action
}

/// What to do after a failed try.
enum RetryDecision: Equatable {
    case retry(after: Duration)
    case fail
}

extension RetryPolicy {
    /// The decision after `error`, given how many tries failed so far (this one included) and how
    /// many 429s were waited out already.
    func decision(after error: HoursmithError, safety: RequestSafety, failedAttempts: Int, rateLimitWaits: Int) -> RetryDecision {
        switch error.kind {
        case .rateLimited(let retryAfter):
            let wait = Duration.seconds(max(0, retryAfter ?? 1))
            guard rateLimitWaits < maxRateLimitWaits, wait <= maxRetryAfter else { return .fail }
            return .retry(after: wait)
        case .hostNotFound, .cannotConnect:
            return failedAttempts < maxAttempts ? .retry(after: backoff(afterFailedAttempts: failedAttempts)) : .fail
        case .serverError, .timedOut, .connectionLost, .transportFailure:
            guard safety != .action, failedAttempts < maxAttempts else { return .fail }
            return .retry(after: backoff(afterFailedAttempts: failedAttempts))
        default:
            return .fail
        }
    }
}
