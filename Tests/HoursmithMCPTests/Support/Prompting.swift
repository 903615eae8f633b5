import Foundation
import JSONCore
import Testing

/// Prompts, completions and resources over stdio, as a client asks for them.
extension MCPProcess {
    /// The reply to `prompts/get`.
    func getPrompt(_ name: String, _ arguments: [String: String] = [:], era: Era = .modern) async throws -> JSON {
        let given = JSONObject(arguments.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) })
        return try await request("prompts/get", ["name": .string(name), "arguments": .object(given)], era: era)
    }

    /// The text of a prompt's one message; fails when the prompt answered with an error.
    func promptText(_ name: String, _ arguments: [String: String] = [:]) async throws -> String {
        let reply = try await getPrompt(name, arguments)
        guard let messages = reply["result"]?["messages"]?.arrayValue, messages.count == 1,
              messages[0]["role"] == "user", let text = messages[0]["content"]?["text"]?.stringValue
        else { throw HarnessError("prompts/get \(name) did not answer with one user message: \(reply)") }
        return text
    }

    /// The reply to `completion/complete` of a prompt's argument.
    func complete(prompt: String, _ argument: String, _ value: String, context: [String: String] = [:]) async throws -> JSON {
        try await complete(["type": "ref/prompt", "name": .string(prompt)], argument, value, context: context)
    }

    /// The reply to `completion/complete` of a template's variable.
    func complete(template: String, _ argument: String, _ value: String) async throws -> JSON {
        try await complete(["type": "ref/resource", "uri": .string(template)], argument, value, context: [:])
    }

    private func complete(_ ref: JSON, _ argument: String, _ value: String, context: [String: String]) async throws -> JSON {
        var params: JSONObject = ["ref": ref, "argument": ["name": .string(argument), "value": .string(value)]]
        if !context.isEmpty {
            params["context"] = ["arguments": .object(JSONObject(context.map { ($0.key, JSON.string($0.value)) }))]
        }
        return try await request("completion/complete", params)
    }

    /// The values a completion offered; fails when it answered with an error.
    func completions(prompt: String, _ argument: String, _ value: String, context: [String: String] = [:]) async throws -> [String] {
        let reply = try await complete(prompt: prompt, argument, value, context: context)
        guard let values = reply["result"]?["completion"]?["values"]?.arrayValue else {
            throw HarnessError("completion/complete failed: \(reply)")
        }
        return values.compactMap(\.stringValue)
    }

    /// The reply to `resources/read`.
    func readResource(_ uri: String, era: Era = .modern) async throws -> JSON {
        try await request("resources/read", ["uri": .string(uri)], era: era)
    }

    /// A resource's JSON; fails when the read answered with an error.
    func readJSON(_ uri: String) async throws -> JSON {
        let reply = try await readResource(uri)
        guard let contents = reply["result"]?["contents"]?.arrayValue, contents.count == 1,
              contents[0]["uri"] == .string(uri), contents[0]["mimeType"] == "application/json",
              let text = contents[0]["text"]?.stringValue
        else { throw HarnessError("resources/read \(uri) failed: \(reply)") }
        return try JSON.parse(Array(text.utf8))
    }
}

/// A tool call a prompt's text writes out as `name {json}`.
struct WrittenCall: CustomStringConvertible {
    let tool: String
    let arguments: JSONObject

    var description: String { "\(tool) \(JSON.object(arguments))" }

    /// Whether an argument, or a value within one, is a placeholder for the model to fill in
    /// (`"…"`, `"<name>"`).
    var hasPlaceholders: Bool {
        func placeholder(_ value: JSON) -> Bool {
            switch value {
            case .string(let text): text == "…" || text.hasPrefix("<")
            case .array(let elements): elements.contains(where: placeholder)
            case .object(let members): members.contains { placeholder($0.value) }
            default: false
            }
        }
        return arguments.contains { placeholder($0.value) }
    }

    /// Every `tool {…}` in `text` whose tool is one of `tools`.
    static func all(in text: String, tools: [String]) throws -> [WrittenCall] {
        var calls: [WrittenCall] = []
        let characters = Array(text.utf8)
        for tool in tools {
            var searchFrom = text.startIndex
            while let range = text.range(of: tool + " {", range: searchFrom..<text.endIndex) {
                let open = text.utf8.distance(from: text.startIndex, to: range.upperBound) - 1
                guard let close = closingBrace(characters, from: open) else { throw HarnessError("unbalanced call after \(tool)") }
                let json = try JSON.parse(Array(characters[open...close]))
                calls.append(WrittenCall(tool: tool, arguments: json.objectValue ?? [:]))
                searchFrom = range.upperBound
            }
        }
        return calls
    }

    private static func closingBrace(_ bytes: [UInt8], from open: Int) -> Int? {
        var depth = 0, inString = false, escaped = false
        for index in open..<bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }
}
