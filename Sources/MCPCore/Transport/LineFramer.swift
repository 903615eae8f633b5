#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream into lines, in time linear in the input: each byte is looked at once.
///
/// A trailing `\r` is stripped and blank lines are skipped. A line longer than `maxLineLength`
/// bytes (not counting its `\n` or `\r\n`) is not kept in memory: its bytes are counted and
/// dropped, and it is reported as oversized, with that length, when its newline (or the end of
/// input) arrives. How the input is cut into chunks changes none of this.
package struct LineFramer {
    package enum Event {
        /// A complete line, without its line break. The buffer is valid only during the callback.
        case line(UnsafeRawBufferPointer)
        /// A line of `length` bytes that was over the limit and has been discarded.
        case oversized(length: Int)
    }

    package let maxLineLength: Int
    private var partial: [UInt8] = []
    /// The line being discarded: its length so far and its last byte (a `\r` to leave uncounted).
    private var discarded: (length: Int, last: UInt8)?

    package init(maxLineLength: Int) {
        self.maxLineLength = maxLineLength
    }

    /// Feeds the next chunk of input; `emit` is called for each line it completes.
    package mutating func push(_ chunk: UnsafeRawBufferPointer, _ emit: (Event) -> Void) {
        guard let base = chunk.baseAddress else { return }
        var position = 0
        while position < chunk.count {
            let remaining = chunk.count - position
            guard let found = memchr(base + position, 0x0A, remaining) else {
                accumulate(UnsafeRawBufferPointer(start: base + position, count: remaining))
                return
            }
            let newline = base.distance(to: UnsafeRawPointer(found))
            let segment = UnsafeRawBufferPointer(start: base + position, count: newline - position)
            completeLine(with: segment, emit)
            position = newline + 1
        }
    }

    /// Ends the input: an unterminated last line is delivered as if it had its newline.
    package mutating func finish(_ emit: (Event) -> Void) {
        if !partial.isEmpty || discarded != nil {
            completeLine(with: UnsafeRawBufferPointer(start: nil, count: 0), emit)
        }
    }

    private mutating func accumulate(_ bytes: UnsafeRawBufferPointer) {
        if let line = discarded {
            discarded = (line.length + bytes.count, bytes.last ?? line.last)
        } else if partial.count + bytes.count > maxLineLength + 1 {
            // Over the limit even if its last byte is the `\r` of a `\r\n`.
            discarded = (partial.count + bytes.count, bytes.last ?? partial.last ?? 0)
            partial = []
        } else {
            partial.append(contentsOf: bytes)
        }
    }

    private mutating func completeLine(with segment: UnsafeRawBufferPointer, _ emit: (Event) -> Void) {
        if let line = discarded {
            discarded = nil
            emit(.oversized(length: LineFramer.length(line.length + segment.count, last: segment.last ?? line.last)))
        } else if partial.isEmpty {
            // The common case: the whole line is inside this chunk; no copy.
            deliver(segment, emit)
        } else if partial.count + segment.count > maxLineLength + 1 {
            let length = LineFramer.length(partial.count + segment.count, last: segment.last ?? partial.last ?? 0)
            partial = []
            emit(.oversized(length: length))
        } else {
            partial.append(contentsOf: segment)
            let line = partial
            partial = []
            line.withUnsafeBytes { deliver($0, emit) }
        }
    }

    /// A line's length without the `\r` of its `\r\n`.
    private static func length(_ count: Int, last: UInt8) -> Int {
        last == 0x0D ? count - 1 : count
    }

    private func deliver(_ line: UnsafeRawBufferPointer, _ emit: (Event) -> Void) {
        var end = line.count
        if end > 0 && line[end - 1] == 0x0D { end -= 1 }
        if end > maxLineLength {
            emit(.oversized(length: end))
            return
        }
        var start = 0
        while start < end, line[start] == 0x20 || line[start] == 0x09 || line[start] == 0x0D { start += 1 }
        guard start < end else { return }
        emit(.line(UnsafeRawBufferPointer(rebasing: line[0..<end])))
    }
}
