import ConcurrencyHelpers
import Foundation
import JSONCore

/// What an error message may say about the request it came from.
struct ErrorContext: Sendable {
    /// `DELETE /clients/3`.
    let request: String
    /// The object the request was about (client 3), when it was about one.
    let object: APIObject?
    /// The collection it created in or acted on, when there was one.
    let collection: APICollection?
    /// Whether the request only reads (a lost answer then changes nothing).
    let isRead: Bool
    /// `https://hoursmith.app`.
    let origin: String
    let host: String
    /// The time one try has, in seconds.
    let timeoutSeconds: Int
    /// The time the whole call has, in seconds.
    let callLimitSeconds: Int
    let maxResponseBytes: Int
}

// MARK: - API answers

extension HoursmithError {
    /// The error for a non-2xx answer, from its status, its body's `error` code and its
    /// `Retry-After` header.
    static func api(status: Int, body: [UInt8], retryAfter: Int?, context: ErrorContext) -> HoursmithError {
        let envelope = ErrorEnvelope(body: body)
        let kind = kind(status: status, envelope: envelope, retryAfter: retryAfter)
        let isServerError = if case .serverError = kind { true } else { false }
        return HoursmithError(
            kind: kind,
            message: message(for: kind, apiMessage: envelope.message, context: context),
            apiMessage: envelope.message,
            status: status,
            request: context.request,
            object: context.object,
            collection: context.collection,
            outcomeIsUnknown: isServerError && !context.isRead
        )
    }

    private static func kind(status: Int, envelope: ErrorEnvelope, retryAfter: Int?) -> Kind {
        if status == 429 { return .rateLimited(retryAfter: retryAfter) }
        if status >= 500 { return .serverError(status: status) }
        switch envelope.code {
        case "invalid_token": return .invalidToken
        case "plan_required": return .planRequired(plan: envelope.plan.map(Plan.init(rawValue:)))
        case "forbidden": return .forbidden
        case "not_found": return .notFound
        case "method_not_allowed": return .methodNotAllowed
        case "bad_request": return .badRequest
        case "validation_failed": return .validationFailed(envelope.fieldErrors)
        case "client_has_active_projects": return .clientHasActiveProjects
        case "client_has_invoices": return .clientHasInvoices
        case "time_entry_invoiced": return .timeEntryInvoiced
        case "expense_invoiced": return .expenseInvoiced
        case "timer_already_running": return .timerAlreadyRunning
        case "timer_not_running": return .timerNotRunning
        case "project_archived": return .projectArchived
        case "task_archived": return .taskArchived
        case "idempotency_key_reused": return .idempotencyKeyReused
        case "rate_limited": return .rateLimited(retryAfter: retryAfter)
        case nil:
            // No code (the body was missing or not JSON): the status alone decides.
            switch status {
            case 400: return .badRequest
            case 401: return .invalidToken
            case 402: return .planRequired(plan: nil)
            case 403: return .forbidden
            case 404: return .notFound
            case 405: return .methodNotAllowed
            case 422: return .validationFailed(envelope.fieldErrors)
            default: return .unexpectedResponse(status: status, code: nil)
            }
        case let code?:
            return .unexpectedResponse(status: status, code: code)
        }
    }

