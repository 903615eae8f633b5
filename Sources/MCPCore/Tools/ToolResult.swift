import JSONCore

/// Validated tool arguments, with typed accessors. A handler runs only after its arguments
/// matched the tool's input schema, so the accessors only return nil for absent (or null) ones.
public struct ToolArguments: Sendable {
    public let object: JSONObject

    public init(_ object: JSONObject) {
        self.object = object
    }

    public subscript(name: String) -> JSON? { object[name] }

    /// Whether the argument was given, even as null.
    public func contains(_ name: String) -> Bool { object[name] != nil }
    /// Whether the argument was given as an explicit null (e.g. "clear this field").
    public func isNull(_ name: String) -> Bool { object[name]?.isNull == true }

    public func string(_ name: String) -> String? { object[name]?.stringValue }
    public func int(_ name: String) -> Int? { object[name]?.intValue }
    public func bool(_ name: String) -> Bool? { object[name]?.boolValue }
    public func number(_ name: String) -> JSONNumber? { object[name]?.numberValue }
    public func array(_ name: String) -> [JSON]? { object[name]?.arrayValue }
    public func ints(_ name: String) -> [Int]? { array(name)?.compactMap(\.intValue) }
}

/// An error a handler throws to end a call with this message as the tool error.
public struct ToolError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// The outcome of a tool call: structured content (with the same JSON as text), or an error
/// message (`isError: true`, no structured content).
public struct ToolResult: Sendable, Equatable {
    public let structuredContent: JSON?
    public let text: String
    public let isError: Bool

    public static func success(_ content: JSON) -> ToolResult {
        ToolResult(structuredContent: content, text: content.serializedString(), isError: false)
    }

    public static func failure(_ message: String) -> ToolResult {
        ToolResult(structuredContent: nil, text: message, isError: true)
    }

    /// The `CallToolResult` for `version`: `structuredContent` only where the revision has it.
    func json(for version: ProtocolVersion) -> JSONObject {
        var object: JSONObject = ["content": [["type": "text", "text": .string(text)]]]
        if version.hasStructuredOutput, let structuredContent { object["structuredContent"] = structuredContent }
        if isError { object["isError"] = true }
        return object
    }
}
