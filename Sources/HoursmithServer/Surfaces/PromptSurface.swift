import HoursmithClient
import MCPCore

/// The prompts MCP clients see: those whose tools the options offer, narrowed to the token's
/// role once `GET /me` told it — as ``ToolSurface`` narrows tools, and held with it for the
/// first list.
///
/// A prompt's audience is its own and that of every tool it sends the model to. A prompt the
/// role can't use is not listed, and `prompts/get` of it is refused with the words of the API's
/// 403 (where every request's role is checked); one whose tools the options leave out is refused
/// saying so.
struct PromptSurface: PromptSource, RoleScoped {
    private struct Entry {
        let prompt: Prompt
        let audience: Audience
        let action: String
        /// Needed tools the options leave out.
        let missing: [String]
    }

    private let entries: [Entry]
    private let tools: ToolSurface
    private var session: HoursmithSession { tools.session }

    init(catalog: [CatalogPrompt], tools: ToolSurface, environment: ToolEnvironment) {
        self.tools = tools
        entries = catalog.map { entry in
            var roles = entry.audience.roles
            for name in entry.needs {
                roles.formIntersection(tools.catalog.first { $0.name == name }?.audience.roles ?? roles)
            }
            let audience = Audience(roles: roles)
            let missing = entry.needs.filter { name in !tools.catalog.contains { $0.name == name } }
            return Entry(prompt: PromptSurface.prompt(entry, audience, tools, environment), audience: audience,
                         action: entry.action, missing: missing)
        }
    }

    /// The MCP prompt of a catalog entry: its messages and completions made in the session.
    private static func prompt(
        _ entry: CatalogPrompt, _ audience: Audience, _ tools: ToolSurface, _ environment: ToolEnvironment
    ) -> Prompt {
        Prompt(
            name: entry.name, title: entry.title, description: entry.description, arguments: entry.arguments,
            completer: { request, context in
                try await environment.perform(action: entry.action, audience: audience, context: context) { call in
                    try await entry.complete(request, call)
                }
            },
            handler: { arguments, context in
                try await environment.perform(action: entry.action, audience: audience, context: context) { call in
                    let role = call.me.user.role
                    return try await entry.messages(PromptCall(arguments: arguments, call: call) { tools.offers($0, to: role) })
                }
            })
    }

    func listedPrompts() -> [Prompt] {
        entries.filter { $0.missing.isEmpty && session.offers($0.audience) }.map(\.prompt)
    }

    func prompt(named name: String) -> Prompt? {
        guard let entry = entries.first(where: { $0.prompt.name == name }) else { return nil }
        guard entry.missing.isEmpty else {
            return entry.prompt.refusing(
                "the prompt \(name) sends the model to \(entry.missing.joined(separator: ", ")), which this server's options "
                    + "leave out (--read-only, --toolsets, --tools or --exclude-tools)")
        }
        return entry.prompt
    }

    var audiences: [Audience] { entries.filter(\.missing.isEmpty).map(\.audience) }

    var listTimeToLive: Int { tools.listTimeToLive }
    var isSettled: Bool { tools.isSettled }
    func settle(within limit: Duration) async { await tools.settle(within: limit) }
}
