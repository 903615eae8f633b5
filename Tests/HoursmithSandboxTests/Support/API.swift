import Foundation
import HoursmithSandbox
import JSONCore

/// Requests to a sandbox as the contract's clients send them: a User-Agent, a bearer token,
/// JSON bodies with their Content-Type. Each call uses a fresh connection.
struct API {
    let sandbox: Sandbox
    var token: String? = Fixture.Token.owner
    var userAgent: String? = "sandbox-tests/1.0"

    init(_ sandbox: Sandbox, token: String? = Fixture.Token.owner) {
        self.sandbox = sandbox
        self.token = token
    }

    func `as`(_ token: String) -> API {
        API(sandbox, token: token)
    }

    /// The raw request text for `method path` (path relative to `/api/v1`, query included).
    func requestText(_ method: String, _ path: String, body: [UInt8]? = nil, headers: [String: String] = [:],
                     close: Bool = true) -> [UInt8] {
        var head = "\(method) /api/v1\(path) HTTP/1.1\r\nHost: 127.0.0.1:\(sandbox.port)\r\nAccept: application/json\r\n"
        if let userAgent { head += "User-Agent: \(userAgent)\r\n" }
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        if let body {
            if headers["Content-Type"] == nil { head += "Content-Type: application/json\r\n" }
            head += "Content-Length: \(body.count)\r\n"
        }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if close { head += "Connection: close\r\n" }
        head += "\r\n"
        return Array(head.utf8) + (body ?? [])
    }

    /// Sends one request and reads its response (status 0 when none came).
    func send(_ method: String, _ path: String, raw body: [UInt8]? = nil, headers: [String: String] = [:]) -> RawResponse {
        guard let connection = try? RawConnection(port: sandbox.port) else {
            return RawResponse(status: -1, headers: [:], body: [], isTruncated: false)
        }
        connection.send(requestText(method, path, body: body, headers: headers))
        return connection.readResponse() ?? RawResponse(status: 0, headers: [:], body: [], isTruncated: false)
    }

    func get(_ path: String, headers: [String: String] = [:]) -> RawResponse {
        send("GET", path, headers: headers)
    }

    func post(_ path: String, _ body: JSON? = nil, headers: [String: String] = [:]) -> RawResponse {
        send("POST", path, raw: body?.serialized(), headers: headers)
    }

    func patch(_ path: String, _ body: JSON, headers: [String: String] = [:]) -> RawResponse {
        send("PATCH", path, raw: body.serialized(), headers: headers)
    }

    func delete(_ path: String) -> RawResponse {
        send("DELETE", path)
    }
}

/// A fresh, rate-limit-free sandbox for one test.
func makeSandbox(_ configuration: SandboxConfiguration = .relaxed) throws -> Sandbox {
    try Sandbox(configuration)
}

/// The ids of a list answer's items.
func ids(_ response: RawResponse, _ plural: String) -> [Int] {
    (response.json[plural]?.arrayValue ?? []).compactMap { $0["id"]?.intValue }
}

/// A date `days` after `date` (YYYY-MM-DD), computed with Foundation's calendar (independent
/// of the sandbox's own date code).
func shift(_ date: String, days: Int) -> String {
    let formatter = DateFormatter()
    formatter.calendar = Calendar(identifier: .gregorian)
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd"
    guard let day = formatter.date(from: date) else { return date }
    return formatter.string(from: day.addingTimeInterval(Double(days) * 86_400))
}

extension JSON {
    /// The element at `index` of an array.
    subscript(_ index: Int) -> JSON? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }
}
