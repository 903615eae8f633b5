import Foundation
import ConcurrencyHelpers

/// Where log lines go. The process's one sink is standard error; tests capture lines instead.
package protocol LogSink: Sendable {
    /// Writes one complete line (without its newline).
    func write(line: String)
}

/// The stderr logger: one line a record, a minimum level, and the output filter every line passes
/// through before it is written (the executable's hides API tokens).
///
/// ```
/// 2026-11-22T18:27:50.123Z warning hoursmith-mcp: Hoursmith asked us to slow down; retrying in 3 s
/// ```
package struct Logger: Sendable {
    package var label: String
    package var level: LogLevel
    /// What every line, and every stdout message of a server logging here, passes through.
    package let filter: OutputFilter
    let sink: any LogSink

    package init(
        label: String,
        level: LogLevel = .info,
        sink: any LogSink = StandardErrorSink.shared,
        filter: OutputFilter = OutputFilter()
    ) {
        self.label = label
        self.level = level
        self.sink = sink
        self.filter = filter
    }

    package func isEnabled(_ level: LogLevel) -> Bool { level >= self.level }

    /// Writes `message` at `level`, when that level is enabled. The message is built only then.
    package func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
        guard isEnabled(level) else { return }
        let text = Logger.oneLine(filter.text(message()))
        sink.write(line: "\(Logger.timestamp()) \(level) \(label): \(text)")
    }

    package func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
    package func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    package func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
    package func error(_ message: @autoclosure () -> String) { log(.error, message()) }

    /// Line breaks inside a record are escaped, so one record is always one line.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0 == "\n" || $0 == "\r" }) else { return text }
        return text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = time_t(now.tv_sec)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let millis = Int32(now.tv_nsec / 1_000_000)
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(millis, 3))Z"
    }
}

/// Standard error, one whole line per write, serialized across threads.
package final class StandardErrorSink: LogSink, Sendable {
    package static let shared = StandardErrorSink()
    /// The descriptor, locked so that lines from different threads never interleave.
    private let descriptor = Locked(STDERR_FILENO)

    package func write(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        descriptor.withLock { _ = FileDescriptorIO.writeAll($0, bytes) }
    }
}
