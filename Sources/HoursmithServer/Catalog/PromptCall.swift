import HoursmithClient
import JSONCore
import MCPCore

/// One `prompts/get`: the checked arguments, the session's call (client, `/me`, directory,
/// dates), and which tools the model can call now.
struct PromptCall: Sendable {
    let arguments: PromptArguments
    let call: ToolCall
    /// Whether the options offer a tool and the role may use it.
    let offers: @Sendable (String) -> Bool

    var me: Me { call.me }
    var dates: DateWords { call.dates }

    /// The object the argument names, resolved as a tool's name argument is (exact, else a
    /// single partial match); nil when the argument is not given. A name that matches nothing,
    /// or several, is -32602 naming the argument and the candidates.
    func resolve(_ kind: DirectoryKind, _ argument: String, within projectID: Int? = nil) async throws -> DirectoryEntry? {
        guard let name = arguments[argument] else { return nil }
        do {
            return try await call.directory.resolve(kind, name: name, within: projectID, offeringID: false, using: call.reader)
        } catch let error as ToolError {
            throw JSONRPCError.invalidParams("argument \"\(argument)\": \(error.message)")
        }
    }

    /// A choice among fixed words (`this_week`, `last_month`), with its default; anything else is
    /// -32602 naming the argument and the words.
    func choice(_ argument: String, among words: [String], default word: String) throws -> String {
        guard let given = arguments[argument]?.trimmingSpaces else { return word }
        guard words.contains(given) else {
            throw JSONRPCError.invalidParams(
                "argument \"\(argument)\" is \"\(given.prefix(40))\"; use one of \(words.joined(separator: ", "))")
        }
        return given
    }

    /// A period among `words` (`this_week`, `last_month`; ``DateWords/periods``), with its default:
    /// its name and its days in the workspace's calendar; anything else is -32602.
    func period(_ argument: String, among words: [String], default word: String) throws -> (name: String, days: ClosedRange<LocalDate>) {
        let name = try choice(argument, among: words, default: word)
        guard let days = dates.period(name) else {
            throw JSONRPCError.invalidParams("argument \"\(argument)\": unknown period \(name)")
        }
        return (name, days)
    }
}
