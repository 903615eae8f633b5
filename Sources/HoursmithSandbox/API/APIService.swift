import Foundation
import JSONCore
import ConcurrencyHelpers

/// The API in front of the store: the checks every request passes, in this order — User-Agent
/// (400), token (401), rate limit (429), plan (402), route (404, 405), body (400), then the
/// idempotency key and the handler.
final class APIService: Sendable {
    static let basePath = "/api/v1"

    let store: Locked<Store>
    private let limiter: RateLimiter
    private let fallbackHost: Locked<String>
    private let renderCache = RenderCache()
    /// Seconds added to the system clock (``Sandbox/advanceClock(seconds:)``).
    private let clockOffset = Locked(0)

    init(store: Store, configuration: SandboxConfiguration) {
        self.store = Locked(store)
        limiter = RateLimiter(configuration)
        fallbackHost = Locked("127.0.0.1")
    }

    /// The host (and port) that links use when a request has no Host header.
    func setFallbackHost(_ host: String) {
        fallbackHost.withLock { $0 = host }
    }

    func advanceClock(seconds: Int) {
        clockOffset.withLock { $0 += seconds }
    }

    /// The path relative to `/api/v1`, or nil when the path is outside it.
    static func relativePath(_ path: String) -> String? {
        guard path.hasPrefix(basePath) else { return nil }
        let rest = String(path.dropFirst(basePath.count))
        return rest.isEmpty || rest.hasPrefix("/") ? rest : nil
    }

    func respond(to request: HTTPRequest) -> APIResponse {
        do {
            return try process(request)
        } catch {
            return error.response
        }
    }

    private func process(_ request: HTTPRequest) throws(APIError) -> APIResponse {
        let clock = Date().timeIntervalSince1970 + Double(clockOffset.current)
        let now = Int(clock)
        guard let agent = request.headers["user-agent"], !agent.trimmingSpaces().isEmpty else {
            throw APIError.badRequest("A User-Agent header is required, naming your application (e.g. my-app/1.0).")
        }
        let caller = try authenticate(request)
        let path = APIService.relativePath(request.path)
        let isReport = path.map { $0 == "/reports" || $0.hasPrefix("/reports/") } ?? false
        if let wait = limiter.admit(token: caller.token, isReport: isReport, now: clock) {
            throw APIError.rateLimited(retryAfter: wait)
        }
        guard caller.workspace.plan == "studio" || caller.workspace.plan == "agency" else {
            throw APIError.planRequired(caller.workspace.plan)
        }
        guard let path else { throw APIError.notFound() }
        let handler: Handler, ids: [Int]
        switch Router.match(method: request.method, path: path) {
        case .notFound: throw APIError.notFound()
        case .methodNotAllowed(let allowed): throw APIError.methodNotAllowed(request.method, allowed: allowed)
        case .handler(let found, let foundIDs): (handler, ids) = (found, foundIDs)
        }
        let body = try parseBody(request)
        let host = request.headers["host"].flatMap { $0.isEmpty ? nil : $0 } ?? fallbackHost.withLock { $0 }
        let call = Call(
            caller: caller, method: request.method, path: path, ids: ids, query: QueryParameters(request.queryString),
            body: body, now: now, today: APIService.today(in: caller.workspace.timezone, at: now),
            linkBase: "http://\(host)\(APIService.basePath)", renderCache: renderCache)

        if request.method == "GET" {
            // Reads work on a copy (free until someone writes), outside the lock.
            var copy = store.withLock { $0 }
            return try handler(&copy, call)
        }
        let key = try idempotencyKey(request)
        let changesNames = ["/clients", "/projects", "/tasks"].contains { FaultQueue.path(path, isUnder: $0) }
        return try store.withLock { (store: inout Store) throws(APIError) -> APIResponse in
            if changesNames { store.namesVersion += 1 }
            guard let key else { return try handler(&store, call) }
            let id = IdempotencyKey(token: caller.token, key: key)
            if let record = store.idempotency[id], record.createdAt + 86_400 > now {
                guard record.method == request.method, record.path == path, APIService.sameBody(record.body, request.body) else {
                    throw APIError(422, "idempotency_key_reused",
                                   "This Idempotency-Key was already used for a different request (\(record.method) \(record.path)) in the last 24 hours; use a new key.")
                }
                return record.response
            }
            let response = try handler(&store, call)
            if response.isSuccess {
                store.idempotency[id] = IdempotencyRecord(
                    method: request.method, path: path, body: request.body, response: response, createdAt: now)
            }
            return response
        }
    }

