import ConcurrencyHelpers
import Foundation
import HoursmithClient
import JSONCore

/// `hoursmith-mcp setup <client>`: puts this server into an MCP client's config, so that nobody
/// hand-edits JSON with an absolute path and a token in it.
///
/// In order, and stopping at the first problem with nothing written: the options are checked as
/// the server would check them, and the API URL for its `/api/v1`; the config file is read and
/// must be JSON; the token (from `HOURSMITH_API_TOKEN`, else typed at the terminal without echo,
/// else a line on stdin) is checked with `GET /me`; then the old file goes to `<file>.bak` and
/// the new one replaces it in one rename, with every other server and setting byte for byte as
/// it was. For Claude Code, whose files its own CLI manages, it prints the `claude mcp add` line
/// instead. The token is never printed: only its public part.
struct SetupCommand {
    var client: MCPClientApp
    var configPath: String?
    /// `--name`; else `hoursmith`, or `hoursmith-demo` for the demo workspace.
    var name: String?
    var printOnly = false
    /// Options for the server, passed on as `args` (after being checked).
    var serverArguments: [String] = []

    static let usage = """
        Usage: hoursmith-mcp setup claude-desktop|claude-code|cursor [--print] [--config PATH] [--name NAME] [server options]

        Adds this server to the client's MCP config, keeping everything else in the file as it was:
        the binary's absolute path, the API token, and any server options given (e.g. --read-only).
        The token comes from HOURSMITH_API_TOKEN, or is asked for (typing does not show), and is
        checked with Hoursmith before anything is written. The old file is kept as <file>.bak.
        For claude-code it prints the `claude mcp add` command to run instead.
        With --demo (or --demo-role ROLE) the entry runs the demo workspace: no token is asked for
        and none is written, and it is named hoursmith-demo.

          --print        show the entry and where it would go; write nothing
          --config PATH  edit this file instead of the client's usual one
          --name NAME    the server's name in the config (default hoursmith; hoursmith-demo with --demo)
        """

    /// The server's name in the config.
    func serverName(demo: Bool) -> String { name ?? (demo ? "hoursmith-demo" : "hoursmith") }

    /// Reads `setup`'s arguments (after the word `setup`).
    static func parse(_ arguments: [String]) throws(OptionsError) -> SetupCommand {
        guard let first = arguments.first, !first.hasPrefix("-") else {
            throw OptionsError("setup needs a client: claude-desktop, claude-code or cursor.\n\n\(usage)")
        }
        guard let client = MCPClientApp(rawValue: first) else {
            throw OptionsError("Unknown client \"\(first)\": setup knows claude-desktop, claude-code and cursor.")
        }
        var command = SetupCommand(client: client)
        var remaining = arguments.dropFirst()
        while let argument = remaining.popFirst() {
            let (flag, inline) = argument.hasPrefix("--") && argument.contains("=")
                ? (String(argument.prefix { $0 != "=" }), String(argument.drop { $0 != "=" }.dropFirst()))
                : (argument, nil)
            func value() throws(OptionsError) -> String {
                if let inline { return inline }
                guard let next = remaining.popFirst() else { throw OptionsError("\(flag) needs a value.") }
                return next
            }
            switch flag {
            case "--print": command.printOnly = true
            case "--config": command.configPath = try value()
            case "--name":
                let name = try value().trimmingSpaces
                guard !name.isEmpty else { throw OptionsError("--name needs a name.") }
                command.name = name
            default: command.serverArguments.append(argument)
            }
        }
        return command
    }

