import JSONCore

/// What `completion/complete` asks: the argument being typed, its text so far, and the values
/// already chosen for the other arguments (`context.arguments`).
public struct CompletionRequest: Sendable, Equatable {
    /// The argument's (or template variable's) name.
    public let argument: String
    /// What was typed so far.
    public let value: String
    /// The other arguments' values.
    public let context: [String: String]

    public init(argument: String, value: String, context: [String: String] = [:]) {
        self.argument = argument
        self.value = value
        self.context = context
    }
}

/// The answer to `completion/complete`: at most ``maxValues`` values, best first, with how many
/// there are in all.
public struct Completion: Sendable, Equatable {
    /// The most values one answer carries (the protocol's limit).
    public static let maxValues = 100

    public let values: [String]
    public let total: Int
    public let hasMore: Bool

    /// Every match, best first: the first ``maxValues`` are sent, with the count of all.
    public init(matches: [String]) {
        values = Array(matches.prefix(Completion.maxValues))
        total = matches.count
        hasMore = matches.count > values.count
    }

    /// Nothing to suggest (free text, or an argument that names nothing).
    public static let none = Completion(matches: [])

    /// The members of `CompleteResult`.
    var members: JSONObject {
        ["completion": [
            "values": .array(values.map { .string(ModelText.text($0)) }), "total": .int(total), "hasMore": .bool(hasMore),
        ]]
    }
}

/// Suggests values for one argument of a prompt or one variable of a resource template. A thrown
/// ``JSONRPCError`` is the answer; any other error is answered with -32603.
public typealias Completer = @Sendable (CompletionRequest, ToolContext) async throws -> Completion
