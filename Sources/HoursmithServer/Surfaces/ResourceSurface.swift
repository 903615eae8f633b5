import HoursmithClient
import JSONCore
import MCPCore

/// The resources and templates MCP clients see, narrowed to the token's role once `GET /me`
/// told it (members read their projects, not clients), and held with the tool list for the
/// first list. Tool options do not apply: a resource is read, and a person attaches it.
///
/// Every read goes through the session like a tool call: the contract's members only, the
/// concise projections, within the result budget. What the token can't see — an unknown id, a
/// 404 or 403 — is the revision's missing-resource error, in the words of a tool error.
struct ResourceSurface: ResourceSource {
    private let resources: [(resource: Resource, audience: Audience, action: String)]
    private let templates: [(template: ResourceTemplate, audience: Audience, action: String)]
    private let tools: ToolSurface
    private var session: HoursmithSession { tools.session }

    init(resources: [CatalogResource], templates: [CatalogTemplate], tools: ToolSurface, environment: ToolEnvironment) {
        self.tools = tools
        self.resources = resources.map { entry in
            let resource = Resource(uri: entry.uri, name: entry.name, title: entry.title, description: entry.description,
                                    mimeType: "application/json") { uri, _, context in
                try await ResourceSurface.read(uri, entry.audience, entry.action, entry.timeToLive, environment, context) { call in
                    try await entry.read(call)
                }
            }
            return (resource, entry.audience, entry.action)
        }
        self.templates = templates.map { entry in
                let template = ResourceTemplate(
                uriTemplate: entry.uriTemplate, name: entry.name, title: entry.title, description: entry.description,
                mimeType: "application/json",
                completer: { request, context in
                    try await environment.answer(
                        action: entry.action, audience: entry.audience, context: context, refusal: .invalidParams
                    ) { call in
                        try await entry.complete(request, call)
                    }
                },
                reader: { uri, variables, context in
                    try await ResourceSurface.read(uri, entry.audience, entry.action, entry.timeToLive, environment, context) { call in
                        try await entry.read(variables, call)
                    }
                })
            return (template, entry.audience, entry.action)
        }
    }

    /// One read: `body` in the session, what the token can't see as a missing resource, the JSON
    /// held to the result budget.
    private static func read(
        _ uri: String, _ audience: Audience, _ action: String, _ timeToLive: Int, _ environment: ToolEnvironment,
        _ context: ToolContext, _ body: @escaping @Sendable (ToolCall) async throws -> JSON
    ) async throws -> ResourceRead {
        return try await environment.answer(action: action, audience: audience, context: context, refusal: .resourceNotFound) { call in
            let json: JSON
            do {
                json = try await body(call)
            } catch let error as HoursmithError where error.kind == .notFound || error.kind == .forbidden {
                throw ResourceNotFound(ErrorMessages.message(for: error, action: action, role: call.me.user.role))
            }
            guard let fitted = call.budget.fit(json, hint: "Read less: the lists it refers to have tools with filters.") else {
                throw JSONRPCError.internalError("\(uri) is larger than the result budget (\(call.budget.tokens) tokens), even "
                    + "cut down; raise it with --max-result-tokens (HOURSMITH_MAX_RESULT_TOKENS), or use the tools instead.")
            }
            return ResourceRead([.json(uri: uri, fitted)], timeToLive: timeToLive)
        }
    }

    func listedResources() -> [Resource] {
        let role = session.knownRole
        return resources.filter { role.map($0.audience.includes) ?? true }.map(\.resource)
    }

    func listedTemplates() -> [ResourceTemplate] {
        let role = session.knownRole
        return templates.filter { role.map($0.audience.includes) ?? true }.map(\.template)
    }

    func declaredResources() -> [Resource] {
        guard let role = session.knownRole else { return resources.map(\.resource) }
        return resources.map { entry in
            entry.audience.includes(role)
                ? entry.resource : entry.resource.refusing(ErrorMessages.forbidden(action: entry.action, role: role))
        }
    }

    func declaredTemplates() -> [ResourceTemplate] {
        guard let role = session.knownRole else { return templates.map(\.template) }
        return templates.map { entry in
            entry.audience.includes(role)
                ? entry.template : entry.template.refusing(ErrorMessages.forbidden(action: entry.action, role: role))
        }
    }

    /// Whether knowing the role leaves out resources or templates listed while it was unknown.
    func narrows(for role: Role) -> Bool {
        resources.contains { !$0.audience.includes(role) } || templates.contains { !$0.audience.includes(role) }
    }

    var listTimeToLive: Int { tools.listTimeToLive }
    var isSettled: Bool { tools.isSettled }
    func settle(within limit: Duration) async { await tools.settle(within: limit) }
}
