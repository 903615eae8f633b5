import Foundation
import JSONCore

/// Between the HTTP server and the API: logs every request, applies injected faults, and
/// turns API answers into HTTP replies.
package final class SandboxService: HTTPHandler {
    let api: APIService
    let log: RequestLog
    let faults = FaultQueue()

    init(api: APIService, keepsLog: Bool = true) {
        self.api = api
        log = RequestLog(keeping: keepsLog)
    }

    /// A service over a freshly seeded state, and the seed's "today" (its day number in the
    /// configuration's time zone).
    static func seeded(_ configuration: SandboxConfiguration, keepsLog: Bool = true) throws -> (service: SandboxService, today: Int) {
        guard let zone = TimeZone(identifier: configuration.timezone) else {
            throw SandboxError(description: "Unknown time zone \"\(configuration.timezone)\"; use an IANA name such as Europe/Paris.")
        }
        let now = Int(Date().timeIntervalSince1970)
        let today = CivilTime.floorDivide(now + zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(now))), CivilTime.secondsPerDay)
        let api = APIService(store: Seed.store(today: today, now: now, timezone: configuration.timezone), configuration: configuration)
        return (SandboxService(api: api, keepsLog: keepsLog), today)
    }

    func handle(_ request: HTTPRequest) -> HTTPReply {
        let path = APIService.relativePath(request.path) ?? request.path
        let serial = log.record(SandboxRequest(
            method: request.method, path: path, query: QueryParameters(request.queryString).dictionary,
            headers: request.headers, body: request.body, status: 0))
        let reply = reply(to: request, fault: faults.take(method: request.method, path: path))
        switch reply {
        case .respond(let response), .truncated(let response), .drip(let response, _): log.answered(serial, status: response.status)
        case .drop: break
        }
        return reply
    }

    func malformed(_ request: HTTPRequest, status: Int?, problem: String) -> HTTPResponse {
        let path = APIService.relativePath(request.path) ?? request.target
        let serial = log.record(SandboxRequest(
            method: request.method, path: path, query: QueryParameters(request.queryString).dictionary,
            headers: request.headers, body: request.body, status: 0))
        guard let status else { return HTTPResponse(status: 400) }
        log.answered(serial, status: status)
        let error = APIError(status, "bad_request", problem)
        return error.response.http
    }

    private func reply(to request: HTTPRequest, fault: SandboxFault?) -> HTTPReply {
        switch fault {
        case nil:
            return .respond(api.respond(to: request).http)
        case .delay(let milliseconds):
            Thread.sleep(forTimeInterval: Double(max(0, milliseconds)) / 1000)
            return .respond(api.respond(to: request).http)
        case .hold(let gate):
            gate.wait()
            return .respond(api.respond(to: request).http)
        case .drip(let milliseconds):
            return .drip(api.respond(to: request).http, every: Double(max(1, milliseconds)) / 1000)
        case .answer(let status, let headers, let body):
            return .respond(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
        case .status(let status):
            return .respond(APIError.serverError(status).response.http)
        case .failAfterProcessing(let status):
            _ = api.respond(to: request)
            return .respond(APIError.serverError(status).response.http)
        case .dropConnection(let afterProcessing):
            if afterProcessing { _ = api.respond(to: request) }
            return .drop
        case .truncatedBody:
            return .truncated(api.respond(to: request).http)
        case .nonJSONBody:
            _ = api.respond(to: request)
            let html = "<html><head><title>Hoursmith</title></head><body><h1>We'll be right back</h1></body></html>"
            return .respond(HTTPResponse(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(html.utf8)))
        case .redirect(let location, let status):
            return .respond(HTTPResponse(status: status, headers: [("Location", location)]))
        case .rewriteBody(let rewrite):
            var response = api.respond(to: request).http
            response.body = rewrite(response.body)
            return .respond(response)
        case .rateLimited(let retryAfter):
            return .respond(APIError.rateLimited(retryAfter: retryAfter).response.http)
        }
    }
}
