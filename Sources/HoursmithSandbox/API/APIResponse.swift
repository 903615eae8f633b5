import JSONCore

/// An answer of the API: status, extra headers and a JSON body (none for 204).
struct APIResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []

    static func json(_ status: Int, _ value: JSON) -> APIResponse {
        APIResponse(status: status, body: value.serialized())
    }

    static func ok(_ value: JSON) -> APIResponse { json(200, value) }
    static func created(_ value: JSON) -> APIResponse { json(201, value) }
    static let noContent = APIResponse(status: 204)

    var isSuccess: Bool { (200..<300).contains(status) }

    var http: HTTPResponse {
        var headers = headers
        if !body.isEmpty { headers.insert(("Content-Type", "application/json; charset=utf-8"), at: 0) }
        return HTTPResponse(status: status, headers: headers, body: body)
    }
}

/// Problems with named fields, in the order they were found: the `errors` of a 422.
struct FieldErrors: Sendable {
    private(set) var fields: [String] = []
    private(set) var problems: [String: [String]] = [:]

    var isEmpty: Bool { fields.isEmpty }

    mutating func add(_ field: String, _ problem: String) {
        if problems[field] == nil { fields.append(field) }
        problems[field, default: []].append(problem)
    }

    func has(_ field: String) -> Bool { problems[field] != nil }

    var json: JSON {
        .object(JSONObject(fields.map { ($0, JSON.array((problems[$0] ?? []).map(JSON.string))) }))
    }

    /// Throws `validation_failed` when there is any problem.
    func check() throws(APIError) {
        guard isEmpty else { throw APIError.validation(self) }
    }
}

/// A refusal of the API: status, code, a sentence, and for some codes more members.
struct APIError: Error, Sendable {
    let status: Int
    let code: String
    let message: String
    var fieldErrors: FieldErrors?
    var plan: String?
    var headers: [(String, String)] = []

    init(_ status: Int, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    var response: APIResponse {
        var object: JSONObject = ["error": .string(code), "message": .string(message)]
        if let fieldErrors { object["errors"] = fieldErrors.json }
        if let plan { object["plan"] = .string(plan) }
        return APIResponse(status: status, headers: headers, body: JSON.object(object).serialized())
    }

    static func badRequest(_ message: String) -> APIError { APIError(400, "bad_request", message) }

    static let invalidToken = APIError(401, "invalid_token",
        "The API token is missing, malformed, revoked, or belongs to a member who was removed or deactivated.")

    static func planRequired(_ plan: String) -> APIError {
        var error = APIError(402, "plan_required",
            "API access needs the Studio or Agency plan; this workspace is on the \(plan.capitalized) plan.")
        error.plan = plan
        return error
    }

    static func forbidden(_ message: String) -> APIError { APIError(403, "forbidden", message) }

    static func notFound(_ what: String = "resource") -> APIError {
        APIError(404, "not_found", "No \(what) was found at this address.")
    }

    static func methodNotAllowed(_ method: String, allowed: [String]) -> APIError {
        var error = APIError(405, "method_not_allowed", "\(method) is not supported here; use \(allowed.joined(separator: " or ")).")
        error.headers = [("Allow", allowed.joined(separator: ", "))]
        return error
    }

    static func validation(_ errors: FieldErrors) -> APIError {
        var error = APIError(422, "validation_failed", "The request has invalid fields: \(errors.fields.joined(separator: ", ")).")
        error.fieldErrors = errors
        return error
    }

    static func validation(_ field: String, _ problem: String) -> APIError {
        var errors = FieldErrors()
        errors.add(field, problem)
        return validation(errors)
    }

    static func rateLimited(retryAfter: Int) -> APIError {
        var error = APIError(429, "rate_limited", "Too many requests; try again in \(retryAfter) second\(retryAfter == 1 ? "" : "s").")
        error.headers = [("Retry-After", String(retryAfter))]
        return error
    }

    static func serverError(_ status: Int) -> APIError {
        APIError(status, "server_error", "Something went wrong on our side; please try again.")
    }
}
