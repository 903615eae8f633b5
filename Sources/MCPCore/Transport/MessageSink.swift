import Foundation
import JSONCore

/// Where the server's messages go: one message, written as one whole line.
public protocol MessageSink: Sendable {
    /// Writes one serialized message (without its newline) as one line. Returns false when the
    /// output is gone (the client left).
    @discardableResult
    func send(line: [UInt8]) -> Bool
}

extension MessageSink {
    /// Serializes `message` and writes it as one line.
    @discardableResult
    public func send(_ message: JSON) -> Bool {
        send(line: message.serialized())
    }
}

/// Writes messages to a file descriptor (stdout), one line each, from any thread.
///
/// Messages arrive serialized and are written under a lock, so concurrent replies never
/// interleave. The first failed write (`EPIPE`: the client closed our stdout) calls `onFailure`
/// once, and later messages are dropped.
public final class LineWriter: MessageSink, @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var failed = false
    private let onFailure: @Sendable (Int32) -> Void
    private static let newline: [UInt8] = [0x0A]

    public init(descriptor: Int32, onFailure: @escaping @Sendable (Int32) -> Void) {
        self.descriptor = descriptor
        self.onFailure = onFailure
    }

    @discardableResult
    public func send(line: [UInt8]) -> Bool {
        lock.lock()
        guard !failed else {
            lock.unlock()
            return false
        }
        // Two writes under one lock keep the line whole without copying a large message.
        var error = FileDescriptorIO.writeAll(descriptor, line)
        if error == nil { error = FileDescriptorIO.writeAll(descriptor, LineWriter.newline) }
        if error != nil { failed = true }
        lock.unlock()
        if let error {
            onFailure(error)
            return false
        }
        return true
    }
}
