import Foundation
import ConcurrencyHelpers
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What carries the client's requests: ``HTTPTransport`` (URLSession) to Hoursmith, unless the
/// configuration gives another (``HoursmithConfiguration/transport``: `hoursmith-mcp --demo`
/// answers in its own process). Whatever carries them, the client's retries, pacing, deadlines
/// and error mapping are the same: they sit above this.
package protocol HoursmithTransport: Sendable {
    /// Sends `request` — with the contract's headers, `Authorization` included, already set — and
    /// returns the whole answer or the failure, within `timeout` (then `.timedOut`); a cancelled
    /// task gets `.cancelled`. A 3xx is a `.redirect` failure: redirects are never followed.
    /// `freshConnection` asks for a connection of its own, where connections mean anything.
    func send(_ request: URLRequest, freshConnection: Bool, timeout: Duration) async -> Result<HTTPResponse, TransportFailure>
}

/// An HTTP answer, whatever its status.
package struct HTTPResponse: Sendable {
    package let status: Int
    /// `Retry-After`, in whole seconds.
    package let retryAfter: Int?
    package let body: [UInt8]

    package init(status: Int, retryAfter: Int?, body: [UInt8]) {
        self.status = status
        self.retryAfter = retryAfter
        self.body = body
    }

    /// `Retry-After` in whole seconds, when it is the contract's form: digits only. Anything
    /// else — negative, a fraction, an HTTP date, a number past any sane wait — is no answer and
    /// is treated as absent.
    package static func retryAfterSeconds(_ value: String?) -> Int? {
        guard let text = value?.trimmingCharacters(in: .whitespaces), (1...9).contains(text.utf8.count),
              text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(text)
    }
}

/// Sends requests over an ephemeral `URLSession` (no cookies, no cache, no credential storage;
/// connections are reused) and bridges its delegate callbacks to async.
///
/// Redirects are refused in the delegate and never followed (URLSession on Linux forwards
/// `Authorization` across origins). A body beyond `maxResponseBytes` cancels the exchange.
/// Cancelling the calling task cancels the HTTP request. Each exchange ends by the time it is
/// given, however slowly the answer comes: URLSession's own timeout only bounds each wait for
/// data on Linux, so an answer dripped a byte at a time would never end by it.
///
/// A `direct` transport (plain http, to a loopback host) is told to use no proxy; see
/// ``PlainHTTPProxies`` for Linux, where URLSession cannot be told.
///
/// Only GETs reuse pooled connections; any other request goes over a connection of its own.
/// libcurl (URLSession on Linux) silently sends a request again when a reused keep-alive
/// connection closes without an answer — a POST or DELETE the server did process, and, for a
/// request with a body, the headers without the body, which then waits out the timeout.
///
/// The pooled session is made on the first request, not with the transport: making a
/// `URLSession` initialises libcurl, which would otherwise delay a server's first reply.
final class HTTPTransport: HoursmithTransport {
    private let configuration: URLSessionConfiguration.Snapshot
    private let pooledSession = LazySession()

    init(timeoutSeconds: Int, maxConnectionsPerHost: Int, maxResponseBytes: Int, direct: Bool) {
        configuration = URLSessionConfiguration.Snapshot(
            timeoutSeconds: timeoutSeconds, maxConnectionsPerHost: maxConnectionsPerHost, maxResponseBytes: maxResponseBytes,
            direct: direct)
    }

    deinit {
        pooledSession.existing?.session.invalidateAndCancel()
    }

    /// Sends `request` and waits for the whole answer (or the failure), for at most `timeout`
    /// (then `.timedOut`). With `freshConnection`, over a new connection that is closed afterwards.
    func send(_ request: URLRequest, freshConnection: Bool, timeout: Duration) async -> Result<HTTPResponse, TransportFailure> {
        guard freshConnection else { return await pooledSession.get { Session(configuration) }.send(request, timeout: timeout) }
        let oneOff = Session(configuration)
        defer { oneOff.session.finishTasksAndInvalidate() }
        return await oneOff.send(request, timeout: timeout)
    }
}

/// The pooled session, made once, on first use.
private final class LazySession: Sendable {
    private let session = Locked<Session?>(nil)

    var existing: Session? { session.current }

    func get(_ make: () -> Session) -> Session {
        session.withLock { session in
            if let session { return session }
            let made = make()
            session = made
            return made
        }
    }
}

extension URLSessionConfiguration {
    /// What the transport's sessions are made from (a `URLSessionConfiguration` is not Sendable).
    struct Snapshot: Sendable {
        let timeoutSeconds: Int
        let maxConnectionsPerHost: Int
        let maxResponseBytes: Int
        /// Plain http to loopback: no proxy, ever.
        let direct: Bool

