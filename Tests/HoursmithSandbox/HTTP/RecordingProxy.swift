import Dispatch
import Foundation
import Locking
import TestSupport

/// A stand-in for a forward proxy on 127.0.0.1: it records the bytes every connection sends, and
/// answers each request head with a refusal — 403 to a `CONNECT` (no tunnel is opened), 502 to
/// anything else — then closes. For tests of what a client sends to a proxy, or that it sends
/// nothing at all.
///
/// ```swift
/// let proxy = try RecordingProxy()
/// defer { proxy.stop() }
/// // run a client with http_proxy=proxy.url …
/// #expect(proxy.received.isEmpty)
/// ```
public final class RecordingProxy: Sendable {
    public let port: UInt16
    private let listener: Int32
    private let wake: (read: Int32, write: Int32)
    /// What each connection sent (its request head, or all it sent before closing), in order.
    private let connections = Watched<[String]>([])
    private let state = Locked((stopped: false, open: Set<Int32>()))
    private let acceptLoopDone = DispatchSemaphore(value: 0)

    public init() throws {
        let (listener, port) = try Socket.listen(port: 0)
        do {
            wake = try Socket.pipe()
        } catch {
            Socket.close(listener)
            throw error
        }
        self.listener = listener
        self.port = port
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "recording proxy accept"
        thread.start()
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:<port>`, for `http_proxy` and friends.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// What each connection sent, in the order they came (every request line and header, the
    /// `Proxy-Authorization` and `Authorization` headers included).
    public var received: [String] { connections.current }

    /// Waits until `count` connections have sent their request head (or closed), and returns
    /// what they sent.
    @discardableResult
    public func waitForConnections(_ count: Int = 1, timeout: Duration = .seconds(30)) async throws -> [String] {
        try await connections.wait(until: { $0.count >= count }, timeout: timeout, "\(count) connection(s) to the proxy")
    }

    /// Stops listening and closes every connection. Idempotent.
    public func stop() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        Socket.poke(wake.write)
        acceptLoopDone.wait()
        state.withLock { state in
            for fd in state.open { Socket.shutdown(fd) }
        }
        Socket.close(wake.read)
        Socket.close(wake.write)
    }

    private func acceptLoop() {
        while Socket.waitForConnection(listener, wake: wake.read) {
            guard let fd = Socket.accept(listener) else { continue }
            let accepted = state.withLock { state in
                guard !state.stopped else { return false }
                state.open.insert(fd)
                return true
            }
            guard accepted else {
                Socket.close(fd)
                break
            }
            let thread = Thread { [self] in serve(fd) }
            thread.name = "recording proxy connection"
            thread.start()
        }
        Socket.close(listener)
        acceptLoopDone.signal()
    }

    /// Reads the request head (or whatever comes before the client closes), records it, refuses.
    private func serve(_ fd: Int32) {
        defer {
            state.withLock { state in
                state.open.remove(fd)
                Socket.close(fd)
            }
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while HTTPRequestHead.end(in: received, from: 0) == nil, received.count < HTTPRequestHead.maxHeadLength {
            let count = Socket.receive(fd, into: &chunk)
            guard count > 0 else { break }
            received.append(contentsOf: chunk[0..<count])
        }
        let text = String(decoding: received, as: UTF8.self)
        connections.withLock { $0.append(text) }
        let refusal = text.hasPrefix("CONNECT ") ? "403 Forbidden" : "502 Bad Gateway"
        _ = Socket.send(fd, Array("HTTP/1.1 \(refusal)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
    }
}
