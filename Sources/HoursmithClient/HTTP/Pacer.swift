import ConcurrencyHelpers

/// Keeps the requests it admits to at most `limit` starts in any `window` (a sliding window), so
/// that the server's fixed-window rate limit is never reached by this client alone.
///
/// Every request is counted, but only the requests of a page walk wait for room (see
/// ``PageWalk``): a long walk then never meets a 429, while a single call is sent at once and,
/// should the API answer 429, waits out its `Retry-After` like any other.
final class Pacer: Sendable {
    let pacing: RequestPacing
    /// Start times of the admitted requests still inside the window, oldest first.
    private let starts = Locked<[ContinuousClock.Instant]>([])

    init(_ pacing: RequestPacing) {
        self.pacing = pacing
    }

    func applies(to path: String) -> Bool {
        pacing.pathPrefix.map(path.hasPrefix) ?? true
    }

    /// Admits a request starting at `now` and returns nil, or returns how long to wait before
    /// asking again when the window is full.
    func reserve(at now: ContinuousClock.Instant) -> Duration? {
        starts.withLock { starts in
            Pacer.forget(&starts, before: now - pacing.window)
            guard starts.count >= max(1, pacing.limit) else {
                starts.append(now)
                return nil
            }
            return starts[starts.count - max(1, pacing.limit)] + pacing.window - now
        }
    }

    /// Counts a request starting at `now` that does not wait for room.
    func record(at now: ContinuousClock.Instant) {
        starts.withLock { starts in
            Pacer.forget(&starts, before: now - pacing.window)
            starts.append(now)
        }
    }

    private static func forget(_ starts: inout [ContinuousClock.Instant], before windowStart: ContinuousClock.Instant) {
        if let firstInside = starts.firstIndex(where: { $0 > windowStart }) {
            starts.removeFirst(firstInside)
        } else {
            starts.removeAll(keepingCapacity: true)
        }
    }
}

/// Whether the current task is walking the pages of a list (set by `collectAll`, inherited by
/// the page fetches it starts): only such requests wait for the pacer.
enum PageWalk {
    @TaskLocal static var isActive = false
}
