import Foundation
import JSONCore
import ConcurrencyHelpers

/// Where the server's messages go: one message, written as one whole line.
package protocol MessageSink: Sendable {
    /// Writes one serialized message, made in one piece or several, as one line (without its
    /// newline). Returns false when the output is gone (the client left).
    @discardableResult
    func send(_ message: SerializedMessage) -> Bool
}

/// A serialized message in one or more pieces, written one after another as one line: a large
/// tool result goes out from the buffers it was made in, without first being copied into one.
package struct SerializedMessage: Sendable {
    package let pieces: [[UInt8]]
    /// The pieces that have been through the ``OutputFilter`` already (the cached tool list),
    /// which it does not read again; the message is then cut only between members, so that each
    /// other piece holds whole strings.
    package let filtered: Set<Int>

    package init(_ bytes: [UInt8]) {
        pieces = [bytes]
        filtered = []
    }

    package init(pieces: [[UInt8]], filtered: Set<Int> = []) {
        self.pieces = pieces
        self.filtered = filtered
    }

    /// The message in one buffer.
    package var bytes: [UInt8] { pieces.count == 1 ? pieces[0] : Array(pieces.joined()) }
}

extension MessageSink {
    /// Writes one serialized message (without its newline) as one line.
    @discardableResult
    package func send(line: [UInt8]) -> Bool {
        send(SerializedMessage(line))
    }

    /// Serializes `message` and writes it as one line.
    @discardableResult
    package func send(_ message: JSON) -> Bool {
        send(line: message.serialized())
    }
}

/// Writes messages to a file descriptor (stdout), one line each, from any thread.
///
/// Messages arrive serialized (and, in a server, filtered: ``FilteredSink``) and are written under
/// a lock, so concurrent replies never interleave. The first failed write (`EPIPE`: the client
/// closed our stdout) calls `onFailure` once, and later messages are dropped.
package final class LineWriter: MessageSink, Sendable {
    private let descriptor: Int32
    /// Whether a write failed; writes happen under its lock, so that lines never interleave.
    private let failed = Locked(false)
    private let onFailure: @Sendable (Int32) -> Void
    /// Pieces this long or longer are written on their own; shorter ones are gathered.
    private static let largePiece = 16 * 1024

    package init(
        descriptor: Int32, onFailure: @escaping @Sendable (Int32) -> Void
    ) {
        self.descriptor = descriptor
        self.onFailure = onFailure
    }

    /// Writes the pieces of one message, then a newline.
    @discardableResult
    package func send(_ message: SerializedMessage) -> Bool {
        enum Outcome { case written, dropped, failed(Int32) }
        let outcome: Outcome = failed.withLock { failed in
            guard !failed else { return .dropped }
            // Small pieces are gathered into one write; a large one is written from where it
            // is, not copied.
            var error: Int32?
            var gathered: [UInt8] = []
            for piece in message.pieces where error == nil {
                if piece.count < LineWriter.largePiece {
                    gathered.append(contentsOf: piece)
                    continue
                }
                if !gathered.isEmpty {
                    error = FileDescriptorIO.writeAll(descriptor, gathered)
                    gathered.removeAll(keepingCapacity: true)
                }
                if error == nil { error = FileDescriptorIO.writeAll(descriptor, piece) }
            }
            gathered.append(0x0A)
            if error == nil { error = FileDescriptorIO.writeAll(descriptor, gathered) }
            guard let error else { return .written }
            failed = true
            return .failed(error)
        }
        switch outcome {
        case .written: return true
        case .dropped: return false
        case .failed(let error):
            onFailure(error)
            return false
        }
    }
}

/// The exit of a server's messages: every message passes whole through the ``OutputFilter`` before
/// the next sink writes it, whatever its kind (a reply, an error, a progress or log notification, a
/// list-changed notice) and whatever field its text is in. ``MCPServer`` writes through one in
/// front of the sink it is given (the stdout ``LineWriter``), with its logger's filter.
package struct FilteredSink: MessageSink {
    package let filter: OutputFilter
    package let next: any MessageSink

    package init(filter: OutputFilter, next: any MessageSink) {
        self.filter = filter
        self.next = next
    }

    @discardableResult
    package func send(_ message: SerializedMessage) -> Bool {
        next.send(filter.message(message))
    }
}
