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
///
/// A success keeps only its content's serialized text — made once, and written into the reply
/// both as the value and as the text block — so a large result's JSON tree is freed as soon as
/// it has been serialized.
public struct ToolResult: Sendable, Equatable {
    public let isError: Bool
    /// The text block, as UTF-8: for a success, the structured content serialized.
    let textUTF8: [UInt8]
    private let isStructured: Bool

    public var text: String { String(decoding: textUTF8, as: UTF8.self) }

    /// The structured content of a success (read back from its text), or nil for an error.
    public var structuredContent: JSON? {
        isStructured ? try? JSON.parse(textUTF8) : nil
    }

    public static func success(_ content: JSON) -> ToolResult {
        ToolResult(isError: false, textUTF8: content.serialized(), isStructured: true)
    }

    /// A success whose structured content is already written: `object` must be the UTF-8 text of
    /// one JSON object, as ``JSONWriter`` writes it (a long list copied from validated pages, say).
    public static func success(serializedObject object: [UInt8]) -> ToolResult {
        ToolResult(isError: false, textUTF8: object, isStructured: true)
    }

    public static func failure(_ message: String) -> ToolResult {
        ToolResult(isError: true, textUTF8: Array(message.utf8), isStructured: false)
    }

    /// Writes the `CallToolResult` members for `version` (without braces): `structuredContent`
    /// only where the revision has it.
    func writeMembers(for version: ProtocolVersion, textLength: Int, into writer: inout JSONWriter) {
        writer.raw(#""content":[{"type":"text","text":"#)
        textUTF8.withUnsafeBufferPointer { writer.writeString(utf8: $0, escapedLength: textLength) }
        writer.raw("}]")
        if version.hasStructuredOutput, isStructured {
            writer.raw(#","structuredContent":"#)
            writer.raw(textUTF8)
        }
        if isError { writer.raw(#","isError":true"#) }
    }
}
