/// The sandbox answering in the calling process, with no socket: the same seeded state and the
/// same service the HTTP server hands its requests to (every check of the contract in its order,
/// roles, guards, pagination, idempotency, rate limits and 429s, injected faults), given requests
/// as values. `hoursmith-mcp --demo` answers its client's requests with it, so that it needs no
/// network at all, not even loopback.
///
/// ```swift
/// let sandbox = try InProcessSandbox(host: "demo.hoursmith.invalid")
/// let answer = sandbox.respond(to: InProcessRequest(method: "GET", target: "/api/v1/me",
///     headers: ["authorization": "Bearer " + Fixture.Token.owner, "user-agent": "demo/1"]))
/// ```
package final class InProcessSandbox: SandboxControls {
    package let service: SandboxService
    package let todayNumber: Int

    /// Seeds a fresh state. `host` is what the pagination links name (`http://<host>/api/v1/…`),
    /// since no request carries a `Host` header here. With `keepsRequestLog` false, requests
    /// are not kept for ``requests()`` (a long session would otherwise grow without end).
    package init(_ configuration: SandboxConfiguration = .init(), host: String, keepsRequestLog: Bool = true) throws {
        (service, todayNumber) = try SandboxService.seeded(configuration, keepsLog: keepsRequestLog)
        service.api.setFallbackHost(host)
    }

    /// Answers one request, as the HTTP server would have: synchronously, on the calling thread
    /// (an injected delay or hold blocks it).
    package func respond(to request: InProcessRequest) -> InProcessAnswer {
        let http = HTTPRequest(method: request.method, target: request.target, version: "HTTP/1.1", headers: request.headers,
                               body: request.body)
        switch service.handle(http) {
        case .respond(let response), .drip(let response, _):
            return .response(status: response.status, headers: response.headers, body: response.body)
        case .truncated, .drop:
            return .connectionLost
        }
    }
}

/// One request for an ``InProcessSandbox``: what an HTTP request carries.
package struct InProcessRequest: Sendable {
    package var method: String
    /// Path and query as sent, percent-encoded: `/api/v1/time_entries?page=2`.
    package var target: String
    /// Header values by lowercased name.
    package var headers: [String: String]
    package var body: [UInt8]

    package init(method: String, target: String, headers: [String: String], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, second in "\(first), \(second)" })
        self.body = body
    }
}

/// What an ``InProcessSandbox`` answers: a response, or — for an injected dropped connection or
/// truncated body — the connection lost.
package enum InProcessAnswer: Sendable {
    case response(status: Int, headers: [(String, String)], body: [UInt8])
    case connectionLost

    /// A header's value, by name in any case.
    package func header(_ name: String) -> String? {
        guard case .response(_, let headers, _) = self else { return nil }
        return headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}
