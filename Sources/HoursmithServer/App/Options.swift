import MCPCore

/// The command line and environment, parsed. Flags win over environment variables.
///
/// Parsing refuses what cannot be meant (an unknown flag, a flag without its value, a log level
/// or boolean that is not one) with a ``OptionsError``, which the executable reports on stderr
/// before exiting with status 2. Tool and toolset names are checked later, against the catalog.
struct Options: Equatable {
    enum Mode: Equatable {
        case serve
        case check
        case help
        case version
    }

    var mode: Mode = .serve
    /// The raw value of HOURSMITH_API_TOKEN, if set. Parsed (and refused) by `APIToken`.
    var rawToken: String?
    /// The API base URL as given, or nil for the default.
    var apiURL: String?
    var readOnly = false
    /// How long one tool call may take in all (`--call-timeout`, whole seconds).
    var callTimeout: Duration = .seconds(40)
    var toolsets: [String]?
    var tools: [String]?
    var excludedTools: [String] = []
    var logLevel: LogLevel = .info
    /// The most tokens one tool result may take (`--max-result-tokens`).
    var maxResultTokens = ResultBudget.defaultTokens
    /// `--demo` (`HOURSMITH_DEMO=1`): the in-process demo workspace, as this role's member
    /// (`--demo-role`, `HOURSMITH_DEMO_ROLE`; owner unless told). nil: Hoursmith itself.
    var demo: DemoRole?
    /// In demo mode, the variables that were set but are not used (the token and the API URL):
    /// start-up says so.
    var ignoredForDemo: [String] = []

    static let defaultAPIURL = "https://hoursmith.app/api/v1"