    /// The caller behind a valid token of an active member, or 401.
    private func authenticate(_ request: HTTPRequest) throws(APIError) -> Caller {
        guard let header = request.headers["authorization"], header.count > 7,
              header.prefix(7).lowercased() == "bearer "
        else { throw APIError.invalidToken }
        let token = header.dropFirst(7).trimmingSpaces()
        guard TokenShape.isValid(token) else { throw APIError.invalidToken }
        let found = store.withLock { store -> (UserRecord, WorkspaceRecord)? in
            guard let record = store.tokens[token], !record.isRevoked,
                  let user = store.users[record.userID], user.isActive, !user.isRemoved,
                  let workspace = store.workspaces[user.workspaceID]
            else { return nil }
            return (user, workspace)
        }
        guard let (user, workspace) = found else { throw APIError.invalidToken }
        return Caller(token: token, user: user, workspace: workspace)
    }

    /// The JSON object of a POST or PATCH body (`{}` when empty); 400 when it is not one.
    private func parseBody(_ request: HTTPRequest) throws(APIError) -> JSONObject {
        guard request.method == "POST" || request.method == "PATCH", !request.body.isEmpty else { return JSONObject() }
        let type = request.headers["content-type"]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") else {
            throw APIError.badRequest("A request body must be JSON, sent with Content-Type: application/json.")
        }
        let json: JSON
        do {
            json = try JSON.parse(request.body)
        } catch {
            throw APIError.badRequest("The request body is not valid JSON: \(error).")
        }
        guard let object = json.objectValue else {
            throw APIError.badRequest("The request body must be a JSON object, not \(json.typeName == "integer" ? "a number" : "a \(json.typeName)").")
        }
        return object
    }

    /// The request's `Idempotency-Key` (POST only), or 400 when it is not 1–255 printable ASCII.
    private func idempotencyKey(_ request: HTTPRequest) throws(APIError) -> String? {
        guard request.method == "POST", let key = request.headers["idempotency-key"] else { return nil }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw APIError.badRequest("The Idempotency-Key header must be 1 to 255 printable ASCII characters.")
        }
        return key
    }

    /// Bodies are the same when their JSON is (members in any order), or their bytes when not JSON.
    static func sameBody(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return true }
        guard let left = try? JSON.parse(a), let right = try? JSON.parse(b) else { return false }
        return left == right
    }

    /// Today's day number in an IANA time zone (UTC when the zone is unknown).
    static func today(in timezone: String, at now: Int) -> Int {
        let offset = TimeZone(identifier: timezone)?.secondsFromGMT(for: Date(timeIntervalSince1970: Double(now))) ?? 0
        return CivilTime.floorDivide(now + offset, CivilTime.secondsPerDay)
    }
}

/// The shape of a Hoursmith token: `hsk_live_`, 12 lowercase hex digits, `_`, 32 ASCII letters
/// and digits.
enum TokenShape {
    static func isValid(_ token: String) -> Bool {
        let bytes = Array(token.utf8)
        guard bytes.count == 54, token.hasPrefix("hsk_live_"), bytes[21] == UInt8(ascii: "_") else { return false }
        let hex = bytes[9..<21].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        let secret = bytes[22...].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
        return hex && secret
    }

    static func isValidSecret(_ secret: String) -> Bool {
        secret.utf8.count == 32 && secret.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
    }
}
