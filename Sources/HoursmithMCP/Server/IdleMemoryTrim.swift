import CHoursmithMCP
import Foundation

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
final class IdleMemoryTrim: @unchecked Sendable {
    private let quietPeriod: TimeInterval
    private let release: @Sendable () -> Void
    private let condition = NSCondition()
    /// Calls finished so far, and how many had finished at the last trim.
    private var finished = 0
    private var trimmed = 0
    private var started = false

    init(quietPeriod: Duration = .milliseconds(250), release: @escaping @Sendable () -> Void = { _ = hoursmith_release_free_memory() }) {
        let (seconds, attoseconds) = quietPeriod.components
        self.quietPeriod = Double(seconds) + Double(attoseconds) / 1e18
        self.release = release
        hoursmith_allocate_from_one_heap()
    }

    /// Notes that a call finished; a trim follows once no other has for the quiet period.
    func callFinished() {
        condition.lock()
        finished += 1
        if !started {
            started = true
            let thread = Thread { [self] in run() }
            thread.name = "memory-trim"
            thread.qualityOfService = .background
            thread.start()
        }
        condition.signal()
        condition.unlock()
    }

    private func run() {
        condition.lock()
        while true {
            while finished == trimmed { condition.wait() }
            // Wait until a whole quiet period passes without another call finishing.
            var seen = finished
            var deadline = Date(timeIntervalSinceNow: quietPeriod)
            while true {
                let signalled = condition.wait(until: deadline)
                if finished != seen {
                    seen = finished
                    deadline = Date(timeIntervalSinceNow: quietPeriod)
                } else if !signalled {
                    break
                }
            }
            trimmed = seen
            condition.unlock()
            release()
            condition.lock()
        }
    }
}
