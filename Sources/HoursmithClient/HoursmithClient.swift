import Foundation
import ConcurrencyHelpers
import JSONCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A typed client of Hoursmith's REST API v1: one method per endpoint (see `Endpoints/`),
/// retries and pacing per `RetryPolicy` and `RequestPacing`, one error type, `HoursmithError`.
///
/// The token is sent only to the configured origin, over https (or plain http to loopback);
/// redirects are never followed.
package final class HoursmithClient: Sendable {
    package let configuration: HoursmithConfiguration
    let baseURL: BaseURL
    private let transport: any HoursmithTransport
    private let pacers: [Pacer]
    private let userAgent: String
    /// The configured logger, if any.
    var log: (any ClientLogger)? { configuration.logger }

    /// A client for `configuration`; an API URL that is not https (or http to a loopback host)
    /// is refused with `invalidBaseURL`.
    package init(configuration: HoursmithConfiguration) throws(HoursmithError) {
        self.configuration = configuration
        self.baseURL = try BaseURL(configuration.baseURL)
        self.transport = configuration.transport ?? HTTPTransport(
            timeoutSeconds: configuration.timeoutSeconds,
            maxConnectionsPerHost: max(2, configuration.maxConnections),
            maxResponseBytes: configuration.maxResponseBytes,
            direct: baseURL.isPlainHTTP
        )
        self.pacers = configuration.pacing.map(Pacer.init)
        self.userAgent = "\(configuration.product)/\(configuration.version)"
        if baseURL.isPlainHTTP && configuration.transport == nil {
            let ignored = PlainHTTPProxies.removeFromEnvironment()
            if !ignored.isEmpty {
                log?.info("The API URL is plain http to \(baseURL.host): it is reached directly, never through the proxy "
                    + "that \(ignored.joined(separator: ", ")) names (a proxy would read the token).")
            }
        }
    }

    /// The API's base URL, as requests are made from it: `https://hoursmith.app/api/v1`.
    package var apiURL: String { baseURL.text }

    // MARK: Sending

    /// Sends `request`, retrying as the policy allows, and returns its 2xx answer. Everything it
    /// does — each try, each wait — ends by the call's deadline (``CallDeadline``).
    func send(_ request: APIRequest) async throws(HoursmithError) -> HTTPResponse {
        let deadline = currentDeadline()
        let context = errorContext(for: request, deadline: deadline)
        let idempotencyKey = request.safety == .create ? request.idempotencyKey ?? UUID().uuidString.lowercased() : nil
        guard let urlRequest = request.urlRequest(
            baseURL: baseURL, token: configuration.token, userAgent: userAgent,
            timeoutSeconds: configuration.timeoutSeconds, idempotencyKey: idempotencyKey
        ) else {
            throw HoursmithError(kind: .badRequest, message: "The request URL could not be built.", request: request.line, object: request.object)
        }
        let policy = configuration.retry
        var failedAttempts = 0
        var rateLimitWaits = 0

        while true {
            try await pace(request, context: context, deadline: deadline)
            let started = configuration.clock.now
            let remaining = deadline.instant - started
            guard remaining > .zero else { throw .deadlineExceeded(context: context) }
            // A try gets its full time, or what is left of the call's when that is less. A retry
            // goes over a new connection: the one a try was cut off on may still carry the rest of
            // its answer.
            let error: HoursmithError
            switch await transport.send(
                urlRequest, freshConnection: request.method != .get || failedAttempts > 0, timeout: min(configuration.requestTimeout, remaining)
            ) {
            case .success(let response) where (200..<300).contains(response.status):
                log?.debug("\(request.line) → \(response.status) in \(milliseconds(since: started)) ms, \(response.body.count) bytes")
                return response
            case .success(let response):
                error = .api(status: response.status, body: response.body, retryAfter: response.retryAfter, context: context)
            case .failure(let failure):
                error = .transport(failure, context: context)
            }
            if error.kind == .timedOut, configuration.clock.now >= deadline.instant {
                log?.debug("\(request.line) → stopped at the call's deadline, after \(milliseconds(since: started)) ms")
                throw .deadlineExceeded(context: context)
            }
            log?.debug("\(request.line) → \(error.status.map(String.init) ?? error.code) in \(milliseconds(since: started)) ms")

            let isRateLimit = if case .rateLimited = error.kind { true } else { false }
            if !isRateLimit { failedAttempts += 1 }
            let decision = policy.decision(after: error, safety: request.safety, failedAttempts: failedAttempts, rateLimitWaits: rateLimitWaits)
            guard case .retry(let wait) = decision else { throw error }
            // A wait that would end past the deadline is not begun: the error says what happened
            // (and, for a rate limit, how long to wait).
            guard configuration.clock.now + wait < deadline.instant else {
                log?.debug("\(request.line): not waiting \(wait.secondsText) s to try again, which would pass the call's deadline")
                throw error
            }
            if isRateLimit {
                rateLimitWaits += 1
                log?.warning("\(request.line): rate limited; waiting \(wait.secondsText) s as Retry-After asks (wait \(rateLimitWaits) of \(policy.maxRateLimitWaits))")
            } else {
                log?.warning("\(request.line): \(error.code)\(error.status.map { " (HTTP \($0))" } ?? ""); "
                    + "trying again in \(wait.secondsText) s (try \(failedAttempts + 1) of \(policy.maxAttempts))")
            }
            do {
                try await configuration.clock.sleep(for: wait)
            } catch {
                throw .transport(.cancelled, context: context)
            }
        }
    }

    /// Counts the request with every pacer that applies; a page walk's request also waits until
    /// they admit it.
    private func pace(_ request: APIRequest, context: ErrorContext, deadline: CallDeadline) async throws(HoursmithError) {
        for pacer in pacers where pacer.applies(to: request.path) {
            guard PageWalk.isActive else {
                pacer.record(at: configuration.clock.now)
                continue
            }
            while let wait = pacer.reserve(at: configuration.clock.now) {
                guard configuration.clock.now + wait < deadline.instant else {
                    throw .pacedPastDeadline(wait: wait, pacing: pacer.pacing, context: context)
                }
                log?.info("\(request.line): pacing at \(pacer.pacing.limit) requests per \(pacer.pacing.window.secondsText) s; waiting \(wait.secondsText) s")
                do {
                    try await configuration.clock.sleep(for: wait)
                } catch {
                    throw .transport(.cancelled, context: context)
                }
            }
        }
    }

    func errorContext(for request: APIRequest, deadline: CallDeadline) -> ErrorContext {
        ErrorContext(
            request: request.line,
            object: request.object,
            collection: request.collection,
            isRead: request.safety == .read,
            origin: baseURL.origin,
            host: baseURL.host,
            timeoutSeconds: configuration.timeoutSeconds,
            callLimitSeconds: deadline.limitSeconds,
            maxResponseBytes: configuration.maxResponseBytes
        )
    }

    // MARK: Decoding

    /// Sends `request` and reads its answer, validated and indexed, with `read`; an answer that
    /// is not JSON or not the expected shape is `undecodableResponse`, naming the field. A number
    /// too large for a `Double` (`1e400`) is refused here, before anything computes with it.
    func fetchDocument<T>(_ request: APIRequest, _ read: (JSONDocument) throws(JSONDecodingError) -> T) async throws(HoursmithError) -> T {
        let response = try await send(request)
        let document: JSONDocument
        do {
            document = try JSONDocument(bytes: response.body, finiteNumbers: true)
        } catch {
            throw .undecodable("the body is not JSON: \(error)", context: errorContext(for: request, deadline: currentDeadline()))
        }
        do {
            return try read(document)
        } catch {
            throw .undecodable(error.description, context: errorContext(for: request, deadline: currentDeadline()))
        }
    }

    /// Sends `request` and decodes its answer as a tree with `read`.
    func fetch<T>(_ request: APIRequest, _ read: (JSONFields) throws(JSONDecodingError) -> T) async throws(HoursmithError) -> T {
        try await fetchDocument(request) { (document) throws(JSONDecodingError) in try read(JSONFields(document.root.json)) }
    }

    func fetch<T: HoursmithModel>(_ request: APIRequest, as type: T.Type) async throws(HoursmithError) -> T {
        try await fetch(request) { (fields) throws(JSONDecodingError) in try T(fields: fields) }
    }

    // MARK: Logging


    private func milliseconds(since start: ContinuousClock.Instant) -> Int {
        (configuration.clock.now - start).wholeMilliseconds
    }
}
