import CHoursmithMCP
import Foundation
import ConcurrencyHelpers

/// Gives the heap's free pages back to the system once the server has been quiet for a moment
/// after a tool call.
///
/// A 10,000-entry walk leaves ~10 MiB of freed heap that glibc keeps (it returns memory only from
/// the top of a heap, past a threshold it raises as large blocks are freed), so an idle server
/// would stay near its high-water mark for hours. After each burst of calls, once none has
/// finished for `quietPeriod`, one thread calls `malloc_trim` (on Darwin, the malloc zones'
/// pressure relief). Every thread allocates from one heap, since `malloc_trim` leaves the free top
/// of glibc's per-thread arenas mapped; the benchmark shows no cost to a walk from it. Between
/// bursts the trimming thread is blocked on a condition: an idle server uses no CPU.
final class IdleMemoryTrim: Sendable {
    /// Calls finished so far, how many had finished at the last trim, and whether the trimming
    /// thread runs.
    private struct Counts {
        var finished = 0
        var trimmed = 0
        var started = false
    }

    private let quietPeriod: Duration
    private let release: @Sendable () -> Void
    private let counts = LockedCondition(Counts())

    init(quietPeriod: Duration = .milliseconds(250), release: @escaping @Sendable () -> Void = { _ = hoursmith_release_free_memory() }) {
        self.quietPeriod = quietPeriod
        self.release = release
        hoursmith_allocate_from_one_heap()
    }

    /// Notes that a call finished; a trim follows once no other has for the quiet period.
    func callFinished() {
        let isFirst = counts.withLock { counts in
            counts.finished += 1
            defer { counts.started = true }
            return !counts.started
        }
        guard isFirst else { return }
        let thread = Thread { [self] in run() }
        thread.name = "memory-trim"
        thread.qualityOfService = .background
        thread.start()
    }

    private func run() {
        while true {
            var seen = counts.wait { $0.finished != $0.trimmed }.value.finished
            // Wait until a whole quiet period passes without another call finishing.
            while true {
                let (now, anotherFinished) = counts.wait(until: { $0.finished != seen }, deadline: .now + quietPeriod)
                guard anotherFinished else { break }
                seen = now.finished
            }
            counts.withLock { $0.trimmed = seen }
            release()
        }
    }
}
