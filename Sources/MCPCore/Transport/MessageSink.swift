import Foundation
import JSONCore

/// Where the server's messages go: one JSON value, written as one whole line.
public protocol MessageSink: Sendable {
    /// Writes `message` as one line. Returns false when the output is gone (the client left).
    @discardableResult
    func send(_ message: JSON) -> Bool
}

/// Writes messages to a file descriptor (stdout), one line each, from any thread.
///
/// Messages are serialized outside the lock and written under it, so concurrent replies never
/// interleave. The first failed write (`EPIPE`: the client closed our stdout) calls `onFailure`
/// once, and later messages are dropped.
public final class LineWriter: MessageSink, @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var failed = false
    private let onFailure: @Sendable (Int32) -> Void

    public init(descriptor: Int32, onFailure: @escaping @Sendable (Int32) -> Void) {
        self.descriptor = descriptor
        self.onFailure = onFailure
    }

    @discardableResult
    public func send(_ message: JSON) -> Bool {
        var line: [UInt8] = []
        line.reserveCapacity(128)
        message.serialize(into: &line)
        line.append(0x0A)
        lock.lock()
        guard !failed else {
            lock.unlock()
            return false
        }
        let error = FileDescriptorIO.writeAll(descriptor, line)
        if error != nil { failed = true }
        lock.unlock()
        if let error {
            onFailure(error)
            return false
        }
        return true
    }
}
