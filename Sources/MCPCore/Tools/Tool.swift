import JSONCore

/// What a tool does to the world, stated explicitly for every tool (MCP tool annotations).
package struct ToolAnnotations: Sendable, Equatable {
    package let readOnlyHint: Bool
    package let destructiveHint: Bool
    package let idempotentHint: Bool
    package let openWorldHint: Bool

    package init(readOnlyHint: Bool, destructiveHint: Bool, idempotentHint: Bool, openWorldHint: Bool) {
        self.readOnlyHint = readOnlyHint
        self.destructiveHint = destructiveHint
        self.idempotentHint = idempotentHint
        self.openWorldHint = openWorldHint
    }
}

/// Runs a tool: validated arguments in, a result out. A thrown error becomes an error result.
package typealias ToolHandler = @Sendable (ToolArguments, RequestContext) async throws -> ToolResult

/// A tool, declared once: what the model sees in `tools/list` and the handler that runs it.
package struct Tool: Sendable {
    package let name: String
    package let title: String
    package let description: String
    package let inputSchema: JSONSchema
    package let outputSchema: JSONSchema?
    package let annotations: ToolAnnotations
    package let handler: ToolHandler

    package init(
        name: String, title: String, description: String, inputSchema: JSONSchema, outputSchema: JSONSchema?,
        annotations: ToolAnnotations, handler: @escaping ToolHandler
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.annotations = annotations
        self.handler = handler
    }

    /// The same declaration with another handler (e.g. one that refuses without acting).
    package func replacingHandler(_ handler: @escaping ToolHandler) -> Tool {
        Tool(name: name, title: title, description: description, inputSchema: inputSchema,
             outputSchema: outputSchema, annotations: annotations, handler: handler)
    }

    /// The tool as `tools/list` shows it in `version`: fields the revision does not define are
    /// left out (no `title`/`outputSchema` before 2025-06-18, no annotations before 2025-03-26).
    package func json(for version: ProtocolVersion) -> JSON {
        var object: JSONObject = ["name": .string(name)]
        if version.hasStructuredOutput { object["title"] = .string(title) }
        object["description"] = .string(description)
        object["inputSchema"] = inputSchema.json
        if version.hasStructuredOutput, let outputSchema { object["outputSchema"] = outputSchema.json }
        if version.hasToolAnnotations {
            var hints: JSONObject = [:]
            // 2025-03-26 has no tool title; its annotations carry one.
            if !version.hasStructuredOutput { hints["title"] = .string(title) }
            hints["readOnlyHint"] = .bool(annotations.readOnlyHint)
            hints["destructiveHint"] = .bool(annotations.destructiveHint)
            hints["idempotentHint"] = .bool(annotations.idempotentHint)
            hints["openWorldHint"] = .bool(annotations.openWorldHint)
            object["annotations"] = .object(hints)
        }
        return .object(object)
    }
}

/// Where the server finds its tools. Which tools are listed may change while the server runs
/// (e.g. once the user's role is known; call ``MCPServer/toolListChanged()`` when it does), but a
/// tool's declaration — everything but its handler — does not: the server caches its JSON.
package protocol ToolSource: Settling {
    /// The tools to list now, in a stable order.
    func listedTools() -> [Tool]
    /// The tool a call names, whether or not it is listed now; nil when there is no such tool
    /// (the call is then answered with -32602).
    func tool(named name: String) -> Tool?
    /// How long a client may cache the tool list, in milliseconds (modern `ttlMs`).
    var listTimeToLive: Int { get }
}
