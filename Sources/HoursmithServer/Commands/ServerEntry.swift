import HoursmithClient
import JSONCore

/// The entry an MCP client needs to start this server: the binary's absolute path, its options,
/// and the token (plus the API URL when it is not the default) in its environment. A demo entry
/// (`--demo` in its options) has no token and no environment.
struct ServerEntry {
    var command: String
    var arguments: [String]
    /// nil for the demo workspace, which needs none.
    var token: APIToken?
    /// Set when the API URL came from the environment rather than `--api-url` in `arguments`.
    var apiURL: String?

    /// `{"command": …, "args": […], "env": {…}}`, with the token itself (for the file) or masked
    /// (for anything shown).
    func json(revealingToken: Bool) -> JSON {
        var environment: JSONObject = [:]
        if let token { environment["HOURSMITH_API_TOKEN"] = .string(revealingToken ? token.valueForClientConfig : token.redacted) }
        if let apiURL { environment["HOURSMITH_API_URL"] = .string(apiURL) }
        var entry: JSONObject = ["command": .string(command)]
        if !arguments.isEmpty { entry["args"] = .array(arguments.map(JSON.string)) }
        if !environment.isEmpty { entry["env"] = .object(environment) }
        return .object(entry)
    }

    /// The `claude mcp add` command for Claude Code, for a POSIX shell. The token is read from
    /// `$HOURSMITH_API_TOKEN` when the line runs, so it appears neither here nor in shell history.
    func claudeCodeCommand(name: String) -> String {
        var words = ["claude", "mcp", "add", Self.shellQuoted(name), "--scope", "user"]
        if token != nil { words += ["--env", "HOURSMITH_API_TOKEN=\"$HOURSMITH_API_TOKEN\""] }
        if let apiURL { words += ["--env", Self.shellQuoted("HOURSMITH_API_URL=" + apiURL)] }
        words += ["--", Self.shellQuoted(command)] + arguments.map(Self.shellQuoted)
        return words.joined(separator: " ")
    }

    private static let shellSafe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,@+%")

    /// `text` as one word for a POSIX shell: as it is when that is safe, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        if !text.isEmpty, text.allSatisfy(shellSafe.contains) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Checks `setup` and `doctor` share, for the mistakes that otherwise surface as misleading errors.
enum SetupChecks {
    /// Why `url` is not the API base, when it lacks the `/api/v1` every path is relative to
    /// (with it missing, every call would be a 404 "not found").
    static func apiURLProblem(_ url: String) -> String? {
        var path = url.trimmingSpaces
        while path.hasSuffix("/") { path.removeLast() }
        guard !path.hasSuffix("/api/v1") else { return nil }
        let suggestion = path.hasSuffix("/api") ? path + "/v1" : path + "/api/v1"
        return "The API URL \(HoursmithConfiguration.shown(apiURL: url)) does not end in /api/v1, so every call would be answered "
            + "\"not found\". Use \(HoursmithConfiguration.shown(apiURL: suggestion))"
            + (suggestion == Options.defaultAPIURL ? " (the default: the URL can also be left out)." : ".")
    }
}
