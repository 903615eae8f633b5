import JSONCore

/// What `completion/complete` asks: the argument being typed, its text so far, and the values
/// already chosen for the other arguments (`context.arguments`).
package struct CompletionRequest: Sendable, Equatable {
    /// The argument's (or template variable's) name.
    package let argument: String
    /// What was typed so far.
    package let value: String
    /// The other arguments' values.
    package let context: [String: String]

    package init(argument: String, value: String, context: [String: String] = [:]) {
        self.argument = argument
        self.value = value
        self.context = context
    }
}

/// The answer to `completion/complete`: at most ``maxValues`` values, best first, with how many
/// there are in all.
package struct Completion: Sendable, Equatable {
    /// The most values one answer carries (the protocol's limit).
    package static let maxValues = 100

    package let values: [String]
    package let total: Int
    package let hasMore: Bool

    /// Every match, best first: the first ``maxValues`` are sent, with the count of all.
    package init(matches: [String]) {
        values = Array(matches.prefix(Completion.maxValues))
        total = matches.count
        hasMore = matches.count > values.count
    }

    /// Nothing to suggest (free text, or an argument that names nothing).
    package static let none = Completion(matches: [])

    /// The members of `CompleteResult`.
    var members: JSONObject {
        ["completion": [
            "values": .array(values.map(JSON.string)), "total": .int(total), "hasMore": .bool(hasMore),
        ]]
    }
}

/// Suggests values for one argument of a prompt or one variable of a resource template. A thrown
/// ``JSONRPCError`` is the answer; any other error is answered with -32603.
package typealias Completer = @Sendable (CompletionRequest, RequestContext) async throws -> Completion
