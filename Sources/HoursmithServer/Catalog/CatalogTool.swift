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

/// One tool of the catalog, declared once as data: what MCP shows (name, schemas, annotations),
/// who may use it, and its body. ``ToolSurface`` binds the body to the session.
struct CatalogTool: Sendable {
    let name: String
    let toolset: Toolset
    let title: String
    let description: String
    let input: JSONSchema
    let output: JSONSchema
    let annotations: ToolAnnotations
    let audience: Audience
    /// What the tool does, for refusals: "delete clients".
    let action: String
    let body: ToolBody

    init(
        _ name: String, in toolset: Toolset, title: String, description: String,
        input: JSONSchema, output: JSONSchema, annotations: ToolAnnotations,
        audience: Audience, action: String, body: @escaping ToolBody
    ) {
        self.name = name
        self.toolset = toolset
        self.title = title
        self.description = description
        self.input = input
        self.output = output
        self.annotations = annotations
        self.audience = audience
        self.action = action
        self.body = body
    }

    var isReadOnly: Bool { annotations.readOnlyHint }

    /// The MCP tool, whose calls `handler` answers.
    func tool(handler: @escaping ToolHandler) -> Tool {
        Tool(name: name, title: title, description: description, inputSchema: input, outputSchema: output,
             annotations: annotations, handler: handler)
    }
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
