import Foundation

/// The commands that do not serve MCP: `setup <client>` and `doctor`, named by the first argument.
enum Subcommand {
    case setup([String])
    case doctor([String])

    /// The command the arguments (without the program name) name; nil for the server itself.
    init?(_ arguments: [String]) {
        switch arguments.first {
        case "setup": self = .setup(Array(arguments.dropFirst()))
        case "doctor": self = .doctor(Array(arguments.dropFirst()))
        default: return nil
        }
    }

    /// Runs the command and exits with its status: 0 done, 1 a problem it explained, 2 a mistake
    /// in its arguments.
    func runAndExit(environment: [String: String]) -> Never {
        let wantsHelp: Bool
        let usage: String
        switch self {
        case .setup(let arguments):
            wantsHelp = arguments.contains("--help") || arguments.contains("-h")
            usage = SetupCommand.usage
        case .doctor(let arguments):
            wantsHelp = arguments.contains("--help") || arguments.contains("-h")
            usage = DoctorCommand.usage
        }
        if wantsHelp {
            Console.out(usage)
            ProcessEnd.now(0)
        }
        Task {
            do throws(OptionsError) {
                switch self {
                case .setup(let arguments): ProcessEnd.now(try await SetupCommand.parse(arguments).run(environment: environment))
                case .doctor(let arguments): ProcessEnd.now(try await DoctorCommand.parse(arguments).run(environment: environment))
                }
            } catch {
                Console.error(error.message)
                ProcessEnd.now(2)
            }
        }
        dispatchMain()
    }
}
