import Foundation
import ConcurrencyHelpers
import HoursmithClient
import HoursmithSandbox
import MCPCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `hoursmith-mcp --demo`: the sandbox's seeded workspace (Northwind Studio, docs/SANDBOX.md),
/// answering in this process. The client is the real one — retries, pacing, deadlines, error
/// mapping — with a ``DemoTransport`` in place of HTTP, so every request still meets the
/// contract's checks in the sandbox's service (roles, guards, pagination, 429s) and nothing goes
/// to the network, not even loopback. The data lives in memory and is seeded afresh at each launch.
///
/// Nothing of it is made unless `--demo` (or `HOURSMITH_DEMO=1`) asks for it.
enum DemoWorkspace {
    /// The address the client's requests name: `.invalid` can never resolve (RFC 2606), so a
    /// request that somehow left the process would fail rather than reach anyone.
    static let host = "demo.hoursmith.invalid"
    static let apiURL = "https://\(host)/api/v1"

    /// What the demo's answers and start-up lines say it is.
    static let note = "This is the demo workspace (hoursmith-mcp --demo): made-up data, kept in memory in this process and "
        + "fresh at each start; nothing reaches Hoursmith. Changes are real here but vanish when the server stops."

    /// The session's access in demo mode: a client acting as `role`'s member of the demo workspace.
    static func access(role: DemoRole, callTimeout: Duration, logger: Logger) -> HoursmithSession.Access {
        // The fixture's tokens have the documented shape and the demo's URL is https: neither
        // failure below is expected, but each would be told, not crash.
        do {
            let configuration = HoursmithConfiguration(
                token: try APIToken.parse(role.token).token, version: Product.version, baseURL: apiURL, callTimeout: callTimeout,
                logger: logger, transport: DemoTransport(role: role))
            return .ready(try HoursmithClient(configuration: configuration))
        } catch {
            let message = (error as? HoursmithError)?.message ?? (error as? APITokenProblem)?.message ?? "\(error)"
            logger.error("The demo workspace could not start: \(message)")
            return .unavailable("The demo workspace could not start: \(message)")
        }
    }

    /// The demo workspace's time zone: this computer's (so that "today" in the demo is today
    /// here), or New York when it has none that is an IANA name.
    static var timezone: String {
        let local = TimeZone.current.identifier
        return TimeZone(identifier: local) != nil ? local : "America/New_York"
    }
}

/// Whose token the demo uses (`--demo-role`, `HOURSMITH_DEMO_ROLE`): one member of Northwind
/// Studio per role.
enum DemoRole: String, CaseIterable, Sendable {
    case owner, admin, manager, member

    /// The sandbox's token for this role (public: they are in the source and docs/SANDBOX.md).
    /// Sam Carter is the member: he is on two projects and has a timer running.
    var token: String {
        switch self {
        case .owner: Fixture.Token.owner
        case .admin: Fixture.Token.admin
        case .manager: Fixture.Token.manager
        case .member: Fixture.Token.member
        }
    }

    /// "owner, admin, manager or member".
    static let names = "owner, admin, manager or member"
}

/// Carries the client's requests to an ``InProcessSandbox`` seeded for the demo: each `URLRequest`
/// (its method, path, query, headers — `Authorization` too — and body) becomes the request the
/// sandbox's HTTP server would have read, and the sandbox's answer the `HTTPResponse` URLSession
/// would have given; a 3xx is a redirect refused, as over HTTP.
///
/// Seeding (12,000 time entries) starts on a thread of its own when the transport is made and
/// does not hold up the server's start; a request waits for it, within its own time.
final class DemoTransport: HoursmithTransport {
    let role: DemoRole
    private let seeded = Watched<Result<InProcessSandbox, any Error>?>(nil)
    private let maxResponseBytes: Int

    /// Starts seeding a fresh demo workspace, in `timezone`.
    init(role: DemoRole, timezone: String = DemoWorkspace.timezone, maxResponseBytes: Int = 64 << 20) {
        self.role = role
        self.maxResponseBytes = maxResponseBytes
        let seeded = seeded
        Thread.detachNewThread {
            let result = Result { try InProcessSandbox(SandboxConfiguration(timezone: timezone), host: DemoWorkspace.host, keepsRequestLog: false) }
            seeded.withLock { $0 = result }
        }
    }

    /// Made with an existing sandbox (tests look at its state and inject faults).
    init(role: DemoRole, sandbox: InProcessSandbox, maxResponseBytes: Int = 64 << 20) {
        self.role = role
        self.maxResponseBytes = maxResponseBytes
        seeded.withLock { $0 = .success(sandbox) }
    }

    /// The demo's sandbox, once seeded (waiting for it at most `timeout`).
    func sandbox(within timeout: Duration = .seconds(30)) async throws -> InProcessSandbox {
        let seeded = try await seeded.wait(until: { $0 != nil }, timeout: timeout, "the demo workspace's seed")
        guard let seeded else { throw CancellationError() }  // not reached: the wait ends only when there is one
        return try seeded.get()
    }

    func send(_ request: URLRequest, freshConnection: Bool, timeout: Duration) async -> Result<HTTPResponse, TransportFailure> {
        let started = ContinuousClock.now
        guard let exchange = Self.exchange(request) else { return .failure(.urlError(URLError(.badURL))) }
        do {
            let sandbox = try await sandbox(within: timeout)
            // Answered on a thread of Dispatch's (an injected delay blocks it), waited for here
            // without blocking one of the concurrency pool's.
            let answer = Watched<InProcessAnswer?>(nil)
            DispatchQueue.global().async {
                let answered = sandbox.respond(to: exchange)
                answer.withLock { $0 = answered }
            }
            let remaining = timeout - (ContinuousClock.now - started)
            guard let answered = try await answer.wait(until: { $0 != nil }, timeout: remaining, "the demo's answer") else {
                return .failure(.timedOut)
            }
            return response(answered)
        } catch is CancellationError {
            return .failure(.cancelled)
        } catch is WaitTimedOut {
            return .failure(.timedOut)
        } catch {
            // Only a seed that failed (an unknown time zone) gets here.
            return .failure(.urlError(URLError(.cannotConnectToHost, userInfo: [NSLocalizedDescriptionKey: "\(error)"])))
        }
    }

    /// The request as the sandbox's HTTP server would have read it off the wire.
    static func exchange(_ request: URLRequest) -> InProcessRequest? {
        guard let url = request.url, let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return nil }
        var target = components.percentEncodedPath
        if let query = components.percentEncodedQuery { target += "?" + query }
        return InProcessRequest(method: request.httpMethod ?? "GET", target: target, headers: request.allHTTPHeaderFields ?? [:],
                                body: request.httpBody.map { Array($0) } ?? [])
    }

    /// The answer as URLSession's delegate would have made it (``HTTPTransport``).
    private func response(_ answer: InProcessAnswer) -> Result<HTTPResponse, TransportFailure> {
        switch answer {
        case .connectionLost:
            return .failure(.urlError(URLError(.networkConnectionLost)))
        case .response(let status, _, let body):
            if (300..<400).contains(status) { return .failure(.redirect(status: status, location: answer.header("Location"))) }
            if body.count > maxResponseBytes { return .failure(.tooLarge) }
            return .success(HTTPResponse(status: status, retryAfter: HTTPResponse.retryAfterSeconds(answer.header("Retry-After")), body: body))
        }
    }
}

extension ToolCall {
    /// The demo's role when this call is answered by the demo workspace; nil for Hoursmith itself.
    var demoRole: DemoRole? { (client.configuration.transport as? DemoTransport)?.role }
}