    private static func message(for kind: Kind, apiMessage: String?, context: ErrorContext) -> String {
        let api = apiMessage.map { " Hoursmith said: \($0)" } ?? ""
        switch kind {
        case .invalidToken:
            return "Hoursmith rejected the API token: it is invalid, was revoked, or its member was removed. "
                + "Mint a new one in Settings → API (https://hoursmith.app/settings/api) and update "
                + "HOURSMITH_API_TOKEN in your MCP client's config."
        case .planRequired(let plan):
            let current = plan.map { "this workspace is on \($0.displayName)" } ?? "this workspace's plan does not include it"
            return "API access needs the Studio or Agency plan; \(current). An Owner can upgrade in Settings → Billing."
        case .forbidden:
            return "The token's role does not allow this: a token acts with the role of the member who minted it."
                + " Use a token of a member whose role allows it, or ask an Owner or Admin.\(api)"
        case .notFound:
            return "Hoursmith has nothing at \(context.request): it does not exist, or the token's role may not see it "
                + "(members see only their own time entries and the projects they are assigned to)."
        case .methodNotAllowed:
            return "Hoursmith does not allow \(context.request). This is a bug in hoursmith-mcp; please report it.\(api)"
        case .badRequest:
            return "Hoursmith refused the request as malformed. This is a bug in hoursmith-mcp; please report it.\(api)"
        case .validationFailed(let fields):
            if fields.isEmpty { return "Hoursmith refused the values.\(api)" }
            return "Hoursmith refused the values: " + fields.map(\.description).joined(separator: "; ") + "."
        case .clientHasActiveProjects:
            return "The client still has active projects, so it cannot be deleted: archive them first, "
                + "or keep the client and set is_active to false."
        case .clientHasInvoices:
            return "The client has invoices, so it cannot be deleted: set is_active to false to hide it instead."
        case .timeEntryInvoiced:
            return "The time entry is on an invoice, so it can no longer be changed or deleted."
        case .expenseInvoiced:
            return "The expense is on an invoice, so it can no longer be changed or deleted."
        case .timerAlreadyRunning:
            return "That time entry's timer is already running."
        case .timerNotRunning:
            return "That time entry has no running timer to stop."
        case .projectArchived:
            return "The project is archived: restore it (set is_active to true) before adding or changing time on it."
        case .taskArchived:
            return "The task is archived: restore it (set is_active to true) before adding or changing time on it."
        case .idempotencyKeyReused:
            return "Hoursmith saw this request's idempotency key on a different request. This is a bug in "
                + "hoursmith-mcp; please report it. Nothing was created; the call can be made again."
        case .rateLimited(let retryAfter):
            let wait = retryAfter.map { "try again in \($0) second\($0 == 1 ? "" : "s")" } ?? "try again shortly"
            return "Hoursmith's rate limit was reached (100 requests per 15 seconds per token, and 100 reports "
                + "per 15 minutes); \(wait)."
        case .serverError(let status) where context.isRead:
            return "Hoursmith had a server error (HTTP \(status)). Try again in a moment; if it keeps happening, "
                + "Hoursmith may be having an outage."
        case .serverError(let status):
            return "Hoursmith had a server error (HTTP \(status)) on \(context.request), so the change may or may not have been "
                + "made: check before repeating it. If it keeps happening, Hoursmith may be having an outage."
        case .unexpectedResponse(let status, let code):
            let named = code.map { " (\($0))" } ?? ""
            return "Hoursmith answered with HTTP \(status)\(named), which this version of hoursmith-mcp does not know.\(api)"
        default:
            return transportMessage(for: kind, context: context)
        }
    }
}

/// The members of an error body: `{"error", "message", "errors", "plan"}`, any of them missing
/// when the body is not JSON or not that shape. (What reaches output of it passes through the
/// server's one output filter, which hides secrets.)
private struct ErrorEnvelope {
    var code: String?
    var message: String?
    var plan: String?
    var fieldErrors: [FieldError] = []

    init(body: [UInt8]) {
        guard let json = try? JSON.parse(body), case .object(let object) = json else { return }
        code = object["error"]?.stringValue
        message = object["message"]?.stringValue
        plan = object["plan"]?.stringValue
        if case .object(let errors)? = object["errors"] {
            fieldErrors = errors.map { field, value in
                let problems = value.arrayValue?.compactMap(\.stringValue) ?? value.stringValue.map { [$0] } ?? []
                return FieldError(field: field, problems: problems)
            }
        }
    }
}

// MARK: - Transport failures

/// Why an exchange produced no usable answer.
package enum TransportFailure: Error, Sendable {
    case urlError(URLError)
    case redirect(status: Int, location: String?)
    case tooLarge
    case cancelled
    /// The exchange took longer than the time it was given.
    case timedOut
}

extension HoursmithError {
    static func transport(_ failure: TransportFailure, context: ErrorContext) -> HoursmithError {
        let kind: Kind
        switch failure {
        case .cancelled: kind = .cancelled
        case .timedOut: kind = .timedOut
        case .tooLarge: kind = .responseTooLarge(limit: context.maxResponseBytes)
        case .redirect(let status, let location):
            kind = .redirectRefused(status: status, location: location.map { BaseURL.shown($0) })
        case .urlError(let error): kind = self.kind(of: error)
        }
        let mayHaveArrived = switch kind {
        case .timedOut, .connectionLost, .transportFailure, .cancelled: true
        default: false
        }
        return HoursmithError(
            kind: kind, message: transportMessage(for: kind, context: context), request: context.request, object: context.object,
            collection: context.collection, outcomeIsUnknown: mayHaveArrived && !context.isRead)
    }

    /// The call's time limit ran out while `context`'s request was under way or about to be sent.
    static func deadlineExceeded(context: ErrorContext) -> HoursmithError {
        let kind = Kind.deadlineExceeded(seconds: context.callLimitSeconds)
        return HoursmithError(
            kind: kind, message: transportMessage(for: kind, context: context), request: context.request, object: context.object,
            collection: context.collection, outcomeIsUnknown: !context.isRead)
    }

