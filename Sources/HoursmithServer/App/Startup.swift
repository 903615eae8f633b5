import Foundation
import HoursmithClient
import MCPCore

/// Start-up: the token and API URL become a client (or the one sentence that explains why not),
/// and the non-serving modes (`--check`, `--help`, `--version`) do their work.
enum Startup {
    /// A client for the options' token and URL, or why there is none. A problem is logged as one
    /// line on stderr; the server still starts, and every tool call answers with that sentence.
    static func access(_ options: Options, logger: Logger) -> HoursmithSession.Access {
        if let role = options.demo {
            if !options.ignoredForDemo.isEmpty {
                logger.info("Demo mode: \(options.ignoredForDemo.joined(separator: " and ")) \(options.ignoredForDemo.count == 1 ? "is" : "are") "
                    + "set but not used; nothing goes to Hoursmith.")
            }
            return DemoWorkspace.access(role: role, callTimeout: options.callTimeout, logger: logger)
        }
        if options.rawToken == bundleTokenUnset {
            logger.error(bundleTokenMessage)
            return .unavailable(bundleTokenMessage)
        }
        let token: APIToken
        do throws(APITokenProblem) {
            let parsed = try APIToken.parse(options.rawToken)
            if let warning = parsed.warning { logger.warning(warning) }
            token = parsed.token
        } catch {
            logger.error(error.message)
            return .unavailable(error.message)
        }
        let configuration = HoursmithConfiguration(
            token: token, version: Product.version, baseURL: options.apiURL ?? Options.defaultAPIURL,
            callTimeout: options.callTimeout, logger: logger)
        do throws(HoursmithError) {
            return .ready(try HoursmithClient(configuration: configuration))
        } catch {
            logger.error(error.message)
            return .unavailable(error.message)
        }
    }

    /// What the bundle's manifest passes as `HOURSMITH_API_TOKEN` when its API token setting is
    /// empty: hosts leave the placeholder of an optional setting with no value as it is.
    static let bundleTokenUnset = "${user_config.api_token}"
    static let bundleTokenMessage = "No API token is set in this extension's settings. In Claude Desktop, open Settings → "
        + "Extensions → Hoursmith and paste your token (Hoursmith: Settings → API), or turn on \"Demo workspace (no account needed)\"."

    /// `--check`: `GET /me`, then who and where on stdout (exit 0), or the problem on stderr (exit 1).
    static func check(_ access: HoursmithSession.Access, demo: DemoRole? = nil) async -> Int32 {
        let client: HoursmithClient
        switch access {
        case .unavailable(let problem):
            Console.error(problem)
            return 1
        case .ready(let ready):
            client = ready
        }
        do throws(HoursmithError) {
            let me = try await client.me()
            let workspace = me.workspace
            if demo != nil {
                Console.out("""
                    OK: the demo workspace answers (in this process: no account, no network; nothing goes to Hoursmith).
                    User:      \(me.user.name) <\(me.user.email)>, role \(me.user.role) (demo)
                    Workspace: \(workspace.name) (demo), plan \(workspace.plan.displayName), currency \(workspace.currency), \
                    timezone \(workspace.timezone), weeks start on \(workspace.weekStart.rawValue)
                    Data:      made up, in memory, fresh at each start
                    """)
                return 0
            }
            Console.out("""
                OK: the token works.
                User:      \(me.user.name) <\(me.user.email)>, role \(me.user.role)
                Workspace: \(workspace.name) (id \(workspace.id)), plan \(workspace.plan.displayName), \
                currency \(workspace.currency), timezone \(workspace.timezone), weeks start on \(workspace.weekStart.rawValue)
                API:       \(client.apiURL)
                """)
            return 0
        } catch {
            Console.error(error.message)
            return 1
        }
    }

    static func help() -> String {
        let toolsets = Catalog.names.map { toolset, names in
            "  \(toolset.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(names.joined(separator: ", "))"
        }.joined(separator: "\n")
        return """
            hoursmith-mcp \(Product.version): a Model Context Protocol server for Hoursmith, over stdio.

            An MCP client (Claude Desktop, Claude Code, Cursor…) starts it with the API token in the environment:
              HOURSMITH_API_TOKEN=hsk_live_… hoursmith-mcp
            or, to try it with no account, on the demo workspace:
              hoursmith-mcp --demo

            Options (each flag has an environment variable; the flag wins):
              --api-url URL          HOURSMITH_API_URL        API base (default \(Options.defaultAPIURL));
                                                              plain http only to a loopback host (the sandbox)
              --read-only            HOURSMITH_READ_ONLY=1    only tools that change nothing (wins over everything)
              --call-timeout S       HOURSMITH_CALL_TIMEOUT   seconds one tool call may take in all, retries and
                                                              waits included (default 40; 1–600)
              --toolsets a,b         HOURSMITH_TOOLSETS       only these toolsets
              --tools a,b            HOURSMITH_TOOLS          only these tools (with --toolsets: these as well)
              --exclude-tools a,b    HOURSMITH_EXCLUDE_TOOLS  never these tools (wins over the allow lists)
              --log-level L          HOURSMITH_LOG_LEVEL      stderr log level: error, warning, info (default), debug
              --max-result-tokens N  HOURSMITH_MAX_RESULT_TOKENS  the most one tool result may take, counted as one
                                                              token per byte (default 20000; 1000–330000)
              --demo                 HOURSMITH_DEMO=1         the demo workspace, in this process: no account, no token,
                                                              no network; made-up data, fresh at each start
              --demo-role R          HOURSMITH_DEMO_ROLE      whose token the demo uses: owner (default), admin, manager,
                                                              member (--demo-role implies --demo)
              --check                                         call GET /me, show user, role, workspace and plan, exit
              --help, --version

            Commands:
              hoursmith-mcp setup claude-desktop|claude-code|cursor   add this server to a client's config (--help for more)
              hoursmith-mcp doctor                                    check the set-up when the tools don't show up

            Toolsets and tools:
            \(toolsets)

            Prompts (the client's "+" menu, or /mcp__hoursmith__<prompt> in Claude Code):
              \(PromptCatalog.all.map(\.name).joined(separator: ", "))
            Resources: \((Resources.resources.map(\.uri) + Resources.templates.map(\.uriTemplate.text)).joined(separator: ", "))

            Logs go to stderr; stdout carries MCP messages only. The token is never written anywhere.
            Docs: README.md (set-up for Claude Desktop and Claude Code, every tool, troubleshooting).
            """
    }
}