    /// Parses `arguments` (without the program name) and `environment`.
    static func parse(_ arguments: [String], environment: [String: String]) throws(OptionsError) -> Options {
        var options = Options()
        if let value = environment["HOURSMITH_READ_ONLY"] {
            options.readOnly = try boolean(value, name: "HOURSMITH_READ_ONLY")
        }
        if let value = nonEmpty(environment["HOURSMITH_CALL_TIMEOUT"]) {
            options.callTimeout = try seconds(value, name: "HOURSMITH_CALL_TIMEOUT")
        }
        options.toolsets = nonEmpty(environment["HOURSMITH_TOOLSETS"]).map(list)
        options.tools = nonEmpty(environment["HOURSMITH_TOOLS"]).map(list)
        options.excludedTools = nonEmpty(environment["HOURSMITH_EXCLUDE_TOOLS"]).map(list) ?? []
        if let value = nonEmpty(environment["HOURSMITH_LOG_LEVEL"]) {
            options.logLevel = try logLevel(value, name: "HOURSMITH_LOG_LEVEL")
        }

        if let value = nonEmpty(environment["HOURSMITH_MAX_RESULT_TOKENS"]) {
            options.maxResultTokens = try resultTokens(value, name: "HOURSMITH_MAX_RESULT_TOKENS")
        }
        // The demo's role is only a choice among demo users: on its own it does not turn the demo
        // on, and it is read only when the demo is on.
        var demoRole: DemoRole?
        var demo = try environment["HOURSMITH_DEMO"].map { value throws(OptionsError) in try boolean(value, name: "HOURSMITH_DEMO") } ?? false
        var apiURLFlag = false

        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            // Accept both `--flag value` and `--flag=value`.
            let (flag, inlineValue) = split(argument)
            func value() throws(OptionsError) -> String {
                if let inlineValue { return inlineValue }
                guard let next = remaining.popFirst(), !next.hasPrefix("--") else {
                    throw OptionsError("\(flag) needs a value. Run hoursmith-mcp --help for the options.")
                }
                return next
            }
            switch flag {
            case "--help", "-h": options.mode = .help
            case "--version": options.mode = .version
            case "--check": options.mode = .check
            case "--read-only": options.readOnly = true
            case "--call-timeout": options.callTimeout = try seconds(try value(), name: "--call-timeout")
            case "--api-url":
                options.apiURL = try value()
                apiURLFlag = true
            case "--demo": demo = true
            case "--demo-role":
                demoRole = try role(try value(), name: "--demo-role")
                demo = true
            case "--toolsets": options.toolsets = list(try value())
            case "--tools": options.tools = list(try value())
            case "--exclude-tools": options.excludedTools = list(try value())
            case "--log-level": options.logLevel = try logLevel(try value(), name: "--log-level")
            case "--max-result-tokens": options.maxResultTokens = try resultTokens(try value(), name: "--max-result-tokens")
            default:
                throw OptionsError("Unknown option \(argument). Run hoursmith-mcp --help for the options.")
            }
        }
        guard demo else {
            options.rawToken = environment["HOURSMITH_API_TOKEN"]
            if !apiURLFlag { options.apiURL = nonEmpty(environment["HOURSMITH_API_URL"]) }
            return options
        }
        guard !apiURLFlag else {
            throw OptionsError("--api-url and --demo do not go together: the demo workspace answers inside this process, "
                + "from no API. Leave out one of them.")
        }
        if demoRole == nil, let value = nonEmpty(environment["HOURSMITH_DEMO_ROLE"]) {
            demoRole = try role(value, name: "HOURSMITH_DEMO_ROLE")
        }
        // The token and the API URL are not read: the demo acts with its own member's token. (The
        // bundle always passes both, as its empty token's placeholder and the default URL: those
        // are not worth a word.)
        options.demo = demoRole ?? .owner
        let unused = ["HOURSMITH_API_TOKEN": Startup.bundleTokenUnset, "HOURSMITH_API_URL": Options.defaultAPIURL]
        options.ignoredForDemo = unused.keys.sorted().filter { name in
            guard let value = nonEmpty(environment[name]) else { return false }
            return value != unused[name]
        }
        return options
    }

    private static func role(_ value: String, name: String) throws(OptionsError) -> DemoRole {
        guard let role = DemoRole(rawValue: value.trimmingSpaces.lowercased()) else {
            throw OptionsError("\(name) must be \(DemoRole.names); it is \"\(value)\".")
        }
        return role
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingSpaces, !value.isEmpty else { return nil }
        return value
    }

    private static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    private static func boolean(_ value: String, name: String) throws(OptionsError) -> Bool {
        switch value.trimmingSpaces.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off", "": return false
        default: throw OptionsError("\(name) must be 1 or 0 (or true/false); it is \"\(value)\".")
        }
    }

    private static func resultTokens(_ value: String, name: String) throws(OptionsError) -> Int {
        let range = ResultBudget.minimumTokens...ResultBudget.maximumTokens
        guard let tokens = Int(value.trimmingSpaces), range.contains(tokens) else {
            throw OptionsError("\(name) must be a whole number of tokens from \(range.lowerBound) to \(range.upperBound) "
                + "(the most that keeps a result under 1 MB); it is \"\(value)\".")
        }
        return tokens
    }

    private static func logLevel(_ value: String, name: String) throws(OptionsError) -> LogLevel {
        let levels: [LogLevel] = [.error, .warning, .info, .debug]
        guard let level = LogLevel(name: value.lowercased()), levels.contains(level) else {
            throw OptionsError("\(name) must be one of error, warning, info, debug; it is \"\(value)\".")
        }
        return level
    }

    /// The longest `--call-timeout`: ten minutes (clients give up long before).
    static let callTimeoutRange = 1...600

    private static func seconds(_ value: String, name: String) throws(OptionsError) -> Duration {
        guard let seconds = Int(value.trimmingSpaces), callTimeoutRange.contains(seconds) else {
            throw OptionsError("\(name) must be a whole number of seconds from \(callTimeoutRange.lowerBound) to "
                + "\(callTimeoutRange.upperBound); it is \"\(value)\".")
        }
        return .seconds(seconds)
    }
}

/// A start-up mistake in flags or environment: reported on stderr, exit status 2.
struct OptionsError: Error, Equatable {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