        func make() -> URLSessionConfiguration {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.httpCookieAcceptPolicy = .never
            configuration.httpShouldSetCookies = false
            configuration.httpCookieStorage = nil
            configuration.urlCache = nil
            configuration.urlCredentialStorage = nil
            configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
            configuration.timeoutIntervalForRequest = TimeInterval(timeoutSeconds)
            configuration.httpMaximumConnectionsPerHost = maxConnectionsPerHost
            // An empty dictionary is "no proxy" on Darwin; Linux ignores it (see PlainHTTPProxies).
            if direct { configuration.connectionProxyDictionary = [:] }
            return configuration
        }
    }
}

/// A `URLSession` with its delegate.
private final class Session: Sendable {
    let session: URLSession
    private let delegate: SessionDelegate

    init(_ configuration: URLSessionConfiguration.Snapshot) {
        let delegate = SessionDelegate(maxResponseBytes: configuration.maxResponseBytes)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        queue.name = "HoursmithClient.HTTPTransport"
        self.delegate = delegate
        self.session = URLSession(configuration: configuration.make(), delegate: delegate, delegateQueue: queue)
    }

    func send(_ request: URLRequest, timeout: Duration) async -> Result<HTTPResponse, TransportFailure> {
        if Task.isCancelled { return .failure(.cancelled) }
        let task = session.dataTask(with: request)
        let pending = delegate.register(task)
        // A dispatch timer, not a sleeping task: it fires on time even when every thread of the
        // concurrency pool is busy.
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .nanoseconds(timeout.timerNanoseconds))
        timer.setEventHandler {
            pending.outcome.give(.failure(.timedOut))
            task.cancel()
        }
        timer.activate()
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            task.resume()
            return await pending.outcome.value()
        } onCancel: {
            pending.outcome.give(.failure(.cancelled))
            task.cancel()
        }
    }
}

/// One request's response as it arrives (its body, a redirect, whether it is too large), shared
/// by the caller, the delegate, the timer and the cancellation handler; its outcome is the first
/// that any of them gives.
private final class PendingResponse: Sendable {
    typealias Outcome = Result<HTTPResponse, TransportFailure>

    struct Received: Sendable {
        var body: [UInt8] = []
        var redirect: (status: Int, location: String?)?
        var isTooLarge = false
    }

    let outcome = OneAnswer<Outcome>()
    let received = Locked(Received())
}

/// The session's delegate: collects each task's body, refuses redirects, enforces the size cap.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let maxResponseBytes: Int
    private let responses = Locked<[Int: PendingResponse]>([:])

    init(maxResponseBytes: Int) {
        self.maxResponseBytes = maxResponseBytes
    }

    func register(_ task: URLSessionTask) -> PendingResponse {
        let response = PendingResponse()
        responses.withLock { $0[task.taskIdentifier] = response }
        return response
    }

    private func pendingResponse(for task: URLSessionTask, remove: Bool = false) -> PendingResponse? {
        responses.withLock { remove ? $0.removeValue(forKey: task.taskIdentifier) : $0[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        pendingResponse(for: task)?.received.withLock { $0.redirect = (response.statusCode, response.value(forHTTPHeaderField: "Location")) }
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        if let pending = pendingResponse(for: dataTask) {
            if response.expectedContentLength > Int64(maxResponseBytes) {
                pending.received.withLock { $0.isTooLarge = true }
                dataTask.cancel()
            } else if response.expectedContentLength > 0 {
                // The body is gathered in one buffer of its announced length, grown in no steps.
                pending.received.withLock { $0.body.reserveCapacity(Int(response.expectedContentLength)) }
            }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let pending = pendingResponse(for: dataTask) else { return }
        let tooLarge = pending.received.withLock { received in
            guard !received.isTooLarge else { return false }
            guard received.body.count + data.count <= maxResponseBytes else {
                received.isTooLarge = true
                received.body = []
                return true
            }
            received.body.append(contentsOf: data)
            return false
        }
        if tooLarge { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let pending = pendingResponse(for: task, remove: true) else { return }
        pending.outcome.give(result(of: task, pending.received.withLock { $0 }, error: error))
    }

    private func result(of task: URLSessionTask, _ received: PendingResponse.Received, error: Error?) -> Result<HTTPResponse, TransportFailure> {
        if received.isTooLarge { return .failure(.tooLarge) }
        if let redirect = received.redirect { return .failure(.redirect(status: redirect.status, location: redirect.location)) }
        if let error {
            let urlError = error as? URLError ?? URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: "\(error)"])
            return .failure(urlError.code == .cancelled ? .cancelled : .urlError(urlError))
        }
        guard let response = task.response as? HTTPURLResponse else {
            return .failure(.urlError(URLError(.badServerResponse)))
        }
        if (300..<400).contains(response.statusCode) {
            return .failure(.redirect(status: response.statusCode, location: response.value(forHTTPHeaderField: "Location")))
        }
        let retryAfter = HTTPResponse.retryAfterSeconds(response.value(forHTTPHeaderField: "Retry-After"))
        return .success(HTTPResponse(status: response.statusCode, retryAfter: retryAfter, body: received.body))
    }
}
