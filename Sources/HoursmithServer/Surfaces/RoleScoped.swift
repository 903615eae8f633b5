import HoursmithClient

/// A surface whose lists depend on the token's role (tools, prompts, resources): each entry has
/// the ``Audience`` its declaration states, once. Lists show what ``HoursmithSession/offers(_:)``;
/// every request is checked again where it runs
/// (``ToolEnvironment/perform(action:audience:context:arguments:body:)``).
protocol RoleScoped {
    /// The audiences of the entries it may list.
    var audiences: [Audience] { get }
}

extension RoleScoped {
    /// Whether knowing the role leaves out entries listed while it was unknown (a legacy client
    /// is then told its list changed).
    func narrows(for role: Role) -> Bool {
        audiences.contains { !$0.includes(role) }
    }
}

extension HoursmithSession {
    /// Whether what `audience` may use is offered now: everything while the role is unknown (the
    /// API decides), then what the role may use.
    func offers(_ audience: Audience) -> Bool {
        knownRole.map(audience.includes) ?? true
    }
}
