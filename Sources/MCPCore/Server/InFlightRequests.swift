import Foundation

/// The requests being served, by id, so that `notifications/cancelled` can find and cancel them
/// and shutdown can wait for them.
final class InFlightRequests: @unchecked Sendable {
    private struct Entry {
        var task: Task<Void, Never>?
        var cancelled = false
        /// Its reply is being written: too late to cancel.
        var replying = false
    }

    private let condition = NSCondition()
    private var entries: [RequestID: Entry] = [:]

    /// Registers a request; false when a request with this id is already in flight.
    func begin(_ id: RequestID) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard entries[id] == nil else { return false }
        entries[id] = Entry()
        return true
    }

    /// Attaches the task serving `id` (cancelling it at once if a cancellation came first).
    func attach(_ task: Task<Void, Never>, to id: RequestID) {
        condition.lock()
        entries[id]?.task = task
        let cancelled = entries[id]?.cancelled == true
        condition.unlock()
        if cancelled { task.cancel() }
    }

    /// Cancels the request; its reply will not be written. Unknown ids are ignored.
    func cancel(_ id: RequestID) {
        condition.lock()
        guard var entry = entries[id], !entry.replying else {
            condition.unlock()
            return
        }
        entry.cancelled = true
        entries[id] = entry
        condition.unlock()
        entry.task?.cancel()
    }

    /// Ends the request: `reply` runs (to write the reply) unless it was cancelled, and only then
    /// does the request stop counting as in flight, so shutdown never outruns a reply.
    func finish(_ id: RequestID, reply: () -> Void) {
        condition.lock()
        let cancelled = entries[id]?.cancelled ?? true
        entries[id]?.replying = true
        condition.unlock()
        if !cancelled { reply() }
        condition.lock()
        entries.removeValue(forKey: id)
        condition.broadcast()
        condition.unlock()
    }

    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return entries.count
    }

    /// Waits until no request is in flight or `deadline` passes; returns whether all finished.
    func waitUntilEmpty(before deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !entries.isEmpty {
            if !condition.wait(until: deadline) { return entries.isEmpty }
        }
        return true
    }
}
