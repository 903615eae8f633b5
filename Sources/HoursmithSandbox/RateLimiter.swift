import Foundation
import ConcurrencyHelpers

/// Fixed-window rate limits per token: one window for every request, and a second one that
/// report requests also count in. A window opens with the first request after the previous
/// one ended. Only admitted requests count.
final class RateLimiter: Sendable {
    private struct Window {
        var start: Double = -.infinity
        var count = 0
    }

    private struct Windows {
        var all = Window()
        var reports = Window()
    }

    private let limit: Int
    private let seconds: Double
    private let reportLimit: Int
    private let reportSeconds: Double
    private let windows = Locked([String: Windows]())

    init(_ configuration: SandboxConfiguration) {
        limit = configuration.requestsPerWindow
        seconds = Double(configuration.windowSeconds)
        reportLimit = configuration.reportRequestsPerWindow
        reportSeconds = Double(configuration.reportWindowSeconds)
    }

    /// Counts the request and returns nil, or returns the whole seconds to wait (at least 1)
    /// when a window is full: the longer wait when both are.
    func admit(token: String, isReport: Bool, now: Double) -> Int? {
        windows.withLock { windows in
            var state = windows[token] ?? Windows()
            if now >= state.all.start + seconds { state.all = Window(start: now, count: 0) }
            if isReport && now >= state.reports.start + reportSeconds { state.reports = Window(start: now, count: 0) }
            var wait = 0.0
            if state.all.count >= limit { wait = state.all.start + seconds - now }
            if isReport && state.reports.count >= reportLimit { wait = max(wait, state.reports.start + reportSeconds - now) }
            if wait > 0 {
                windows[token] = state
                return max(1, Int(wait.rounded(.up)))
            }
            state.all.count += 1
            if isReport { state.reports.count += 1 }
            windows[token] = state
            return nil
        }
    }
}
