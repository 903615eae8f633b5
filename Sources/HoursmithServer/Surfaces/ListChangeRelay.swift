import Foundation
import HoursmithClient
import ConcurrencyHelpers
import MCPCore

/// Tells a legacy client that the tool, prompt and resource lists changed when the token's role
/// turns out to narrow them (the session learns the role before or after the server exists).
final class ListChangeRelay: Sendable {
    private struct Attached {
        let server: MCPServer
        let tools: ToolSurface
        let prompts: PromptSurface
        let resources: ResourceSurface
    }

    private let attached = Locked<Attached?>(nil)

    func attach(_ server: MCPServer, tools: ToolSurface, prompts: PromptSurface, resources: ResourceSurface) {
        attached.withLock { $0 = Attached(server: server, tools: tools, prompts: prompts, resources: resources) }
    }

    func roleBecameKnown(_ role: Role) {
        guard let attached = attached.withLock({ $0 }) else { return }
        if attached.tools.narrows(for: role) { attached.server.toolListChanged() }
        if attached.prompts.narrows(for: role) { attached.server.promptListChanged() }
        if attached.resources.narrows(for: role) { attached.server.resourceListChanged() }
    }
}