    func run(environment: [String: String]) async -> Int32 {
        // The server's options, checked now rather than at the client's next start.
        let options: Options
        do throws(OptionsError) {
            options = try Options.parse(serverArguments, environment: [:])
            guard options.mode == .serve else {
                throw OptionsError("setup passes server options only; --check, --help and --version are not among them.")
            }
            _ = try ToolSelection.make(from: options)
        } catch {
            Console.error(error.message)
            return 2
        }
        if options.demo != nil { return await runForDemo(environment: environment) }
        let serverName = serverName(demo: false)
        let urlFromEnvironment = options.apiURL == nil ? environment["HOURSMITH_API_URL"].map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 } : nil
        let apiURL = options.apiURL ?? urlFromEnvironment ?? Options.defaultAPIURL
        if let problem = SetupChecks.apiURLProblem(apiURL) {
            Console.error(problem + " Nothing was written.")
            return 1
        }
        guard let binary = ExecutablePath.current(environment: environment) else {
            Console.error("Could not tell where this binary is. Nothing was written.")
            return 1
        }
        // The config file is read and checked before the token is asked for.
        var file: ConfigFile?
        if client != .claudeCode {
            guard let read = ConfigFile.read(configPath ?? defaultConfigPath(environment: environment)) else { return 1 }
            file = read
        }

        // The token, checked with Hoursmith before anything is written.
        // Typed at the terminal, perhaps: read off the concurrency pool.
        guard let token = await onItsOwnThread({ readToken(environment: environment) }) else { return 1 }
        do throws(HoursmithError) {
            let configuration = HoursmithConfiguration(token: token, version: Product.version, baseURL: apiURL, requestTimeout: .seconds(15))
            let me = try await HoursmithClient(configuration: configuration).me()
            say("Token \(token.redacted) works: \(me.user.name) (\(me.user.role)) in \(me.workspace.name), "
                + "plan \(me.workspace.plan.displayName), at \(apiURL).")
        } catch {
            Console.error("The token was not accepted: \(error.message) Nothing was written.")
            return 1
        }
        if let warning = ExecutablePath.placementWarning(binary) { say(warning) }

        let entry = ServerEntry(command: binary, arguments: serverArguments, token: token, apiURL: urlFromEnvironment)
        guard let file else {
            if environment["HOURSMITH_API_TOKEN"] == nil {
                say("\nIn this shell, first put the token in HOURSMITH_API_TOKEN without it showing (paste, then Enter):\n"
                    + "  read -rs HOURSMITH_API_TOKEN")
            }
            say("\nRun this to add the server to Claude Code for all your projects (the token is read from $HOURSMITH_API_TOKEN):\n"
                + "  \(entry.claudeCodeCommand(name: serverName))\n\n\(client.nextStep(name: serverName))")
            return 0
        }
        return write(entry, to: file, serverName: serverName)
    }

    /// `setup … --demo`: an entry that runs the demo workspace, with no token asked for or written.
    private func runForDemo(environment: [String: String]) async -> Int32 {
        let serverName = serverName(demo: true)
        guard let binary = ExecutablePath.current(environment: environment) else {
            Console.error("Could not tell where this binary is. Nothing was written.")
            return 1
        }
        say("The demo workspace needs no token: none is asked for, and none is written. It runs in the server's own process, "
            + "on made-up data that starts afresh each time the client starts it.")
        if let warning = ExecutablePath.placementWarning(binary) { say(warning) }
        let entry = ServerEntry(command: binary, arguments: serverArguments, token: nil, apiURL: nil)
        guard client != .claudeCode else {
            say("\nRun this to add the demo to Claude Code for all your projects:\n  \(entry.claudeCodeCommand(name: serverName))"
                + "\n\n\(client.nextStep(name: serverName))")
            return 0
        }
        guard let file = ConfigFile.read(configPath ?? defaultConfigPath(environment: environment)) else { return 1 }
        return write(entry, to: file, serverName: serverName)
    }

    private func defaultConfigPath(environment: [String: String]) -> String {
        let home = HostPlatform.home(environment: environment, platform: .current, fallback: NSHomeDirectory())
        return client.configPath(on: .current, environment: environment, home: home)
    }

    /// `HOURSMITH_API_TOKEN`, else a line typed at the terminal (not shown), else a line on stdin.
    private func readToken(environment: [String: String]) -> APIToken? {
        let raw: String?
        if let fromEnvironment = environment["HOURSMITH_API_TOKEN"] {
            raw = fromEnvironment
        } else if Terminal.standardInputIsTerminal, let typed = Terminal.readSecretLine(
            prompt: "Paste your Hoursmith API token (Settings → API: https://hoursmith.app/settings/api); it will not show: ") {
            raw = typed
        } else {
            raw = Terminal.readLineFromStandardInput()
        }
        if let raw { Console.hide(rawToken: raw) }
        do throws(APITokenProblem) {
            return try APIToken.parse(raw).token
        } catch {
            Console.error(error.message + " Nothing was written.")
            return nil
        }
    }

    /// Merges the entry into the config file (or, with `--print`, shows it).
    private func write(_ entry: ServerEntry, to file: ConfigFile, serverName: String) -> Int32 {
        let path = file.path
        let edit: ClientConfigEdit
        do throws(ClientConfigProblem) {
            edit = try ClientConfigEdit.merging(server: serverName, entry: entry.json(revealingToken: true), into: file.bytes)
        } catch {
            Console.error(error.message(path: path) + " Nothing was written.")
            return 1
        }
        let shown = ClientConfigEdit.memberText(serverName, entry.json(revealingToken: false))
        if printOnly {
            say("\nWith --print nothing is written. This entry\(entry.token == nil ? "" : " (the token masked)") would go under "
                + "\"mcpServers\" in \(path):\n\(shown)")
            return 0
        }
        if edit.change == .unchanged {
            say("\n\(path) already has this \"\(serverName)\" entry; nothing to change.\n\n\(client.nextStep(name: serverName))")
            return 0
        }
        do {
            try file.replace(with: edit.bytes)
        } catch {
            Console.error("Could not write \(path): \(error.localizedDescription)"
                + (file.exists ? " The file as it was is in \(file.backupPath)." : ""))
            return 1
        }
        let verb = edit.change == .replaced ? "Replaced the \"\(serverName)\" entry in" : "Added \"\(serverName)\" to"
        say("\n\(verb) \(path)\(entry.token == nil ? "" : " (the token masked here)"):\n\(shown)")
        say(file.exists ? "Everything else in the file is as it was; the file as it was is in \(file.backupPath)." : "The file was new.")
        say("\n\(client.nextStep(name: serverName))")
        return 0
    }

    private func say(_ text: String) {
        Console.out(text)
    }
}

