import ConcurrencyHelpers

/// One request as it reached the sandbox, in the request log.
package struct SandboxRequest: Sendable {
    package let method: String
    /// The path relative to `/api/v1` when it starts with it (`/time_entries/5`), else as sent;
    /// without the query.
    package let path: String
    /// The decoded query parameters (the last value of a repeated name).
    package let query: [String: String]
    /// Header values by lowercased name.
    package let headers: [String: String]
    package let body: [UInt8]
    /// The status answered; 0 when nothing was (a dropped connection, or not answered yet).
    package let status: Int

    init(method: String, path: String, query: [String: String], headers: [String: String], body: [UInt8], status: Int) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.status = status
    }

    func with(status: Int) -> SandboxRequest {
        SandboxRequest(method: method, path: path, query: query, headers: headers, body: body, status: status)
    }

    /// The body as UTF-8 text.
    package var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// The request log: every request that reached the server, malformed ones included, in
/// arrival order, with the status it got. Tests can wait on it (``waitFor(_:where:timeout:)``).
final class RequestLog: Sendable {
    private let state = Watched((next: 0, entries: [(serial: Int, request: SandboxRequest)]()))
    /// Whether requests are kept (a long-lived in-process sandbox keeps none: nobody reads them).
    private let keeping: Bool

    init(keeping: Bool = true) {
        self.keeping = keeping
    }

    /// Records a request on arrival; returns its serial number for `answered`.
    func record(_ request: SandboxRequest) -> Int {
        guard keeping else { return -1 }
        return state.withLock { state in
            let serial = state.next
            state.next += 1
            state.entries.append((serial, request))
            return serial
        }
    }

    /// Notes the status a request was answered with.
    func answered(_ serial: Int, status: Int) {
        state.withLock { state in
            guard let index = state.entries.lastIndex(where: { $0.serial == serial }) else { return }
            state.entries[index].request = state.entries[index].request.with(status: status)
        }
    }

    var requests: [SandboxRequest] { state.current.entries.map(\.request) }

    func clear() { state.withLock { $0.entries.removeAll() } }

    /// Waits until `count` requests that `matches` are in the log; returns them.
    func waitFor(
        _ count: Int, where matches: @escaping @Sendable (SandboxRequest) -> Bool, timeout: Duration
    ) async throws -> [SandboxRequest] {
        let log = try await state.wait(until: { $0.entries.count(where: { matches($0.request) }) >= count }, timeout: timeout,
                                       "\(count) matching request(s) in the sandbox's log")
        return log.entries.map(\.request).filter(matches)
    }
}
