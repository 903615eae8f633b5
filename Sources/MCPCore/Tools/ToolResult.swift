import JSONCore

/// Validated tool arguments, with typed accessors. A handler runs only after its arguments
/// matched the tool's input schema, so the accessors only return nil for absent (or null) ones.
package struct ToolArguments: Sendable {
    package let object: JSONObject

    package init(_ object: JSONObject) {
        self.object = object
    }

    package subscript(name: String) -> JSON? { object[name] }

    /// Whether the argument was given, even as null.
    package func contains(_ name: String) -> Bool { object[name] != nil }
    /// Whether the argument was given as an explicit null (e.g. "clear this field").
    package func isNull(_ name: String) -> Bool { object[name]?.isNull == true }

    package func string(_ name: String) -> String? { object[name]?.stringValue }
    package func int(_ name: String) -> Int? { object[name]?.intValue }
    package func bool(_ name: String) -> Bool? { object[name]?.boolValue }
    package func number(_ name: String) -> JSONNumber? { object[name]?.numberValue }
    package func array(_ name: String) -> [JSON]? { object[name]?.arrayValue }
    package func ints(_ name: String) -> [Int]? { array(name)?.compactMap(\.intValue) }
}

/// The outcome of a tool call: structured content (with the same JSON as text), or an error
/// message (`isError: true`, no structured content).
///
/// A success keeps only its content's serialized text — made once, and written into the reply
/// both as the value and as the text block — so a large result's JSON tree is freed as soon as
/// it has been serialized.
package struct ToolResult: Sendable, Equatable {
    package let isError: Bool
    /// The text block, as UTF-8: for a success, the structured content serialized.
    let textUTF8: [UInt8]
    private let isStructured: Bool

    package var text: String { String(decoding: textUTF8, as: UTF8.self) }

    /// A success: its text block and its structured content are the same JSON text
    /// (``JSON/embeddableText()``).
    package static func success(_ content: JSON) -> ToolResult {
        ToolResult(isError: false, textUTF8: content.embeddableText(), isStructured: true)
    }

    /// A tool error.
    package static func failure(_ message: String) -> ToolResult {
        ToolResult(isError: true, textUTF8: Array(message.utf8), isStructured: false)
    }

    package static func == (lhs: ToolResult, rhs: ToolResult) -> Bool {
        lhs.isError == rhs.isError && lhs.isStructured == rhs.isStructured && lhs.textUTF8 == rhs.textUTF8
    }

    /// The `CallToolResult` members for `version` (without braces), in pieces: the text block,
    /// then `structuredContent` where the revision has it. (The exit reads the message whole:
    /// ``OutputFilter/message(_:)``.)
    func members(for version: ProtocolVersion) -> [[UInt8]] {
        let escaped = textUTF8.withUnsafeBufferPointer { text in
            var writer = JSONWriter(capacity: JSONWriter.escapedLength(of: text))
            writer.writeStringContents(utf8: text)
            return writer.bytes
        }
        var pieces: [[UInt8]] = [Array(#""content":[{"type":"text","text":""#.utf8), escaped]
        if version.hasStructuredOutput, isStructured {
            pieces += [Array(#""}],"structuredContent":"#.utf8), textUTF8]
        } else {
            pieces.append(Array(#""}]"#.utf8))
        }
        if isError { pieces.append(Array(#","isError":true"#.utf8)) }
        return pieces
    }
}
