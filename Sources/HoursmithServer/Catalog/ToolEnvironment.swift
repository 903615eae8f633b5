import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// What every request of the catalog reaches — a tool call, a prompt, a resource read, a
/// completion: the session with Hoursmith, and the result budget.
struct ToolEnvironment: Sendable {
    let session: HoursmithSession
    var budget = ResultBudget()

    /// The one way a request runs in the session:
    /// - within the request's deadline, so that the client's own error, in its own words, comes
    ///   before the server's time limit;
    /// - the client and `/me` first, so that 401 and 402 read the same everywhere;
    /// - the role checked against `audience` (the permissions of the tool, prompt or resource,
    ///   stated once in its declaration): a role it leaves out is refused before any request;
    /// - then `body`, with a ``ToolCall``.
    ///
    /// What goes wrong leaves as MCPCore's errors, which it answers as each request kind calls
    /// for: a refused role as a ``Refusal`` in the words of the API's 403, a `HoursmithError` as a
    /// ``ToolError`` in ``ErrorMessages``' words (a cancelled call as a cancellation).
    func perform<T: Sendable>(
        action: String, audience: Audience, context: RequestContext, arguments: ToolArguments = ToolArguments([:]),
        body: (ToolCall) async throws -> T
    ) async throws -> T {
        try await session.withDeadline(of: context) {
            do {
                let client = try session.client()
                let me = try await session.me()
                guard audience.includes(me.user.role) else {
                    throw Refusal(ErrorMessages.forbidden(action: action, role: me.user.role))
                }
                return try await body(ToolCall(arguments: arguments, context: context, client: client, me: me, budget: budget,
                                               directory: session.directory))
            } catch let error as HoursmithError {
                if error.kind == .cancelled, Task.isCancelled { throw CancellationError() }
                throw ToolError(ErrorMessages.message(for: error, action: action, role: session.knownRole))
            }
        }
    }

    /// The handler of a catalog tool: its body performed, its result held to the budget (the one
    /// place every tool result is).
    func handler(for entry: CatalogTool) -> ToolHandler {
        let environment = self
        return { arguments, context in
            try await environment.perform(action: entry.action, audience: entry.audience, context: context, arguments: arguments) { call in
                let json = try await entry.body(call)
                guard let fitted = call.budget.fit(json, hint: "Ask for less: a narrower filter or period, or fewer items.") else {
                    throw ToolError("The result of \(entry.name) is larger than the result budget (\(call.budget.tokens) tokens), "
                        + "even cut down. Ask for less (a narrower filter or period), or raise the budget with "
                        + "--max-result-tokens (HOURSMITH_MAX_RESULT_TOKENS).")
                }
                return .success(fitted)
            }
        }
    }
}
