import ConcurrencyHelpers
import Foundation

/// How a `HoursmithClient` reaches Hoursmith and how it behaves when things go wrong.
package struct HoursmithConfiguration: Sendable {
    /// The production API.
    package static let defaultBaseURL = "https://hoursmith.app/api/v1"

    package var token: APIToken
    /// https, or plain http to a loopback host only; anything else is refused by the client.
    package var baseURL: String
    /// Sent as `User-Agent: <product>/<version>`.
    package var product: String
    package var version: String
    /// How long one try may take, from connecting to the last byte of the answer: a hard limit,
    /// not an idle one (an API that sends a byte a second is cut off too). Whole seconds, at
    /// least 1.
    package var requestTimeout: Duration
    /// How long a request may take in all — every try, every wait before a retry, for
    /// `Retry-After` or for pacing — when it is made outside a call's own deadline
    /// (``HoursmithClient/withDeadline(in:limit:_:)``).
    package var callTimeout: Duration
    /// A larger answer is an error rather than memory.
    package var maxResponseBytes: Int
    package var retry: RetryPolicy
    /// Client-side rate limits, so that a long walk never meets a 429. Empty: no pacing.
    package var pacing: [RequestPacing]
    /// How many pages a walk fetches at once after the first.
    package var maxConcurrentPages: Int
    /// How many connections GETs share (any other request has one of its own). A GET waits for
    /// one when all are busy, so there are enough that GETs stuck on a hung endpoint leave room
    /// for the others.
    package var maxConnections: Int
    /// Time and sleeping; tests replace it so that retries and pacing do not wait for real.
    package var clock: ClientClock
    /// Receives retries, waits and a line per request. Never receives the token's secret.
    package var logger: (any ClientLogger)?
    /// What carries the requests; nil: HTTP over URLSession to `baseURL` (the API itself).
    package var transport: (any HoursmithTransport)?

    package init(
        token: APIToken,
        version: String,
        baseURL: String = HoursmithConfiguration.defaultBaseURL,
        product: String = "hoursmith-mcp",
        requestTimeout: Duration = .seconds(30),
        callTimeout: Duration = .seconds(40),
        maxResponseBytes: Int = 64 << 20,
        retry: RetryPolicy = RetryPolicy(),
        pacing: [RequestPacing] = RequestPacing.contract,
        maxConcurrentPages: Int = 4,
        maxConnections: Int = 32,
        clock: ClientClock = .system,
        logger: (any ClientLogger)? = nil,
        transport: (any HoursmithTransport)? = nil
    ) {
        self.token = token
        self.version = version
        self.baseURL = baseURL
        self.product = product
        self.requestTimeout = requestTimeout
        self.callTimeout = callTimeout
        self.maxResponseBytes = maxResponseBytes
        self.retry = retry
        self.pacing = pacing
        self.maxConcurrentPages = maxConcurrentPages
        self.maxConnections = maxConnections
        self.clock = clock
        self.logger = logger
        self.transport = transport
    }

    /// `requestTimeout` in whole seconds, rounded up, at least 1.
    var timeoutSeconds: Int {
        max(1, requestTimeout.wholeSecondsRoundedUp)
    }
}

/// Where a client reports what it does: a line per request (debug), waits for its own pacing
/// (info), and retries (warning). The client has no levels of its own: each method says how
/// loud a line is, and the logger decides whether to build it (the messages are autoclosures)
/// and where it goes. `hoursmith-mcp` passes its stderr logger, which has these three methods.
package protocol ClientLogger: Sendable {
    func debug(_ message: @autoclosure () -> String)
    func info(_ message: @autoclosure () -> String)
    func warning(_ message: @autoclosure () -> String)
}

/// The clock the client keeps time by: the continuous clock (``system``), or a test's, whose
/// sleeps are recorded and pass at once. Its instants are the continuous clock's.
package struct ClientClock: Clock {
    package typealias Instant = ContinuousClock.Instant

    private let reading: @Sendable () -> Instant
    private let sleeping: @Sendable (Duration) async throws -> Void

    /// A clock that reads `now` and sleeps for a duration with `sleep` (which throws when the task
    /// is cancelled).
    package init(now: @escaping @Sendable () -> Instant, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        reading = now
        sleeping = sleep
    }

    package var now: Instant { reading() }
    package var minimumResolution: Duration { .nanoseconds(1) }

    package func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await sleeping(deadline - now)
    }

    /// Sleeps for exactly `duration` (what a test's clock records), not until an instant read
    /// a moment ago.
    package func sleep(for duration: Duration, tolerance: Duration? = nil) async throws {
        try await sleeping(duration)
    }

    /// The continuous clock and `Task.sleep`.
    package static let system = ClientClock(now: { .now }, sleep: { duration in try await Task.sleep(for: duration) })
}

/// At most `limit` requests started in any `window`, for requests whose path starts with
/// `pathPrefix` (all requests when nil).
package struct RequestPacing: Sendable, Equatable {
    package var limit: Int
    package var window: Duration
    package var pathPrefix: String?

    package init(limit: Int, window: Duration, pathPrefix: String? = nil) {
        self.limit = limit
        self.window = window
        self.pathPrefix = pathPrefix
    }

    /// The contract's limits — 100 requests per 15 s, and 100 reports per 15 min — each with a
    /// second of slack, since the server counts arrivals in fixed windows and latency varies.
    package static let contract = [
        RequestPacing(limit: 100, window: .seconds(16)),
        RequestPacing(limit: 100, window: .seconds(901), pathPrefix: "/reports"),
    ]
}
