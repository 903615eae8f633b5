import HoursmithClient
import JSONCore
import MCPCore

/// Prompts, resource reads and completions run like tools — the client and `/me` first, then
/// the body with a ``ToolCall`` (no arguments) — but answer with JSON-RPC errors instead of tool
/// errors: this is where those are made, in the words a tool error would use.
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

/// One `prompts/get`: the checked arguments, the session's call (client, `/me`, directory,
/// dates), and which tools the model can call now.
struct PromptCall: Sendable {
    let arguments: PromptArguments
    let call: ToolCall
    /// Whether the options offer a tool and the role may use it.
    let offers: @Sendable (String) -> Bool

    var me: Me { call.me }
    var dates: DateWords { call.dates }

    /// The object the argument names, resolved as a tool's name argument is (exact, else a
    /// single partial match); nil when the argument is not given. A name that matches nothing,
    /// or several, is -32602 naming the argument and the candidates.
    func resolve(_ kind: DirectoryKind, _ argument: String, within projectID: Int? = nil) async throws -> DirectoryEntry? {
        guard let name = arguments[argument] else { return nil }
        do {
            return try await call.directory.resolve(kind, name: name, within: projectID, offeringID: false, using: call.reader)
        } catch let error as ToolError {
            throw JSONRPCError.invalidParams("argument \"\(argument)\": \(error.message)")
        }
    }

    /// A choice among fixed words (`this_week`, `last_month`), with its default; anything else is
    /// -32602 naming the argument and the words.
    func choice(_ argument: String, among words: [String], default word: String) throws -> String {
        guard let given = arguments[argument]?.trimmingSpaces else { return word }
        guard words.contains(given) else {
            throw JSONRPCError.invalidParams(
                "argument \"\(argument)\" is \"\(given.prefix(40))\"; use one of \(words.joined(separator: ", "))")
        }
        return given
    }
}
