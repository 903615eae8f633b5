import Foundation
import JSONCore
import ConcurrencyHelpers

/// Where the server's messages go: one message, written as one whole line.
package protocol MessageSink: Sendable {
    /// Writes one serialized message (without its newline) as one line. Returns false when the
    /// output is gone (the client left).
    @discardableResult
    func send(line: [UInt8]) -> Bool

    /// Writes one serialized message made in pieces as one line. The default joins the pieces
    /// and calls ``send(line:)``.
    @discardableResult
    func send(_ message: SerializedMessage) -> Bool
}

/// A serialized message in one or more pieces, written one after another as one line: a large
/// tool result goes out from the buffers it was made in, without first being copied into one.
package struct SerializedMessage: Sendable {
    package let pieces: [[UInt8]]

    package init(_ bytes: [UInt8]) {
        pieces = [bytes]
    }

    package init(pieces: [[UInt8]]) {
        self.pieces = pieces
    }

    /// The message in one buffer.
    package var bytes: [UInt8] { pieces.count == 1 ? pieces[0] : Array(pieces.joined()) }
}

extension MessageSink {
    /// Serializes `message` and writes it as one line.
    @discardableResult
    package func send(_ message: JSON) -> Bool {
        send(line: message.serialized())
    }

    @discardableResult
    package func send(_ message: SerializedMessage) -> Bool {
        send(line: message.bytes)
    }
}

/// Writes messages to a file descriptor (stdout), one line each, from any thread.
///
/// Every message passes whole through `redaction` on its way out (the executable's hides API
/// tokens), so nothing reaches stdout around it, whatever field a secret was in. Messages arrive
/// serialized and are written under a lock, so concurrent replies never interleave. The first failed write (`EPIPE`: the client closed our stdout) calls `onFailure`
/// once, and later messages are dropped.
package final class LineWriter: MessageSink, Sendable {
    private let descriptor: Int32
    /// Whether a write failed; writes happen under its lock, so that lines never interleave.
    private let failed = Locked(false)
    private let onFailure: @Sendable (Int32) -> Void
    private let redaction: any Redacting
    /// Pieces this long or longer are written on their own; shorter ones are gathered.
    private static let largePiece = 16 * 1024

    package init(
        descriptor: Int32, redaction: any Redacting = NoRedaction(),
        onFailure: @escaping @Sendable (Int32) -> Void
    ) {
        self.descriptor = descriptor
        self.redaction = redaction
        self.onFailure = onFailure
    }

    @discardableResult
    package func send(line: [UInt8]) -> Bool {
        send(SerializedMessage(line))
    }

    /// Writes the pieces of one message, redacted, then a newline.
    @discardableResult
    package func send(_ message: SerializedMessage) -> Bool {
        let message = redacted(message)
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

    /// The message through the redaction, in one piece when that hid something. (A secret is
    /// letters and digits, its replacement has no quote or backslash: the JSON stays valid.)
    private func redacted(_ message: SerializedMessage) -> SerializedMessage {
        let hidden = message.pieces.count == 1
            ? message.pieces[0].withUnsafeBufferPointer(redaction.redacted(utf8:))
            : message.bytes.withUnsafeBufferPointer(redaction.redacted(utf8:))
        return hidden.map(SerializedMessage.init) ?? message
    }
}
