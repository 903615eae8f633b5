/// Reads the head (request line and headers) of an HTTP/1.1 request.
enum HTTPRequestHead {
    /// Why a request could not be read: the status to answer and a sentence, with the part of
    /// the request that was read.
    struct Failure: Error {
        let status: Int
        let problem: String
        let partial: HTTPRequest
    }

    /// The longest head the server reads.
    static let maxHeadLength = 64 * 1024
    /// The largest body the server accepts.
    static let maxBodyLength = 16 * 1024 * 1024

    /// The index just past the blank line that ends the head, or nil when it has not arrived.
    static func end(in buffer: [UInt8], from start: Int) -> Int? {
        guard buffer.count - start >= 4 else { return nil }
        var index = start
        while index + 3 < buffer.count {
            if buffer[index + 3] != 0x0A { index += 1; continue }
            if buffer[index] == 0x0D, buffer[index + 1] == 0x0A, buffer[index + 2] == 0x0D { return index + 4 }
            index += 1
        }
        return nil
    }

    /// Checks the request line as soon as it is complete, so garbage is refused without
    /// waiting for a blank line that may never come. Nil while the line is incomplete.
    static func checkRequestLine(in buffer: [UInt8]) -> Failure? {
        guard let lineEnd = buffer.firstIndex(of: 0x0A) else {
            // A request starts with a method, a token: anything else in its place is not HTTP.
            let method = buffer.prefix { $0 != 0x20 }
            if buffer.count > 8192 || method.contains(where: { !isTokenByte($0) && $0 != 0x0D }) {
                return Failure(status: 400, problem: "This is not an HTTP request.", partial: partial(buffer))
            }
            return nil
        }
        do {
            _ = try requestLine(Array(buffer[..<lineEnd]))
            return nil
        } catch {
            return error
        }
    }

    /// Parses the head `buffer[0..<end]` (which ends with the blank line).
    static func parse(_ buffer: [UInt8], end: Int) throws(Failure) -> (request: HTTPRequest, contentLength: Int) {
        var lines: [[UInt8]] = []
        var lineStart = 0
        var index = 0
        while index < end - 2 {
            if buffer[index] == 0x0D && buffer[index + 1] == 0x0A {
                lines.append(Array(buffer[lineStart..<index]))
                index += 2
                lineStart = index
            } else {
                index += 1
            }
        }
        guard let first = lines.first else {
            throw Failure(status: 400, problem: "The request is empty.", partial: partial(buffer))
        }
        var request = try requestLine(first)
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
                  line[..<colon].allSatisfy(isTokenByte)
            else {
                throw Failure(status: 400, problem: "A header line is malformed.", partial: request)
            }
            guard !line.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw Failure(status: 400, problem: "A header contains a control character.", partial: request)
            }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpaces()
            if let existing = request.headers[name] {
                request.headers[name] = existing + ", " + value
            } else {
                request.headers[name] = value
            }
        }
        if request.headers["transfer-encoding"] != nil {
            throw Failure(status: 411, problem: "Chunked request bodies are not supported; send a Content-Length.", partial: request)
        }
        var length = 0
        if let text = request.headers["content-length"] {
            let values = text.split(separator: ",").map { $0.trimmingSpaces() }
            guard let value = values.first.flatMap({ Int($0) }), value >= 0, values.allSatisfy({ Int($0) == value }) else {
                throw Failure(status: 400, problem: "The Content-Length header is not a number.", partial: request)
            }
            guard value <= maxBodyLength else {
                throw Failure(status: 413, problem: "The request body is larger than \(maxBodyLength) bytes.", partial: request)
            }
            length = value
        }
        return (request, length)
    }

    private static func requestLine(_ line: [UInt8]) throws(Failure) -> HTTPRequest {
        var line = line[...]
        if line.last == 0x0D { line = line.dropLast() }
        let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
        let text = String(decoding: line, as: UTF8.self)
        let fallback = HTTPRequest(method: "", target: text, version: "", headers: [:], body: [])
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte) else {
            throw Failure(status: 400, problem: "The request line is malformed.", partial: fallback)
        }
        let method = String(decoding: parts[0], as: UTF8.self)
        let target = String(decoding: parts[1], as: UTF8.self)
        let version = String(decoding: parts[2], as: UTF8.self)
        let request = HTTPRequest(method: method, target: target, version: version, headers: [:], body: [])
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            throw Failure(status: 400, problem: "Only HTTP/1.1 and HTTP/1.0 are spoken here.", partial: request)
        }
        guard target.hasPrefix("/"), parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw Failure(status: 400, problem: "The request target must be a path starting with /.", partial: request)
        }
        return request
    }

    private static func partial(_ buffer: [UInt8]) -> HTTPRequest {
        let text = String(decoding: buffer.prefix(200), as: UTF8.self)
        return HTTPRequest(method: "", target: text, version: "", headers: [:], body: [])
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
