import Foundation
import HoursmithClient
import JSONCore

/// `hoursmith-mcp doctor`: what a person runs when "the tools don't show up". It looks at this
/// binary, every MCP client config that mentions Hoursmith (each token checked with `GET /me`
/// against that entry's API URL), `HOURSMITH_API_TOKEN` in this shell, and the clock, and says
/// what to do about each problem. It changes nothing. Exit status 1 when it found a problem.
struct DoctorCommand {
    /// Config files to look at instead of the clients' usual ones.
    var configPaths: [String] = []

    static let usage = """
        Usage: hoursmith-mcp doctor [--config PATH]…

        Checks this binary, the Hoursmith entries in Claude Desktop's, Cursor's and Claude Code's configs
        (command, options, token, API URL — each token checked with Hoursmith), HOURSMITH_API_TOKEN if set,
        and the clock; says what to do about each problem. Changes nothing.

          --config PATH  look at this config file instead of the clients' usual ones (may be repeated)
        """

    static func parse(_ arguments: [String]) throws(OptionsError) -> DoctorCommand {
        var command = DoctorCommand()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument.hasPrefix("--config=") {
                command.configPaths.append(String(argument.dropFirst("--config=".count)))
            } else if argument == "--config", let path = remaining.popFirst() {
                command.configPaths.append(path)
            } else {
                throw OptionsError("Unknown argument \(argument) for doctor.\n\n\(usage)")
            }
        }
        return command
    }

    func run(environment: [String: String]) async -> Int32 {
        var report = DoctorReport()
        let binary = ExecutablePath.current(environment: environment)
        report.ok("\(Product.name) \(Product.version) at \(binary ?? "an unknown path")")
        if let binary, let warning = ExecutablePath.placementWarning(binary) { report.note(warning) }

        let home = HostPlatform.home(environment: environment, platform: .current, fallback: NSHomeDirectory())
        let files: [(app: MCPClientApp?, path: String)] = configPaths.isEmpty
            ? MCPClientApp.allCases.map { ($0, $0.configPath(on: .current, environment: environment, home: home)) }
            : configPaths.map { (nil, $0) }
        var entriesFound = 0
        var workspaces: [Workspace] = []
        for (app, path) in files {
            report.heading("\(app?.displayName ?? "Config") — \(path)")
            guard let entries = readEntries(path: path, app: app, report: &report) else { continue }
            entriesFound += entries.count
            for entry in entries {
                if let workspace = await check(entry, binary: binary, report: &report) { workspaces.append(workspace) }
            }
        }
        if entriesFound == 0 && report.problems == 0 {
            report.heading("Hoursmith in your MCP clients")
            report.problem("No MCP client config here has a Hoursmith server.",
                           fix: "Run `hoursmith-mcp setup claude-desktop` (or cursor, or claude-code). Installed as a Claude "
                            + "Desktop extension (.mcpb)? Its settings are in Claude Desktop → Settings → Extensions, which this does not read.")
        }

        if let demo = environment["HOURSMITH_DEMO"], (try? Options.parse([], environment: ["HOURSMITH_DEMO": demo]))?.demo != nil {
            report.heading("HOURSMITH_DEMO in this shell")
            report.note("set: a server started from this shell runs the demo workspace, not Hoursmith")
        }
        if let raw = environment["HOURSMITH_API_TOKEN"] {
            report.heading("HOURSMITH_API_TOKEN in this shell")
            let url = environment["HOURSMITH_API_URL"].flatMap { $0.trimmingSpaces.isEmpty ? nil : $0.trimmingSpaces } ?? Options.defaultAPIURL
            if let workspace = await checkToken(raw, apiURL: url, report: &report) { workspaces.append(workspace) }
        }

        report.heading("Clock")
        report.note(Self.clock(now: Date(), zone: .current, workspaces: workspaces))

        report.finish()
        return report.problems == 0 ? 0 : 1
    }

    // MARK: Config files

    /// One server entry of a config, with where in it it was found.
    struct Entry {
        let name: String
        let place: String
        let value: JSON
    }

    /// The Hoursmith entries of the file at `path`; nil (and a line in the report) when there is
    /// no file or it cannot be read as JSON.
    private func readEntries(path: String, app: MCPClientApp?, report: inout DoctorReport) -> [Entry]? {
        guard let data = FileManager.default.contents(atPath: path) else {
            report.note(app == nil ? "not found" : "not found (`hoursmith-mcp setup \(app?.rawValue ?? "")` adds the server)")
            return nil
        }
        let text = Array(data).starts(with: [0xEF, 0xBB, 0xBF]) ? Array(data.dropFirst(3)) : Array(data)
        let root: JSONDocument.Value
        do {
            root = try JSONDocument(bytes: text).root
        } catch {
            let position = TextPosition(offset: error.offset, in: text)
            report.problem("The file is not valid JSON (line \(position.line), column \(position.column): \(error.description)), "
                           + "so the client cannot read any server from it.",
                           fix: "Fix that spot (a missing comma or quote, a comment or a trailing comma); `hoursmith-mcp setup` "
                            + "will not edit the file until it is JSON.")
            return nil
        }
        let entries = Self.entries(in: root, app: app)
        if entries.isEmpty {
            report.note("no Hoursmith server" + (app.map { " (`hoursmith-mcp setup \($0.rawValue)` adds one)" } ?? ""))
        }
        return entries
    }

    /// The entries that are Hoursmith's — named so, or running a `hoursmith-mcp` — under
    /// `mcpServers`, and for Claude Code also under each project's `mcpServers`.
    static func entries(in root: JSONDocument.Value, app: MCPClientApp?) -> [Entry] {
        var found: [Entry] = []
        func collect(_ servers: JSON?, place: String) {
            for (name, value) in servers?.objectValue ?? [:] {
                let command = value["command"]?.stringValue ?? ""
                let program = command.split(separator: "/").last.map(String.init) ?? command
                if name.lowercased().contains("hoursmith") || program.hasPrefix("hoursmith-mcp") {
                    found.append(Entry(name: name, place: place, value: value))
                }
            }
        }
        collect(root["mcpServers"]?.json, place: "")
        if app == .claudeCode || app == nil, let projects = root["projects"]?.json.objectValue {
            for (project, settings) in projects { collect(settings["mcpServers"], place: " (project \(project))") }
        }
        return found
    }

    // MARK: One entry

    /// Checks an entry as its client would run it; the workspace when its token works.
    private func check(_ entry: Entry, binary: String?, report: inout DoctorReport) async -> Workspace? {
        let label = "\"\(entry.name)\"\(entry.place)"
        guard let command = entry.value["command"]?.stringValue else {
            report.problem("\(label) has no \"command\".", fix: "Run `hoursmith-mcp setup` for this client to write the entry again.")
            return nil
        }
        let arguments = entry.value["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var environment: [String: String] = [:]
        for (key, value) in entry.value["env"]?.objectValue ?? [:] { environment[key] = value.stringValue }

        await checkCommand(command, label: label, binary: binary, report: &report)
        let options: Options
        do throws(OptionsError) {
            options = try Options.parse(arguments, environment: environment.filter { $0.key != "HOURSMITH_API_TOKEN" })
        } catch {
            report.problem("\(label): the server would stop at start: \(error.message)",
                           fix: "Correct \"args\" or \"env\" in the entry (`hoursmith-mcp --help` lists the options).")
            return nil
        }
        if let role = options.demo {
            report.ok("\(label) runs the demo workspace as its \(role.rawValue): made-up data in the server's own process, "
                      + "no token or network needed")
            // (The token was kept out of the parse; it is not read for use here either.)
            let ignored = (environment.keys.contains("HOURSMITH_API_TOKEN") ? ["HOURSMITH_API_TOKEN"] : []) + options.ignoredForDemo
            if !ignored.isEmpty {
                report.note("\(label): its \(ignored.joined(separator: " and ")) \(ignored.count == 1 ? "is" : "are") "
                            + "not used in demo mode; take out --demo (or HOURSMITH_DEMO) to use Hoursmith itself")
            }
            return nil
        }
        guard let raw = environment["HOURSMITH_API_TOKEN"] else {
            report.problem("\(label) has no HOURSMITH_API_TOKEN in its \"env\": every tool call would say so.",
                           fix: "Run `hoursmith-mcp setup` for this client, which asks for the token and checks it.")
            return nil
        }
        return await checkToken(raw, apiURL: options.apiURL ?? Options.defaultAPIURL, report: &report)
    }

    private func checkCommand(_ command: String, label: String, binary: String?, report: inout DoctorReport) async {
        let manager = FileManager.default
        if !command.hasPrefix("/") {
            report.problem("\(label) runs \"\(command)\", not an absolute path; MCP clients do not search PATH.",
                           fix: "Use the full path\(binary.map { " (this binary is \($0))" } ?? "") — `hoursmith-mcp setup` writes it.")
        } else if !manager.isExecutableFile(atPath: command) {
            report.problem("\(label) runs \(command), " + (manager.fileExists(atPath: command) ? "which is not executable." : "which does not exist."),
                           fix: "Point it at the binary you use: run `hoursmith-mcp setup` from that binary.")
        } else if let binary, Self.sameFile(command, binary) {
            report.ok("\(label) runs this binary")
        } else {
            let version = await Self.version(of: command)
            report.note("\(label) runs another copy, \(command)" + (version.map { ", which says \"\($0)\"" } ?? ""))
        }
    }

    /// Checks a token's shape, the API URL, and then both with `GET /me`.
    private func checkToken(_ raw: String, apiURL: String, report: inout DoctorReport) async -> Workspace? {
        let token: APIToken
        Console.hide(rawToken: raw)
        do throws(APITokenProblem) {
            let parsed = try APIToken.parse(raw)
            token = parsed.token
            if let warning = parsed.warning { report.note(warning) }
        } catch {
            report.problem(error.message)
            return nil
        }
        if let problem = SetupChecks.apiURLProblem(apiURL) {
            report.problem(problem)
            return nil
        }
        do throws(HoursmithError) {
            let configuration = HoursmithConfiguration(token: token, version: Product.version, baseURL: apiURL, requestTimeout: .seconds(15),
                                                       retry: .never)
            let me = try await HoursmithClient(configuration: configuration).me()
            report.ok("token \(token.redacted) works at \(HoursmithConfiguration.shown(apiURL: apiURL)): \(me.user.name) (\(me.user.role)) in \(me.workspace.name), "
                      + "plan \(me.workspace.plan.displayName)")
            return me.workspace
        } catch {
            if error.status == nil, case .invalidBaseURL = error.kind {
                report.problem(error.message)
            } else if error.status == nil {
                report.problem("\(HoursmithConfiguration.shown(apiURL: apiURL)) could not be reached: \(error.message)",
                               fix: "Check the network, a VPN or proxy (HTTPS_PROXY), and that the clock below is right "
                                + "(a wrong clock makes certificates look invalid).")
            } else {
                report.ok("\(HoursmithConfiguration.shown(apiURL: apiURL)) answers")
                report.problem("token \(token.redacted): \(error.message)")
            }
            return nil
        }
    }

    // MARK: Helpers

    private static func sameFile(_ first: String, _ second: String) -> Bool {
        URL(fileURLWithPath: first).resolvingSymlinksInPath().path == URL(fileURLWithPath: second).resolvingSymlinksInPath().path
    }

    /// The first line `<command> --version` prints, within five seconds.
    private static func version(of command: String) async -> String? {
        guard let (output, _) = await ChildProcess.run(URL(fileURLWithPath: command), arguments: ["--version"], limit: 4096,
                                                       until: .now + .seconds(5))
        else { return nil }
        return String(decoding: output, as: UTF8.self).split(separator: "\n").first.map { String($0).trimmingSpaces }
    }

    /// The local clock, its zone and UTC; and each workspace's zone with today's date there, which is
    /// what `today` and the periods mean to the tools.
    static func clock(now: Date, zone: TimeZone, workspaces: [Workspace]) -> String {
        func format(_ pattern: String, _ zone: TimeZone) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = pattern
            formatter.timeZone = zone
            return formatter.string(from: now)
        }
        let utc = TimeZone(identifier: "UTC") ?? zone
        var lines = ["here \(format("yyyy-MM-dd HH:mm:ss", zone)) \(zone.identifier) (UTC\(format("xxx", zone))); "
                     + "UTC \(format("yyyy-MM-dd HH:mm:ss", utc))"]
        var seen: Set<Int> = []
        for workspace in workspaces where seen.insert(workspace.id).inserted {
            guard let workspaceZone = TimeZone(identifier: workspace.timezone) else { continue }
            lines.append("workspace \(workspace.name) keeps time in \(workspace.timezone): today there is \(format("yyyy-MM-dd (EEEE)", workspaceZone)) "
                         + "— what \"today\" and the periods mean to the tools")
        }
        lines.append("If the clock here is off by minutes, set it to update automatically: a wrong clock breaks HTTPS.")
        return lines.joined(separator: "\n    ")
    }
}

/// What `doctor` prints: a line per check, as it goes, and a count of problems at the end.
struct DoctorReport {
    private(set) var problems = 0

    mutating func heading(_ text: String) { emit("\n" + text) }
    mutating func ok(_ text: String) { emit("  ✓ " + text) }
    mutating func note(_ text: String) { emit("  · " + text) }

    mutating func problem(_ text: String, fix: String? = nil) {
        problems += 1
        emit("  ✗ " + text + (fix.map { "\n    → " + $0 } ?? ""))
    }

    func finish() {
        emit(problems == 0 ? "\nNo problems found." : "\n\(problems) problem\(problems == 1 ? "" : "s") found; each says what to do.")
    }

    private func emit(_ text: String) {
        Console.out(text)
    }
}
