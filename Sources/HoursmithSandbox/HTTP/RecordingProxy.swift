import Foundation
import ConcurrencyHelpers

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
package final class RecordingProxy: Sendable {
    private let listener: ConnectionListener
    /// What each connection sent (its request head, or all it sent before closing), in order.
    private let connections: Watched<[String]>

    package var port: UInt16 { listener.port }

    package init() throws {
        let connections = Watched<[String]>([])
        self.connections = connections
        listener = try ConnectionListener(port: 0, name: "recording proxy") { fd, _ in
            RecordingProxy.serve(fd, recordingTo: connections)
        }
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:<port>`, for `http_proxy` and friends.
    package var url: String { "http://127.0.0.1:\(port)" }

    /// What each connection sent, in the order they came (every request line and header, the
    /// `Proxy-Authorization` and `Authorization` headers included).
    package var received: [String] { connections.current }

    /// Waits until `count` connections have sent their request head (or closed), and returns
    /// what they sent.
    @discardableResult
    package func waitForConnections(_ count: Int = 1, timeout: Duration = .seconds(30)) async throws -> [String] {
        try await connections.wait(until: { $0.count >= count }, timeout: timeout, "\(count) connection(s) to the proxy")
    }

    /// Stops listening and closes every connection. Idempotent.
    package func stop() {
        listener.stop()
    }

    /// Reads the request head (or whatever comes before the client closes), records it, refuses.
    private static func serve(_ fd: Int32, recordingTo connections: Watched<[String]>) {
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
