import Foundation
import Testing
@testable import HoursmithClient
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Errors from status and body (and from transport failures), without HTTP.
@Suite struct ErrorMappingTests {
    static let secret = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
    static let token = try! APIToken.parse("hsk_live_0123456789ab_\(secret)").token

    static func context(isRead: Bool = true) -> ErrorContext {
        ErrorContext(request: isRead ? "GET /clients/9" : "DELETE /clients/9", object: APIObject(.clients, 9), collection: .clients,
                     isRead: isRead, origin: "https://hoursmith.app", host: "hoursmith.app", timeoutSeconds: 30, callLimitSeconds: 40,
                     maxResponseBytes: 64 << 20)
    }

    static func map(_ status: Int, _ body: String, retryAfter: Int? = nil, isRead: Bool = true) -> HoursmithError {
        HoursmithError.api(status: status, body: Array(body.utf8), retryAfter: retryAfter, context: context(isRead: isRead))
    }

    @Test func invalidToken() {
        let error = Self.map(401, #"{"error": "invalid_token", "message": "The token is not valid."}"#)
        #expect(error.kind == .invalidToken)
        #expect(error.message == "Hoursmith rejected the API token: it is invalid, was revoked, or its member was removed. Mint a new one in Settings → API (https://hoursmith.app/settings/api) and update HOURSMITH_API_TOKEN in your MCP client's config.")
        #expect(error.apiMessage == "The token is not valid.")
        #expect(error.status == 401)
        #expect(error.code == "invalid_token")
    }

    @Test func planRequiredNamesTheCurrentPlan() {
        let error = Self.map(402, #"{"error": "plan_required", "message": "API access requires Studio or Agency.", "plan": "solo"}"#)
        #expect(error.kind == .planRequired(plan: .solo))
        #expect(error.message == "API access needs the Studio or Agency plan; this workspace is on Solo. An Owner can upgrade in Settings → Billing.")
        let unknownPlan = Self.map(402, "")
        #expect(unknownPlan.kind == .planRequired(plan: nil))
        #expect(unknownPlan.message.contains("Settings → Billing"))
    }

    @Test func validationFailedListsEveryField() {
        let error = Self.map(422, #"{"error": "validation_failed", "message": "Invalid.", "errors": {"hours": ["must be greater than 0"], "spent_date": ["is not a date", "is required"]}}"#)
        #expect(error.kind == .validationFailed([
            FieldError(field: "hours", problems: ["must be greater than 0"]),
            FieldError(field: "spent_date", problems: ["is not a date", "is required"]),
        ]))
        #expect(error.message == "Hoursmith refused the values: hours: must be greater than 0; spent_date: is not a date; is required.")
    }

