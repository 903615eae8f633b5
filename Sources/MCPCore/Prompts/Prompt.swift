import JSONCore

/// One argument of a prompt: a field a person fills in (clients show it in a form, or after a
/// slash command). Values are strings.
package struct PromptArgument: Sendable {
    package let name: String
    package let title: String
    package let description: String
    package let isRequired: Bool
    /// The longest value accepted, in characters; a longer one is refused with -32602.
    package let maxLength: Int

    package init(name: String, title: String, description: String, isRequired: Bool = false, maxLength: Int = 255) {
        self.name = name
        self.title = title
        self.description = description
        self.isRequired = isRequired
        self.maxLength = maxLength
    }

    /// The argument as `prompts/list` shows it in `version` (a `title` from 2025-06-18 on).
    func json(for version: ProtocolVersion) -> JSON {
        var object: JSONObject = ["name": .string(name)]
        if version.hasStructuredOutput { object["title"] = .string(title) }
        object["description"] = .string(description)
        object["required"] = .bool(isRequired)
        return .object(object)
    }
}

/// The values of a `prompts/get`, checked against the prompt's declaration before its handler
/// runs: only its arguments, each a string within its length, the required ones present. An
/// empty (or blank) value counts as not given, as clients send "" for a field left empty.
package struct PromptArguments: Sendable, Equatable {
    package let values: [String: String]

    package init(_ values: [String: String]) {
        self.values = values
    }

    /// The value given for `name`, or nil.
    package subscript(name: String) -> String? { values[name] }
}

/// One message of a prompt's result. The text is what the client puts into the conversation.
package struct PromptMessage: Sendable, Equatable {
    package enum Role: String, Sendable {
        case user, assistant
    }

    package let role: Role
    package let text: String

    package init(role: Role, text: String) {
        self.role = role
        self.text = text
    }

    package static func user(_ text: String) -> PromptMessage { PromptMessage(role: .user, text: text) }

    var json: JSON {
        ["role": .string(role.rawValue), "content": ["type": "text", "text": .string(text)]]
    }
}

/// What `prompts/get` answers: a description and the messages.
package struct PromptResult: Sendable, Equatable {
    package let description: String?
    package let messages: [PromptMessage]

    package init(description: String?, messages: [PromptMessage]) {
        self.description = description
        self.messages = messages
    }

    /// The members of `GetPromptResult`.
    var members: JSONObject {
        var object: JSONObject = [:]
        if let description { object["description"] = .string(description) }
        object["messages"] = .array(messages.map(\.json))
        return object
    }
}

/// Makes a prompt's messages from its checked arguments. A thrown ``JSONRPCError`` is the
/// answer (e.g. -32602 for a value that names nothing); any other error is answered with -32603.
package typealias PromptHandler = @Sendable (PromptArguments, RequestContext) async throws -> PromptResult

/// A prompt, declared once: what `prompts/list` shows, the handler of `prompts/get`, and the
/// completer of its arguments (`completion/complete`).
package struct Prompt: Sendable {
    package let name: String
    package let title: String
    package let description: String
    package let arguments: [PromptArgument]
    package let handler: PromptHandler
    package let completer: Completer?

    package init(
        name: String, title: String, description: String, arguments: [PromptArgument],
        completer: Completer? = nil, handler: @escaping PromptHandler
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.arguments = arguments
        self.completer = completer
        self.handler = handler
    }

    /// The same declaration, whose `prompts/get` and completions are refused, saying why (a
    /// prompt the client may not use now).
    package func refusing(_ reason: String) -> Prompt {
        Prompt(name: name, title: title, description: description, arguments: arguments,
               completer: { _, _ in throw Refusal(reason) }, handler: { _, _ in throw Refusal(reason) })
    }

    /// The prompt as `prompts/list` shows it in `version` (a `title` from 2025-06-18 on).
    package func json(for version: ProtocolVersion) -> JSON {
        var object: JSONObject = ["name": .string(name)]
        if version.hasStructuredOutput { object["title"] = .string(title) }
        object["description"] = .string(description)
        object["arguments"] = .array(arguments.map { $0.json(for: version) })
        return .object(object)
    }

    /// The arguments of a `prompts/get`, checked; or the -32602 error that says what is wrong.
    func check(_ given: JSON?) -> Result<PromptArguments, JSONRPCError> {
        let object: JSONObject
        switch given {
        case nil, .null?: object = [:]
        case .object(let value)?: object = value
        case .some: return .failure(.invalidParams("\"arguments\" must be an object of strings"))
        }
        var values: [String: String] = [:]
        for (key, value) in object {
            guard let argument = arguments.first(where: { $0.name == key }) else {
                let known = arguments.map(\.name).joined(separator: ", ")
                return .failure(.invalidParams("the prompt \(name) has no argument \"\(key.prefix(40))\"; its arguments: \(known)"))
            }
            guard let text = value.stringValue else {
                return .failure(.invalidParams("argument \"\(key)\" must be a string, not \(value.typeName)"))
            }
            guard text.count <= argument.maxLength else {
                return .failure(.invalidParams("argument \"\(key)\" is \(text.count) characters long; at most \(argument.maxLength)"))
            }
            if text.contains(where: { !$0.isWhitespace }) { values[key] = text }
        }
        for argument in arguments where argument.isRequired && values[argument.name] == nil {
            return .failure(.invalidParams("the prompt \(name) needs the argument \"\(argument.name)\": \(argument.description)"))
        }
        return .success(PromptArguments(values))
    }
}

/// Where the server finds its prompts. Which prompts are listed may change while the server runs
/// (e.g. once the user's role is known), but a prompt's declaration does not.
package protocol PromptSource: Settling {
    /// The prompts to list now, in a stable order.
    func listedPrompts() -> [Prompt]
    /// The prompt a `prompts/get` or a completion names, whether or not it is listed now (one the
    /// client may not use answers with its refusal, see ``Prompt/refusing(_:)``); nil when there
    /// is no such prompt.
    func prompt(named name: String) -> Prompt?
    /// How long a client may cache the prompt list, in milliseconds (modern `ttlMs`).
    var listTimeToLive: Int { get }
}
