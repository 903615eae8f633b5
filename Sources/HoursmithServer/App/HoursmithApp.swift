import Foundation
import HoursmithClient
import MCPCore

/// hoursmith-mcp as a process: read the options, make the Hoursmith session, and serve MCP over
/// stdio (or run `setup` or `doctor`, `Commands/`).
///
/// Mistakes in flags or names exit 2 before anything starts; a missing or bad token does not stop
/// the server (every tool call explains it instead).
package enum HoursmithApp {
    package static func main(arguments: [String]) -> Never {
        let environment = ProcessInfo.processInfo.environment
        if let command = Subcommand(arguments) {
            command.runAndExit(environment: environment)
        }
        let options: Options
        let selection: ToolSelection
        do throws(OptionsError) {
            options = try Options.parse(arguments, environment: environment)
            switch options.mode {
            case .help:
                Console.out(Startup.help())
                ProcessEnd.now(0)
            case .version:
                Console.out("\(Product.name) \(Product.version)")
                ProcessEnd.now(0)
            case .check, .serve:
                selection = try ToolSelection.make(from: options)
            }
        } catch {
            Console.error(error.message)
            ProcessEnd.now(2)
        }
        if options.mode == .check {
            // --check reports a problem once, on stderr, itself: the start-up log stays quiet.
            let access = Startup.access(options, logger: Logger(label: Product.name, level: .emergency, filter: Console.filter))
            Task { ProcessEnd.now(await Startup.check(access, demo: options.demo)) }
            dispatchMain()
        }
        ProcessEnd.now(serve(options, selection))
    }

    /// Wires the session, the surfaces and the stdio server, and serves until input ends or a
    /// signal stops it; returns the exit status.
    private static func serve(_ options: Options, _ selection: ToolSelection) -> Int32 {
        let logger = Logger(label: Product.name, level: options.logLevel, filter: Console.filter)
        let access = Startup.access(options, logger: logger)
        let listChanges = ListChangeRelay()
        let session = HoursmithSession(access: access) { role in listChanges.roleBecameKnown(role) }
        let environment = ToolEnvironment(session: session, budget: ResultBudget(tokens: options.maxResultTokens))
        let memoryTrim = IdleMemoryTrim()
        let surface = ToolSurface(catalog: Catalog.tools, selection: selection, environment: environment,
                                  afterEachCall: memoryTrim.callFinished)
        let prompts = PromptSurface(catalog: PromptCatalog.all, tools: surface, environment: environment)
        let resources = ResourceSurface(
            resources: Resources.resources, templates: Resources.templates, tools: surface, environment: environment)
        let stdio = StdioServer(
            configuration: Product.serverConfiguration(callTimeout: options.callTimeout, demo: options.demo), tools: surface, prompts: prompts,
            resources: resources, logger: logger)
        listChanges.attach(stdio.server, tools: surface, prompts: prompts, resources: resources)

        if case .ready = access {
            // Learn the role now, so that the first tool list a client reads is already the right one.
            // (Detached: the caller's thread is the one `run()` keeps.)
            Task.detached {
                do throws(HoursmithError) {
                    let me = try await session.me()
                    let whom = "\(me.user.name) (\(me.user.role)) in \(me.workspace.name), plan \(me.workspace.plan.displayName)"
                    logger.info(options.demo == nil
                        ? "Connected to Hoursmith as \(whom); \(surface.listedTools().count) tools offered."
                        : "Demo workspace ready, in this process (no account, no network): \(whom); "
                            + "\(surface.listedTools().count) tools offered. Its data is made up and fresh at each start.")
                } catch {
                    logger.error(error.message)
                }
            }
        }
        return stdio.run()
    }
}
