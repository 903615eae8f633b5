import Foundation
import JSONCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deliberately small HTTP/1.1 client over a raw socket: it sends exactly the bytes a test
/// writes (no automatic headers, no redirects followed), so tests see the server as it is.
final class RawConnection {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: UInt16, timeoutSeconds: Int = 10) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw Failure(description: "connect to port \(port) failed (errno \(errno))")
        }
    }

    deinit { close(fd) }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var offset = 0
        bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                #if canImport(Glibc)
                let sent = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, flags)
                #else
                let sent = Darwin.send(fd, raw.baseAddress! + offset, raw.count - offset, flags)
                #endif
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    /// Reads more bytes; false at end of stream (or timeout).
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    /// Whether the server closed the connection (reads to the end; true when nothing more comes).
    func isClosedByPeer() -> Bool {
        buffer.isEmpty && !fill()
    }

    /// Reads one response (status line, headers, Content-Length body); nil when the connection
    /// ended first. A body shorter than its Content-Length is returned as far as it came,
    /// with `isTruncated` set.
    func readResponse(skippingInformational: Bool = true) -> RawResponse? {
        while true {
            if let end = headEnd() {
                let head = String(decoding: buffer[0..<end], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst()
                let parts = statusLine.split(separator: " ", maxSplits: 2)
                guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
                var headers: [String: String] = [:]
                for line in lines where !line.isEmpty {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                let length = Int(headers["content-length"] ?? "0") ?? 0
                var truncated = false
                while buffer.count < end + 4 + length {
                    if !fill() { truncated = true; break }
                }
                let bodyEnd = min(buffer.count, end + 4 + length)
                let body = Array(buffer[(end + 4)..<bodyEnd])
                buffer.removeFirst(bodyEnd)
                if status == 100 && skippingInformational { continue }
                return RawResponse(status: status, headers: headers, body: body, isTruncated: truncated)
            }
            guard fill() else { return nil }
        }
    }

    private func headEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }
}

/// A response as the raw client read it.
struct RawResponse {
    let status: Int
    /// Lowercased names.
    let headers: [String: String]
    let body: [UInt8]
    let isTruncated: Bool

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as JSON; `.null` when it is not JSON (a test then fails on what it expected).
    var json: JSON { (try? JSON.parse(body)) ?? .null }

    /// The `error` code of an error body.
    var errorCode: String? { json["error"]?.stringValue }

    /// The fields named in `errors` of a 422.
    var errorFields: Set<String> { Set(json["errors"]?.objectValue?.keys ?? []) }
}
