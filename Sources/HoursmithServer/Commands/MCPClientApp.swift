/// The MCP clients `setup` and `doctor` know, and where each keeps its servers.
enum MCPClientApp: String, CaseIterable {
    case claudeDesktop = "claude-desktop"
    case claudeCode = "claude-code"
    case cursor

    var displayName: String {
        switch self {
        case .claudeDesktop: "Claude Desktop"
        case .claudeCode: "Claude Code"
        case .cursor: "Cursor"
        }
    }

    /// What to do once the entry `name` is in place.
    func nextStep(name: String) -> String {
        switch self {
        case .claudeDesktop:
            "Quit Claude Desktop completely (not just its window) and open it again; the Hoursmith tools appear under "
                + "the tools icon in a new chat."
        case .claudeCode:
            "Then `claude mcp list` shows whether it connected."
        case .cursor:
            "Open Cursor's Settings → MCP (or restart Cursor): \"\(name)\" appears there, with its tools."
        }
    }

    /// The file the client reads its servers from on `platform`. Claude Code's is only read
    /// (by `doctor`): `setup` prints a `claude mcp add` line instead of editing it.
    func configPath(on platform: HostPlatform, environment: [String: String], home: String) -> String {
        switch (self, platform) {
        case (.claudeDesktop, .macOS):
            "\(home)/Library/Application Support/Claude/claude_desktop_config.json"
        case (.claudeDesktop, .windows):
            "\(platform.appData(environment: environment, home: home))\\Claude\\claude_desktop_config.json"
        case (.claudeDesktop, .linux):
            // No official build; the community builds follow the XDG convention.
            "\(environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.config")/Claude/claude_desktop_config.json"
        case (.cursor, .windows):
            "\(home)\\.cursor\\mcp.json"
        case (.cursor, _):
            "\(home)/.cursor/mcp.json"
        case (.claudeCode, .windows):
            "\(home)\\.claude.json"
        case (.claudeCode, _):
            "\(home)/.claude.json"
        }
    }
}

/// The operating systems whose config locations `setup` knows (a Windows binary is not shipped,
/// but its paths are documented and computed the same way).
enum HostPlatform: Equatable {
    case macOS, linux, windows

    static var current: HostPlatform {
        #if os(macOS)
        .macOS
        #elseif os(Windows)
        .windows
        #else
        .linux
        #endif
    }

    /// The home directory: `HOME` (`USERPROFILE` on Windows), as the clients themselves read it.
    static func home(environment: [String: String], platform: HostPlatform, fallback: String) -> String {
        let variable = platform == .windows ? "USERPROFILE" : "HOME"
        guard let home = environment[variable], !home.isEmpty else { return fallback }
        return home
    }

    /// `%APPDATA%`, or where it normally is.
    func appData(environment: [String: String], home: String) -> String {
        if let appData = environment["APPDATA"], !appData.isEmpty { return appData }
        return "\(home)\\AppData\\Roaming"
    }
}
