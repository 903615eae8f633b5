import Foundation

/// A value behind a lock that threads can wait on: ``wait(until:deadline:)`` blocks the calling
/// thread until the value passes a test, re-checking each time ``withLock(_:)`` changes it.
///
/// For a thread that has nothing to do until something happens (a server's main thread until
/// shutdown is asked for, a connection held until a test opens its gate). Never wait on the
/// cooperative pool of Swift concurrency: a blocked pool thread stalls unrelated tasks.
package final class LockedCondition<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value, then wakes every waiter to look again.
    package func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return try body(&value)
    }

    /// A copy of the value as it is now.
    package var current: Value {
        condition.lock()
        defer { condition.unlock() }
        return value
    }

    /// Blocks until `isReady` holds for the value, or `deadline` (if any) passes; returns the
    /// value as it was then, and whether it was ready.
    @discardableResult
    package func wait(until isReady: (Value) -> Bool, deadline: ContinuousClock.Instant? = nil) -> (value: Value, isReady: Bool) {
        condition.lock()
        defer { condition.unlock() }
        while !isReady(value) {
            // (Foundation on Linux traps on a wait until `Date.distantFuture`: no deadline is no deadline.)
            guard let deadline else {
                condition.wait()
                continue
            }
            if !condition.wait(until: deadline.date) { return (value, isReady(value)) }
        }
        return (value, true)
    }
}
