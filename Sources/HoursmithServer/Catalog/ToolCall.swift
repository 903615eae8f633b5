import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// One tool call: its arguments (validated against the tool's schema), the MCP context, the
/// client, and the workspace facts. Accessors read arguments the schema has already checked;
/// what a schema cannot say (a real calendar date, `from` before `to`) is checked here, with a
/// tool error that names the argument.
struct ToolCall: Sendable {
    let arguments: ToolArguments
    let context: RequestContext
    let client: HoursmithClient
    let me: Me
    /// How large the result may be.
    let budget: ResultBudget
    /// The session's clients, projects, tasks and users, for names.
    let directory: Directory
    /// Whether these are the arguments of one entry of a batch (``with(_:)``): a name refused
    /// then refuses that entry, not the call, so the refusal does not say that nothing was done.
    var isBatchEntry = false

    var reader: Directory.Reader { Directory.Reader(client: client, me: me) }

    var dates: DateWords { DateWords(workspace: me.workspace) }

    func int(_ name: String) throws(ToolError) -> Int {
        guard let value = arguments.int(name) else { throw ToolError("Argument `\(name)` is required.") }
        return value
    }

    func optionalInt(_ name: String) -> Int? { arguments.int(name) }
    func optionalBool(_ name: String) -> Bool? { arguments.bool(name) }
    func optionalString(_ name: String) -> String? { arguments.string(name) }
    func bool(_ name: String, default value: Bool) -> Bool { arguments.bool(name) ?? value }

    func string(_ name: String) throws(ToolError) -> String {
        guard let value = arguments.string(name) else { throw ToolError("Argument `\(name)` is required.") }
        return value
    }

    /// An exact decimal (hours, money) from the number as the client wrote it; nil when absent.
    /// A number a `Decimal` cannot hold (`1e300`) is out of range, not missing.
    func decimal(_ name: String) throws(ToolError) -> Decimal? {
        guard let number = arguments.number(name) else { return nil }
        guard let value = Decimal(jsonNumber: number) else {
            throw ToolError("Argument `\(name)` is out of range: \(number.literal.prefix(40)) is not a number this can hold.")
        }
        return value
    }

    func ints(_ name: String) -> [Int]? { arguments.ints(name) }

    /// A string field that may be cleared: absent → keep, null → clear, a value → set.
    func clearableString(_ name: String) -> FieldUpdate<String> {
        guard arguments.contains(name) else { return .keep }
        return FieldUpdate(arguments.string(name))
    }

    /// A decimal field that may be cleared: absent → keep, null → clear, a value → set.
    func decimalUpdate(_ name: String) throws(ToolError) -> FieldUpdate<Decimal> {
        guard arguments.contains(name) else { return .keep }
        return FieldUpdate(try decimal(name))
    }

    /// A date field that may be cleared.
    func dateUpdate(_ name: String) throws(ToolError) -> FieldUpdate<LocalDate> {
        guard arguments.contains(name) else { return .keep }
        return FieldUpdate(try date(name))
    }

    /// A date argument (`YYYY-MM-DD`, `today`, `yesterday`, `tomorrow`), in the workspace's
    /// calendar; nil when absent.
    func date(_ name: String) throws(ToolError) -> LocalDate? {
        guard let text = arguments.string(name) else { return nil }
        guard let date = dates.date(text) else {
            throw ToolError("Argument `\(name)` is \"\(text)\", which is not a date: use YYYY-MM-DD (e.g. \(dates.today)) "
                + "or today, yesterday, tomorrow.")
        }
        return date
    }

    /// A date argument with a default word (e.g. `spent_date`, today when absent).
    func date(_ name: String, default word: String) throws(ToolError) -> LocalDate {
        if let date = try date(name) { return date }
        return dates.date(word) ?? dates.today
    }

    /// The range from `from`/`to` or `period` (not both); either bound may be open.
    func range() throws(ToolError) -> (from: LocalDate?, to: LocalDate?) {
        let from = try date("from"), to = try date("to")
        if let period = arguments.string("period") {
            guard from == nil && to == nil else {
                throw ToolError("Give either `period` or `from`/`to`, not both.")
            }
            guard let range = dates.period(period) else {
                throw ToolError("Argument `period` must be one of \(DateWords.periods.joined(separator: ", ")).")
            }
            return (range.lowerBound, range.upperBound)
        }
        if let from, let to, from > to {
            throw ToolError("`from` (\(from)) is after `to` (\(to)): swap them, or use a `period`.")
        }
        return (from, to)
    }

    /// A closed range from `period`, or from both `from` and `to`.
    func requiredRange() throws(ToolError) -> (from: LocalDate, to: LocalDate) {
        let range = try range()
        guard let from = range.from, let to = range.to else {
            throw ToolError("Give a `period` (e.g. last_month), or both `from` and `to` (YYYY-MM-DD).")
        }
        return (from, to)
    }
}

extension ToolCall {
    /// The id a reference argument gives: `<kind>_id`, or `<kind>` as a name resolved through the
    /// directory (a task within `projectID` when given); nil when neither is given.
    func reference(_ kind: DirectoryKind, within projectID: Int? = nil) async throws -> Int? {
        let id = arguments.int(kind.idArgument)
        guard let name = arguments.string(kind.rawValue) else { return id }
        if id != nil {
            throw ToolError("Give either `\(kind.idArgument)` or `\(kind.rawValue)` (a name), not both.")
        }
        return try await directory.resolve(kind, name: name, within: projectID, sayingNothingWasDone: !isBatchEntry, using: reader).id
    }

    /// As ``reference(_:within:)``, when one of the two is required.
    func requiredReference(_ kind: DirectoryKind, within projectID: Int? = nil) async throws -> Int {
        guard let id = try await reference(kind, within: projectID) else {
            throw ToolError("Give `\(kind.idArgument)`, or `\(kind.rawValue)` with its name.")
        }
        return id
    }

    /// The project and task of a time entry or timer: a task name is looked for within the project.
    func projectAndTask() async throws -> (project: Int?, task: Int?) {
        let project = try await reference(.project)
        return (project, try await reference(.task, within: project))
    }

    /// Refuses a member asking about someone else — `userID` another person's, or `team` (everyone)
    /// — in the words of the API's 403, before any request.
    func requireOwnTime(of userID: Int?, orTeam team: Bool = false, action: String) throws(ToolError) {
        let me = me.user
        guard me.role == .member, team || userID.map({ $0 != me.id }) == true else { return }
        throw ToolError(ErrorMessages.forbidden(action: action, role: .member))
    }

    /// The same call with other arguments: one entry of a batch, read by the accessors a single
    /// tool's arguments are read by.
    func with(_ arguments: JSONObject) -> ToolCall {
        ToolCall(arguments: ToolArguments(arguments), context: context, client: client, me: me, budget: budget,
                 directory: directory, isBatchEntry: true)
    }
}