    /// A page walk would have to wait `wait` for the client's own pacing, past the call's deadline.
    static func pacedPastDeadline(wait: Duration, pacing: RequestPacing, context: ErrorContext) -> HoursmithError {
        let seconds = max(1, wait.wholeSecondsRoundedUp)
        let window = pacing.window.wholeSecondsRoundedUp
        return HoursmithError(
            kind: .rateLimited(retryAfter: seconds),
            message: "Reading every page would take longer than this call's time limit of \(context.callLimitSeconds) seconds: "
                + "Hoursmith allows \(pacing.limit) requests per \(window) seconds, and the next page could only be asked for "
                + "in \(seconds) second\(seconds == 1 ? "" : "s"). Ask for fewer items (a narrower filter or period, or a lower "
                + "limit), or try again in \(seconds) second\(seconds == 1 ? "" : "s").",
            request: context.request, object: context.object, collection: context.collection)
    }

    static func undecodable(_ detail: String, context: ErrorContext) -> HoursmithError {
        let kind = Kind.undecodableResponse(detail: detail)
        return HoursmithError(
            kind: kind, message: transportMessage(for: kind, context: context), status: 200, request: context.request,
            object: context.object, collection: context.collection)
    }

    static func invalidBaseURL(_ url: String, reason: String) -> HoursmithError {
        let kind = Kind.invalidBaseURL(reason: reason)
        let message = "The API URL \(url) cannot be used: \(reason). Use https://hoursmith.app/api/v1, or plain http "
            + "only to a loopback host (127.0.0.1, ::1 or localhost), in --api-url or HOURSMITH_API_URL."
        return HoursmithError(kind: kind, message: message)
    }

    private static func kind(of error: URLError) -> Kind {
        switch error.code {
        case .timedOut: return .timedOut
        case .cannotFindHost, .dnsLookupFailed: return .hostNotFound
        case .cannotConnectToHost, .notConnectedToInternet: return .cannotConnect
        case .networkConnectionLost, .badServerResponse: return .connectionLost
        case .cancelled: return .cancelled
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
             .clientCertificateRequired:
            return .tlsFailure(detail: error.localizedDescription)
        default:
            // On Linux most curl failures arrive as `.unknown`, with curl's words as the description.
            let detail = error.localizedDescription
            let lowered = detail.lowercased()
            if ["ssl", "tls", "certificate"].contains(where: lowered.contains) { return .tlsFailure(detail: detail) }
            return .transportFailure(detail: detail)
        }
    }

    /// Messages for failures with no API answer (and for the redirect and size refusals).
    static func transportMessage(for kind: Kind, context: ErrorContext) -> String {
        let unknownOutcome = context.isRead ? "" : " The change may or may not have been made: check before repeating it."
        switch kind {
        case .timedOut:
            return "Hoursmith did not answer within \(context.timeoutSeconds) seconds. Check the network connection, "
                + "then try again.\(unknownOutcome)"
        case .deadlineExceeded(let seconds):
            return "Hoursmith did not answer \(context.request) within this call's time limit of \(seconds) seconds, so the "
                + "call was stopped. Hoursmith may be slow or unreachable: try again in a minute.\(unknownOutcome) "
                + "(The limit is set with --call-timeout or HOURSMITH_CALL_TIMEOUT.)"
        case .hostNotFound:
            return "Could not find the host \(context.host). Check the network connection and the API URL "
                + "(HOURSMITH_API_URL)."
        case .cannotConnect:
            return "Could not connect to \(context.origin). Check the network connection and the API URL (HOURSMITH_API_URL)."
        case .connectionLost:
            return "The connection to Hoursmith was lost before it answered. Try again.\(unknownOutcome)"
        case .tlsFailure(let detail):
            return "The secure (HTTPS) connection to \(context.origin) failed (\(detail)). Check the system clock and "
                + "certificates, and any proxy that intercepts HTTPS."
        case .cancelled:
            return "The request was cancelled.\(unknownOutcome)"
        case .redirectRefused(let status, let location):
            let target = location.map { " to \($0)" } ?? ""
            return "Hoursmith answered with a redirect (HTTP \(status)\(target)). Redirects are never followed, so that "
                + "the token is never sent anywhere else. Check the API URL (HOURSMITH_API_URL): it should be "
                + "https://hoursmith.app/api/v1."
        case .responseTooLarge(let limit):
            let size = limit >= 1 << 20 && limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"
            return "Hoursmith's answer was larger than the limit of \(size), so it was not read. "
                + "Ask for fewer items per page."
        case .undecodableResponse(let detail):
            return "Hoursmith's answer could not be read (\(detail)). This version of hoursmith-mcp may be out of date, "
                + "or something between it and Hoursmith changed the answer."
        case .transportFailure(let detail):
            return "The request to Hoursmith failed (\(detail)). Try again.\(unknownOutcome)"
        default:
            return "The request to Hoursmith failed."
        }
    }
}
