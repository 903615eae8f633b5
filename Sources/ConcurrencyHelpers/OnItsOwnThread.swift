import Foundation

/// Runs blocking `work` — a person typing at a terminal, thousands of records seeded — on a thread
/// of its own and returns what it returns, so that no thread of the concurrency pool waits for it.
package func onItsOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: work()) }
    }
}
