/// Everything that can go wrong with a call to Hoursmith: an API refusal (from the status and
/// the body's `error` code), a transport failure, or a refused configuration.
///
/// `message` is a sentence a person can act on; `apiMessage` keeps the API's own sentence when
/// there was one. Neither ever contains the token's secret.
package struct HoursmithError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        // API refusals
        case invalidToken
        /// The workspace's plan has no API access; `plan` is the current plan when the API said.
        case planRequired(plan: Plan?)
        case forbidden
        case notFound
        case methodNotAllowed
        case badRequest
        case validationFailed([FieldError])
        case clientHasActiveProjects
        case clientHasInvoices
        case timeEntryInvoiced
        case expenseInvoiced
        case timerAlreadyRunning
        case timerNotRunning
        case projectArchived
        case taskArchived
        case idempotencyKeyReused
        /// 429; `retryAfter` in seconds, from the `Retry-After` header.
        case rateLimited(retryAfter: Int?)
        /// A 5xx; its body may be missing or not JSON.
        case serverError(status: Int)
        /// A status or error code the contract does not have.
        case unexpectedResponse(status: Int, code: String?)

        // Transport
        case timedOut
        /// The call's whole time limit (every try and wait) ran out; in seconds.
        case deadlineExceeded(seconds: Int)
        case hostNotFound
        case cannotConnect
        case connectionLost
        case tlsFailure(detail: String)
        case cancelled
        /// The server answered with a redirect, which is never followed.
        case redirectRefused(status: Int, location: String?)
        /// The answer was larger than the configured limit, in bytes.
        case responseTooLarge(limit: Int)
        /// The answer was not JSON or not the contract's shape; `detail` names the field.
        case undecodableResponse(detail: String)
        case transportFailure(detail: String)

        // Configuration
        case invalidBaseURL(reason: String)
    }

    package let kind: Kind
    /// What happened and what to do, for a person.
    package let message: String
    /// The API's own `message`, when the answer had one.
    package let apiMessage: String?
    /// The HTTP status, when there was an answer.
    package let status: Int?
    /// The request, e.g. `DELETE /clients/3`, when the error came from one.
    package let request: String?
    /// The object that request was about (client 3), when it was about one: a list, a create,
    /// `/me` and reports are about none.
    package let object: APIObject?
    /// The collection it created in or acted on (clients), when there was one: a create's too.
    package let collection: APICollection?
    /// Whether the request was a change that failed in a way after which it may or may not have
    /// been made — a server error, a lost answer, the time limit — so that it must be checked
    /// before it is repeated. (The message says so.)
    package let outcomeIsUnknown: Bool

    package init(
        kind: Kind, message: String, apiMessage: String? = nil, status: Int? = nil, request: String? = nil,
        object: APIObject? = nil, collection: APICollection? = nil, outcomeIsUnknown: Bool = false
    ) {
        self.kind = kind
        self.message = message
        self.apiMessage = apiMessage
        self.status = status
        self.request = request
        self.object = object
        self.collection = collection ?? object?.collection
        self.outcomeIsUnknown = outcomeIsUnknown
    }

    package var description: String {
        request.map { "\($0): \(message)" } ?? message
    }

    /// A stable snake_case name: the API's error code for API refusals (`plan_required`), and
    /// this client's own for the rest (`timed_out`, `redirect_refused`).
    package var code: String {
        switch kind {
        case .invalidToken: "invalid_token"
        case .planRequired: "plan_required"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .badRequest: "bad_request"
        case .validationFailed: "validation_failed"
        case .clientHasActiveProjects: "client_has_active_projects"
        case .clientHasInvoices: "client_has_invoices"
        case .timeEntryInvoiced: "time_entry_invoiced"
        case .expenseInvoiced: "expense_invoiced"
        case .timerAlreadyRunning: "timer_already_running"
        case .timerNotRunning: "timer_not_running"
        case .projectArchived: "project_archived"
        case .taskArchived: "task_archived"
        case .idempotencyKeyReused: "idempotency_key_reused"
        case .rateLimited: "rate_limited"
        case .serverError: "server_error"
        case .unexpectedResponse(_, let code): code ?? "unexpected_response"
        case .timedOut: "timed_out"
        case .deadlineExceeded: "deadline_exceeded"
        case .hostNotFound: "host_not_found"
        case .cannotConnect: "cannot_connect"
        case .connectionLost: "connection_lost"
        case .tlsFailure: "tls_failure"
        case .cancelled: "cancelled"
        case .redirectRefused: "redirect_refused"
        case .responseTooLarge: "response_too_large"
        case .undecodableResponse: "undecodable_response"
        case .transportFailure: "transport_failure"
        case .invalidBaseURL: "invalid_base_url"
        }
    }
}

/// The problems the API found with one field of a request (`validation_failed`).
package struct FieldError: Sendable, Equatable, CustomStringConvertible {
    package let field: String
    package let problems: [String]

    package init(field: String, problems: [String]) {
        self.field = field
        self.problems = problems
    }

    /// `hours: must be greater than 0; must be at most 24`.
    package var description: String { "\(field): \(problems.joined(separator: "; "))" }
}
