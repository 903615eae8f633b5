import Foundation

/// Keeps the requests it admits to at most `limit` starts in any `window` (a sliding window), so
/// that the server's fixed-window rate limit is never reached by this client alone.
final class Pacer: @unchecked Sendable {
    let pacing: RequestPacing
    private let lock = NSLock()
    /// Start times of the admitted requests still inside the window, oldest first.
    private var starts: [Duration] = []

    init(_ pacing: RequestPacing) {
        self.pacing = pacing
    }

    func applies(to path: String) -> Bool {
        pacing.pathPrefix.map(path.hasPrefix) ?? true
    }

    /// Admits a request starting at `now` and returns nil, or returns how long to wait before
    /// asking again when the window is full.
    func reserve(at now: Duration) -> Duration? {
        lock.lock()
        defer { lock.unlock() }
        let windowStart = now - pacing.window
        if let firstInside = starts.firstIndex(where: { $0 > windowStart }) {
            starts.removeFirst(firstInside)
        } else {
            starts.removeAll(keepingCapacity: true)
        }
        guard starts.count >= max(1, pacing.limit) else {
            starts.append(now)
            return nil
        }
        return starts[starts.count - max(1, pacing.limit)] + pacing.window - now
    }
}
