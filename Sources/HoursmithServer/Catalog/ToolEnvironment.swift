import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// What every tool handler can reach: the session with Hoursmith, and the result budget.
struct ToolEnvironment: Sendable {
    let session: HoursmithSession
    var budget = ResultBudget()

    /// The handler of a catalog tool: its body run in the session (``run``), within the call's
    /// deadline, its result held to the budget.
    func handler(for entry: CatalogTool) -> ToolHandler {
        let environment = self
        return { arguments, context in
            try await environment.session.withDeadline(of: context) {
                try await environment.run(action: entry.action, audience: entry.audience, arguments: arguments, context: context) { call in
                    // The one place every result is held to the budget.
                    let json = try await entry.body(call)
                    guard let fitted = call.budget.fit(json, hint: "Ask for less: a narrower filter or period, or fewer items.") else {
                        return .failure("The result of \(entry.name) is larger than the result budget (\(call.budget.tokens) tokens), "
                            + "even cut down. Ask for less (a narrower filter or period), or raise the budget with "
                            + "--max-result-tokens (HOURSMITH_MAX_RESULT_TOKENS).")
                    }
                    return .success(fitted)
                }
            }
        }
    }

    /// Runs a tool's body: the client and `/me` first (so 401 and 402 read the same on every
    /// tool, and a role that may never use the tool is refused before any request), then the
    /// body; `HoursmithError` becomes a tool error through ``ErrorMessages``.
    func run(
        action: String, audience: Audience, arguments: ToolArguments, context: ToolContext,
        body: (ToolCall) async throws -> ToolResult
    ) async throws -> ToolResult {
        do {
            let client = try session.client()
            let me = try await session.me()
            guard audience.includes(me.user.role) else {
                return .failure(ErrorMessages.forbidden(action: action, role: me.user.role))
            }
            let call = ToolCall(arguments: arguments, context: context, client: client, me: me, budget: budget,
                                directory: session.directory)
            return try await body(call)
        } catch let error as HoursmithError {
            if error.kind == .cancelled, Task.isCancelled { throw CancellationError() }
            return .failure(ErrorMessages.message(for: error, action: action, role: session.knownRole))
        } catch let error as ToolError {
            return .failure(error.message)
        }
    }
}

extension ToolEnvironment {
    /// How a role that may not use a prompt, resource or completion is answered.
    enum Refusal: Sendable {
        /// -32602 (prompts, completions).
        case invalidParams
        /// The revision's missing-resource error (reads).
        case resourceNotFound

        func error(_ words: String) -> any Error {
            switch self {
            case .invalidParams: JSONRPCError.invalidParams(words)
            case .resourceNotFound: ResourceNotFound(words)
            }
        }
    }

    /// Runs `body` for a prompt, resource read or completion. A role `audience` leaves out is
    /// refused (in the words of the API's 403); a `HoursmithError` becomes -32603 in
    /// ``ErrorMessages``' words, and so does a `ToolError` (the token is missing, say). What
    /// `body` throws besides — a ``JSONRPCError``, a ``ResourceNotFound`` — goes through.
    func answer<T: Sendable>(
        action: String, audience: Audience, context: ToolContext, refusal: Refusal,
        body: (ToolCall) async throws -> T
    ) async throws -> T {
        do {
            let client = try session.client()
            let me = try await session.me()
            guard audience.includes(me.user.role) else {
                throw refusal.error(ErrorMessages.forbidden(action: action, role: me.user.role))
            }
            let call = ToolCall(arguments: ToolArguments([:]), context: context, client: client, me: me, budget: budget,
                                directory: session.directory)
            return try await body(call)
        } catch let error as HoursmithError {
            if error.kind == .cancelled, Task.isCancelled { throw CancellationError() }
            throw JSONRPCError.internalError(ErrorMessages.message(for: error, action: action, role: session.knownRole))
        } catch let error as ToolError {
            throw JSONRPCError.internalError(error.message)
        }
    }
}
