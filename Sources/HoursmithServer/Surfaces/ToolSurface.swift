import HoursmithClient
import ConcurrencyHelpers
import MCPCore

/// The tools MCP clients see: the selection, narrowed to the token's role once `GET /me` told it.
///
/// Until the role is known (or when `/me` fails), every selected tool is listed and the API
/// decides. Once it is known, tools the role can never use are not listed; a call to one is
/// refused, without a request, where every request's role is checked
/// (``ToolEnvironment/perform(action:audience:context:arguments:body:)``).
struct ToolSurface: ToolSource, RoleScoped {
    /// The selected tools of the catalog, each with its MCP tool bound to the session.
    private let entries: [(entry: CatalogTool, tool: Tool)]
    let session: HoursmithSession
    /// Set once a list was held for `/me`: later lists are not held again.
    private let held = Locked(false)
    /// Runs after every call, whatever its outcome (the server gives freed memory back with it).
    let afterEachCall: @Sendable () -> Void

    init(catalog: [CatalogTool], selection: ToolSelection, environment: ToolEnvironment, afterEachCall: @escaping @Sendable () -> Void = {}) {
        entries = catalog.filter(selection.includes).map { ($0, $0.tool(handler: environment.handler(for: $0))) }
        session = environment.session
        self.afterEachCall = afterEachCall
    }

    /// The selected tools of the catalog.
    var catalog: [CatalogTool] { entries.map(\.entry) }

    var audiences: [Audience] { entries.map(\.entry.audience) }

    func listedTools() -> [Tool] {
        entries.filter { session.offers($0.entry.audience) }.map(\.tool)
    }

    func tool(named name: String) -> Tool? {
        guard let tool = entries.first(where: { $0.entry.name == name })?.tool else { return nil }
        return tool.replacingHandler { [afterEachCall] arguments, context in
            defer { afterEachCall() }
            return try await tool.handler(arguments, context)
        }
    }

    /// Whether the options offer the tool and `role` may use it.
    func offers(_ name: String, to role: Role) -> Bool {
        catalog.first { $0.name == name }?.audience.includes(role) ?? false
    }

    /// Five minutes once the role is known (a role rarely changes); until then, none, so a
    /// client asks again and sees the list narrowed.
    var listTimeToLive: Int { session.knownRole == nil ? 0 : 300_000 }

    /// Settled once the role is known, once a list waited for it, or when there is no client.
    var isSettled: Bool {
        guard case .ready = session.access, session.knownRole == nil else { return true }
        return held.withLock { $0 }
    }

    /// Waits for `GET /me` (the one under way, or a new one), at most `limit`.
    func settle(within limit: Duration) async {
        let session = self.session
        // `/me` goes on past the limit, for whoever else waits for it.
        _ = await value(of: Task { _ = try? await session.me() }, until: .now + limit, on: ContinuousClock())
        held.withLock { $0 = true }
    }
}
