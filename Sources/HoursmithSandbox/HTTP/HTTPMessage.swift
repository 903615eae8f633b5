/// One HTTP/1.1 request as the server read it.
struct HTTPRequest: Sendable {
    var method: String
    /// The request target as sent: path and query (`/api/v1/clients?page=2`).
    var target: String
    var version: String
    /// Header values by lowercased name; a repeated header keeps its values joined by ", ".
    var headers: [String: String]
    var body: [UInt8]

    /// The target's path, before any `?`.
    var path: String {
        guard let mark = target.firstIndex(of: "?") else { return target }
        return String(target[..<mark])
    }

    /// The target's query, after the `?` (empty when there is none).
    var queryString: String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return String(target[target.index(after: mark)...])
    }

    /// Whether the client asked to close the connection after this exchange.
    var wantsClose: Bool {
        let connection = headers["connection"]?.lowercased() ?? ""
        if version == "HTTP/1.0" { return !connection.contains("keep-alive") }
        return connection.contains("close")
    }
}

/// An HTTP response: status, extra headers and a body with a Content-Length.
struct HTTPResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Status line, headers and body, ready to send. `declaredLength` overrides the
    /// Content-Length (to simulate a truncated body); `close` adds `Connection: close`.
    func serialized(close: Bool, declaredLength: Int? = nil) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(HTTPResponse.reason(status))\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if status != 204 && status != 304 && !(100..<200).contains(status) {
            head += "Content-Length: \(declaredLength ?? body.count)\r\n"
        }
        if close { head += "Connection: close\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        bytes.reserveCapacity(bytes.count + body.count)
        bytes.append(contentsOf: body)
        return bytes
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}

/// What the server does with a request.
enum HTTPReply: Sendable {
    /// Sends the response; the connection stays open unless the client asked otherwise.
    case respond(HTTPResponse)
    /// Sends the response with a Content-Length longer than its body, then closes.
    case truncated(HTTPResponse)
    /// Sends the response one byte at a time, `every` seconds apart, then closes.
    case drip(HTTPResponse, every: Double)
    /// Closes the connection without answering.
    case drop
}

/// What the server needs from the application: answers, and a word on requests it could not read.
protocol HTTPHandler: Sendable {
    /// Answers a well-formed request.
    func handle(_ request: HTTPRequest) -> HTTPReply
    /// Records a request the server could not read (as much of it as was read) and returns the
    /// error response to send before closing; `status` nil means the client went away and
    /// nothing will be sent.
    func malformed(_ request: HTTPRequest, status: Int?, problem: String) -> HTTPResponse
}
