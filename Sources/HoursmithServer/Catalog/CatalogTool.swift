import HoursmithClient
import JSONCore
import MCPCore

/// The toolsets of the catalog, in the order tools are listed.
enum Toolset: String, CaseIterable, Sendable {
    case account, clients, projects, tasks, time, expenses, invoices, reports
}

/// The roles that may ever use a tool, per the API contract. A tool whose audience leaves out
/// the token's role is not listed, and a call to it is refused without a request.
struct Audience: Sendable, Equatable {
    let roles: Set<Role>

    /// Every role.
    static let everyone = Audience(roles: [.owner, .admin, .manager, .member])
    /// Owners, admins and managers (members get 403 on clients, users, expenses, invoices, and
    /// on writing projects and tasks).
    static let managersAndUp = Audience(roles: [.owner, .admin, .manager])
    /// Owners and admins (managers may not delete clients, write expenses or create invoices).
    static let ownersAndAdmins = Audience(roles: [.owner, .admin])

    func includes(_ role: Role) -> Bool { roles.contains(role) }
}

/// One tool of the catalog: what MCP sees, plus what the surface needs to decide who sees it.
struct CatalogTool: Sendable {
    let toolset: Toolset
    let tool: Tool
    let audience: Audience
    /// What the tool does, for refusals: "delete clients".
    let action: String

    var name: String { tool.name }
    var isReadOnly: Bool { tool.annotations.readOnlyHint }
}

extension ToolAnnotations {
    /// Reads Hoursmith and changes nothing.
    static let read = ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true)
    /// Creates something new each time it is called.
    static let create = ToolAnnotations(readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true)
    /// Sets values: calling it twice with the same arguments changes nothing more.
    static let update = ToolAnnotations(readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true)
    /// Removes or archives data; guarded as the API guards it.
    static let destructive = ToolAnnotations(readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true)
    /// Creates something that irreversibly changes other objects (an invoice marks time and
    /// expenses invoiced, and can't be deleted): clients ask before running it.
    static let billing = ToolAnnotations(readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true)
}

/// A tool's body: the call in, the structured result out. Throwing `HoursmithError` or
/// `ToolError` ends the call with a tool error; the catalog maps the first in one place.
typealias ToolBody = @Sendable (ToolCall) async throws -> JSON

extension ToolEnvironment {
    /// Declares a catalog tool whose handler runs `body` with the session's client.
    func tool(
        _ name: String, in toolset: Toolset, title: String, description: String,
        input: JSONSchema, output: JSONSchema, annotations: ToolAnnotations,
        audience: Audience, action: String, body: @escaping ToolBody
    ) -> CatalogTool {
        declare(name, in: toolset, title: title, description: description, input: input, output: output,
                annotations: annotations, audience: audience, action: action) { call in
            // The one place every result is held to the budget.
            let json = try await body(call)
            guard let fitted = call.budget.fit(json, hint: "Ask for less: a narrower filter or period, or fewer items.") else {
                return .failure("The result of \(name) is larger than the result budget (\(call.budget.tokens) tokens), "
                    + "even cut down. Ask for less (a narrower filter or period), or raise the budget with "
                    + "--max-result-tokens (HOURSMITH_MAX_RESULT_TOKENS).")
            }
            return .success(fitted)
        }
    }

    private func declare(
        _ name: String, in toolset: Toolset, title: String, description: String,
        input: JSONSchema, output: JSONSchema, annotations: ToolAnnotations,
        audience: Audience, action: String, result: @escaping @Sendable (ToolCall) async throws -> ToolResult
    ) -> CatalogTool {
        let environment = self
        let declaration = Tool(
            name: name, title: title, description: description, inputSchema: input, outputSchema: output,
            annotations: annotations
        ) { arguments, context in
            try await environment.session.withDeadline(of: context) {
                try await environment.run(action: action, audience: audience, arguments: arguments, context: context, body: result)
            }
        }
        return CatalogTool(toolset: toolset, tool: declaration, audience: audience, action: action)
    }
}
