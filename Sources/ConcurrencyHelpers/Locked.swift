import Foundation

/// A value behind a lock: the one way this package shares mutable state between threads.
///
/// ```swift
/// let counts = Locked([String: Int]())
/// counts.withLock { $0["calls", default: 0] += 1 }
/// ```
///
/// The toolchain's `Mutex` would do, but it needs macOS 15 and the package runs on macOS 13.
/// Keep what runs under the lock short, and never wait for other work there.
package final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value, and returns what it returns.
    package func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// A copy of the value as it is now.
    package var current: Value {
        withLock { $0 }
    }
}
