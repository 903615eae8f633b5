import ConcurrencyHelpers
import Dispatch

/// How a call's time limit is kept: a timer armed when the call arrives, which runs an action at
/// the limit unless disarmed first. The server's are dispatch timers, which fire on time even when
/// every thread of the concurrency pool is busy; tests arm limits they fire themselves.
struct TimeLimits: Sendable {
    /// Arms `action` to run `after` from now; returns what disarms it.
    let arm: @Sendable (_ after: Duration, _ action: @escaping @Sendable () -> Void) -> @Sendable () -> Void

    static let dispatch = TimeLimits { after, action in
        let timer = DispatchTimer(DispatchSource.makeTimerSource(queue: .global()))
        timer.source.schedule(deadline: .now() + .nanoseconds(after.timerNanoseconds))
        timer.source.setEventHandler(handler: action)
        timer.source.activate()
        return { timer.source.cancel() }
    }

    /// A dispatch timer, to be cancelled from any thread (dispatch sources are thread-safe; the
    /// protocol is not marked `Sendable`).
    private final class DispatchTimer: @unchecked Sendable {
        let source: any DispatchSourceTimer

        init(_ source: any DispatchSourceTimer) {
            self.source = source
        }
    }
}