    @Test(arguments: [
        ("client_has_active_projects", HoursmithError.Kind.clientHasActiveProjects, "archive them first"),
        ("client_has_invoices", .clientHasInvoices, "is_active to false"),
        ("time_entry_invoiced", .timeEntryInvoiced, "on an invoice"),
        ("expense_invoiced", .expenseInvoiced, "on an invoice"),
        ("timer_already_running", .timerAlreadyRunning, "already running"),
        ("timer_not_running", .timerNotRunning, "no running timer"),
        ("project_archived", .projectArchived, "project is archived"),
        ("task_archived", .taskArchived, "task is archived"),
        ("idempotency_key_reused", .idempotencyKeyReused, "idempotency key"),
    ])
    func guardCodesKeepTheAPIMessage(code: String, kind: HoursmithError.Kind, phrase: String) {
        let error = Self.map(422, #"{"error": "\#(code)", "message": "The API's own words."}"#)
        #expect(error.kind == kind)
        #expect(error.code == code)
        #expect(error.message.contains(phrase))
        #expect(error.apiMessage == "The API's own words.")
    }

    @Test(arguments: [
        (400, #"{"error": "bad_request", "message": "Missing User-Agent."}"#, HoursmithError.Kind.badRequest),
        (403, #"{"error": "forbidden", "message": "Members may not."}"#, .forbidden),
        (404, #"{"error": "not_found", "message": "No such client."}"#, .notFound),
        (405, #"{"error": "method_not_allowed", "message": "No."}"#, .methodNotAllowed),
        (404, "<html>nginx</html>", .notFound),
        (403, "", .forbidden),
        (418, #"{"error": "teapot"}"#, .unexpectedResponse(status: 418, code: "teapot")),
        (409, "", .unexpectedResponse(status: 409, code: nil)),
    ])
    func statusAndCode(status: Int, body: String, kind: HoursmithError.Kind) {
        let error = Self.map(status, body)
        #expect(error.kind == kind)
        #expect(error.status == status)
        #expect(error.request == "GET /clients/9")
    }

    @Test func forbiddenAndNotFoundSayWhatToDo() {
        let forbidden = Self.map(403, #"{"error": "forbidden", "message": "Your role (member) may not see or change clients."}"#)
        #expect(forbidden.message.contains("role"))
        #expect(forbidden.message.contains("Your role (member) may not see or change clients."))
        let notFound = Self.map(404, #"{"error": "not_found", "message": "No such client."}"#)
        #expect(notFound.message.contains("GET /clients/9"))
        #expect(notFound.message.contains("may not see it"))
    }

    @Test func rateLimitedCarriesRetryAfter() {
        let error = Self.map(429, #"{"error": "rate_limited", "message": "Slow down."}"#, retryAfter: 12)
        #expect(error.kind == .rateLimited(retryAfter: 12))
        #expect(error.message.contains("try again in 12 seconds"))
    }

    @Test(arguments: [(500, ""), (502, "<html>Bad gateway</html>"), (503, #"{"error": "server_error", "message": "Down."}"#)])
    func serverErrorsWithAnyBody(status: Int, body: String) {
        let error = Self.map(status, body)
        #expect(error.kind == .serverError(status: status))
        #expect(error.message.contains("HTTP \(status)"))
    }

    @Test func transportFailures() {
        let context = Self.context()
        #expect(HoursmithError.transport(.urlError(URLError(.timedOut)), context: context).kind == .timedOut)
        #expect(HoursmithError.transport(.urlError(URLError(.cannotFindHost)), context: context).kind == .hostNotFound)
        #expect(HoursmithError.transport(.urlError(URLError(.cannotConnectToHost)), context: context).kind == .cannotConnect)
        #expect(HoursmithError.transport(.urlError(URLError(.networkConnectionLost)), context: context).kind == .connectionLost)
        #expect(HoursmithError.transport(.urlError(URLError(.badServerResponse)), context: context).kind == .connectionLost)
        #expect(HoursmithError.transport(.cancelled, context: context).kind == .cancelled)
        #expect(HoursmithError.transport(.tooLarge, context: context).kind == .responseTooLarge(limit: 64 << 20))
        let tls = HoursmithError.transport(.urlError(URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: "SSL certificate problem: unable to get local issuer certificate"])), context: context)
        #expect(tls.code == "tls_failure")
        #expect(tls.message.contains("SSL certificate problem"))
        let redirect = HoursmithError.transport(.redirect(status: 302, location: "https://elsewhere.example/api"), context: context)
        #expect(redirect.kind == .redirectRefused(status: 302, location: "https://elsewhere.example/api"))
        #expect(redirect.message.contains("redirect"))
        #expect(redirect.message.contains("https://elsewhere.example/api"))
    }

    @Test func aServerErrorOnAChangeSaysItMayHaveHappened() {
        let read = Self.map(500, "", isRead: true)
        let write = Self.map(500, "", isRead: false)
        #expect(read.message.contains("Try again in a moment"))
        #expect(!read.outcomeIsUnknown)
        #expect(write.message.contains("DELETE /clients/9, so the change may or may not have been made: check before repeating it"))
        #expect(!write.message.contains("Try again in a moment"), "a change is checked, not blindly repeated")
        #expect(write.outcomeIsUnknown)
        #expect(write.collection == .clients)
        // A refusal is no unknown outcome: nothing was done.
        #expect(!Self.map(422, #"{"error": "client_has_invoices"}"#, isRead: false).outcomeIsUnknown)
    }

    @Test func aLostAnswerToAChangeSaysItMayHaveHappened() {
        let read = HoursmithError.transport(.urlError(URLError(.timedOut)), context: Self.context(isRead: true))
        let write = HoursmithError.transport(.urlError(URLError(.timedOut)), context: Self.context(isRead: false))
        #expect(!read.message.contains("may or may not"))
        #expect(write.message.contains("may or may not have been made"))
        #expect(write.message.contains("30 seconds"))
        #expect(write.outcomeIsUnknown)
    }

    /// An error may carry what the API echoed (the client shows API text as it came); wherever it
    /// is shown, it leaves through the output filter, whose redaction hides the token in every
    /// rendering of every kind of error.
    @Test func theRedactionHidesTheSecretInEveryErrorKind() {
        let echo = "token \(Self.token.authorizationHeaderValue) secret \(Self.secret)"
        var errors: [HoursmithError] = []
        for status in [400, 401, 402, 403, 404, 405, 409, 422, 429, 500, 503] {
            for code in ["bad_request", "invalid_token", "plan_required", "forbidden", "not_found", "method_not_allowed",
                         "validation_failed", "client_has_active_projects", "client_has_invoices", "time_entry_invoiced",
                         "expense_invoiced", "timer_already_running", "timer_not_running", "project_archived",
                         "task_archived", "idempotency_key_reused", "rate_limited", "server_error", "whatever"] {
                let body = #"{"error": "\#(code)", "message": "\#(echo)", "plan": "solo", "errors": {"name": ["\#(echo)"]}}"#
                errors.append(Self.map(status, body, retryAfter: 3, isRead: status % 2 == 0))
            }
        }
        let context = Self.context(isRead: false)
        let failures: [TransportFailure] = [
            .cancelled, .tooLarge, .redirect(status: 302, location: "https://evil.example/?t=\(Self.secret)"),
            .urlError(URLError(.timedOut)), .urlError(URLError(.cannotFindHost)), .urlError(URLError(.cannotConnectToHost)),
            .urlError(URLError(.networkConnectionLost)), .urlError(URLError(.secureConnectionFailed)),
            .urlError(URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: echo])),
        ]
        errors += failures.map { HoursmithError.transport($0, context: context) }
        errors.append(.undecodable("field: \(echo)", context: context))
        errors.append(.invalidBaseURL("http://example.com", reason: "plain http"))
        #expect(errors.count > 200)
        let redaction = SecretRedaction(token: Self.token)
        for error in errors {
            var dumped = ""
            dump(error, to: &dumped)
            for text in [error.message, error.description, error.apiMessage ?? "", "\(error)", String(reflecting: error), dumped] {
                #expect(!redaction.redact(text).contains(Self.secret), "leaked by \(error.code)")
            }
        }
    }
}
