import HoursmithClient
import JSONCore
import MCPCore

/// The resources and templates MCP clients see, narrowed to the token's role once `GET /me`
/// told it (members read their projects, not clients), and held with the tool list for the
/// first list. Tool options do not apply: a resource is read, and a person attaches it.
///
/// Every read goes through the session like a tool call: the contract's members only, the
/// concise projections, within the result budget. What the token can't see — a role left out, an
/// unknown id, a 404 or 403 — is the revision's missing-resource error, in the words of a tool
/// error.
struct ResourceSurface: ResourceSource, RoleScoped {
    private let resources: [(resource: Resource, audience: Audience)]
    private let templates: [(template: ResourceTemplate, audience: Audience)]
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
            return (resource, entry.audience)
        }
        self.templates = templates.map { entry in
            let template = ResourceTemplate(
                uriTemplate: entry.uriTemplate, name: entry.name, title: entry.title, description: entry.description,
                mimeType: "application/json",
                completer: { request, context in
                    try await environment.perform(action: entry.action, audience: entry.audience, context: context) { call in
                        try await entry.complete(request, call)
                    }
                },
                reader: { uri, variables, context in
                    try await ResourceSurface.read(uri, entry.audience, entry.action, entry.timeToLive, environment, context) { call in
                        try await entry.read(variables, call)
                    }
                })
            return (template, entry.audience)
        }
    }

    /// One read: `body` performed in the session, what the token can't see refused (the
    /// missing-resource error), the JSON held to the result budget.
    private static func read(
        _ uri: String, _ audience: Audience, _ action: String, _ timeToLive: Int, _ environment: ToolEnvironment,
        _ context: RequestContext, _ body: @escaping @Sendable (ToolCall) async throws -> JSON
    ) async throws -> ResourceRead {
        try await environment.perform(action: action, audience: audience, context: context) { call in
            let json: JSON
            do {
                json = try await body(call)
            } catch let error as HoursmithError where error.kind == .notFound || error.kind == .forbidden {
                throw Refusal(ErrorMessages.message(for: error, action: action, role: call.me.user.role))
            }
            guard let fitted = call.budget.fit(json, hint: "Read less: the lists it refers to have tools with filters.") else {
                throw ToolError("\(uri) is larger than the result budget (\(call.budget.tokens) tokens), even "
                    + "cut down; raise it with --max-result-tokens (HOURSMITH_MAX_RESULT_TOKENS), or use the tools instead.")
            }
            return ResourceRead([.json(uri: uri, fitted)], timeToLive: timeToLive)
        }
    }

    func listedResources() -> [Resource] {
        resources.filter { session.offers($0.audience) }.map(\.resource)
    }

    func listedTemplates() -> [ResourceTemplate] {
        templates.filter { session.offers($0.audience) }.map(\.template)
    }

    func declaredResources() -> [Resource] { resources.map(\.resource) }
    func declaredTemplates() -> [ResourceTemplate] { templates.map(\.template) }

    var audiences: [Audience] { resources.map(\.audience) + templates.map(\.audience) }

    var listTimeToLive: Int { tools.listTimeToLive }
    var isSettled: Bool { tools.isSettled }
    func settle(within limit: Duration) async { await tools.settle(within: limit) }
}