/// A client's config file as `setup` found it: its text (empty when there is none yet), checked.
struct ConfigFile {
    /// As given or computed.
    let path: String
    /// The file itself, through any symlink (a dotfiles repository's link stays a link).
    let target: String
    let exists: Bool
    let bytes: [UInt8]

    var backupPath: String { target + ".bak" }

    /// The file at `path`, when it can be edited; otherwise nil, having said why.
    static func read(_ path: String) -> ConfigFile? {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory)
        guard !isDirectory.boolValue else {
            Console.error("\(path) is a folder, not a config file. Nothing was written.")
            return nil
        }
        do {
            let bytes = exists ? Array(try Data(contentsOf: URL(fileURLWithPath: target))) : []
            try ClientConfigEdit.check(bytes)
            return ConfigFile(path: path, target: target, exists: exists, bytes: bytes)
        } catch let problem as ClientConfigProblem {
            Console.error(problem.message(path: path) + " Nothing was written.")
        } catch {
            Console.error("Could not read \(path): \(error.localizedDescription) Nothing was written.")
        }
        return nil
    }

    /// Writes `bytes` in its place: the old text to `<file>.bak` first (owner-only: it holds
    /// tokens), then the new file in one rename, keeping the old file's mode (a new one is
    /// owner-only too).
    func replace(with bytes: [UInt8]) throws {
        let manager = FileManager.default
        var mode = 0o600
        if exists {
            try Data(self.bytes).write(to: URL(fileURLWithPath: backupPath))
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: backupPath)
            mode = (try manager.attributesOfItem(atPath: target)[.posixPermissions] as? Int) ?? mode
        } else {
            try manager.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
        }
        try Data(bytes).write(to: URL(fileURLWithPath: target), options: .atomic)
        try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
    }
}
