import JSONCore

/// One server entry put into an MCP client's JSON config (`mcpServers.<name>`), as an edit of the
/// file's text: the entry's bytes are spliced in and every other byte stays as it was — other
/// servers, settings, key order, white space, line endings, a byte-order mark.
///
/// The new text follows the file's own layout: the indentation of the members around it, its
/// line endings, one line when the object it goes into is on one line. A file that is not JSON,
/// or whose top level or `mcpServers` is not an object, is refused: nothing is guessed.
struct ClientConfigEdit: Equatable {
    enum Change: Equatable {
        /// The server was not in the file (nor, perhaps, the file itself, or `mcpServers`).
        case added
        /// An entry of that name was there, different; it was replaced as a whole.
        case replaced
        /// An entry of that name was there with the same value: the text is the original.
        case unchanged
    }

    /// The file's new text.
    let bytes: [UInt8]
    let change: Change

    /// `original` (empty when there is no file yet) with `entry` as `mcpServers.<name>`.
    static func merging(server name: String, entry: JSON, into original: [UInt8]) throws(ClientConfigProblem) -> ClientConfigEdit {
        let bomLength = original.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let text = Array(original[bomLength...])
        let layout = Layout(text)
        guard let root = try servers(in: text) else {
            // No file, or nothing in it yet.
            let servers = JSON.object([name: entry])
            let root = "{" + layout.newline + layout.unit + Layout.member("mcpServers", servers, indent: layout.unit, layout: layout)
                + layout.newline + "}" + layout.newline
            return ClientConfigEdit(bytes: Array(original[..<bomLength]) + Array(root.utf8), change: .added)
        }
        var edited = text
        let change: Change
        if let servers = root["mcpServers"] {
            if let existing = servers[name] {
                if existing.json == entry { return ClientConfigEdit(bytes: original, change: .unchanged) }
                let indent = layout.indentOfLine(containing: existing.byteRange.lowerBound)
                let multiline = layout.spansLines(servers.byteRange)
                let value = multiline ? Layout.value(entry, indent: indent, layout: layout) : Layout.oneLine(entry)
                edited.replaceSubrange(existing.byteRange, with: Array(value.utf8))
                change = .replaced
            } else {
                edited = layout.inserting(member: name, entry, into: servers.byteRange)
                change = .added
            }
        } else {
            edited = layout.inserting(member: "mcpServers", .object([name: entry]), into: root.byteRange)
            change = .added
        }
        return ClientConfigEdit(bytes: Array(original[..<bomLength]) + edited, change: change)
    }

    /// Throws the problem that would stop ``merging(server:entry:into:)`` with `original`, if any.
    static func check(_ original: [UInt8]) throws(ClientConfigProblem) {
        let bomLength = original.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        _ = try servers(in: Array(original[bomLength...]))
    }

    /// The top-level object of `text`, checked to be one with an object (or nothing) as its
    /// `mcpServers`; nil when the text is empty or white space.
    private static func servers(in text: [UInt8]) throws(ClientConfigProblem) -> JSONDocument.Value? {
        guard text.contains(where: { !Layout.isSpace($0) }) else { return nil }
        let root: JSONDocument.Value
        do {
            root = try JSONDocument(bytes: text).root
        } catch {
            throw .notJSON(TextPosition(offset: error.offset, in: text), reason: error.description)
        }
        guard root.kind == .object else { throw .notAnObject(found: root.json.typeName) }
        if let servers = root["mcpServers"], servers.kind != .object { throw .serversNotAnObject(found: servers.json.typeName) }
        return root
    }
}

extension ClientConfigEdit {
    /// `"name": value` laid out as a new file would have it, indented one level, for showing.
    static func memberText(_ name: String, _ value: JSON) -> String {
        let layout = Layout([])
        return layout.unit + Layout.member(name, value, indent: layout.unit, layout: layout)
    }
}

/// Why a config file was left alone.
enum ClientConfigProblem: Error, Equatable {
    case notJSON(TextPosition, reason: String)
    case notAnObject(found: String)
    case serversNotAnObject(found: String)

    /// A sentence for a person, about the file at `path`.
    func message(path: String) -> String {
        switch self {
        case .notJSON(let position, let reason):
            "\(path) is not valid JSON (line \(position.line), column \(position.column): \(reason)). "
                + "Fix it there (a missing comma or quote is the usual cause; JSON allows no comments or trailing commas), "
                + "or pass --config with another file."
        case .notAnObject(let found):
            "\(path) holds \(Self.withArticle(found)) at the top level, where an MCP client's config is an object ({ … })."
        case .serversNotAnObject(let found):
            "\"mcpServers\" in \(path) is \(Self.withArticle(found)), where it should be an object of servers."
        }
    }

    /// "an array", "a string", "null".
    private static func withArticle(_ typeName: String) -> String {
        guard typeName != "null" else { return typeName }
        return (typeName.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + typeName
    }
}

/// A line and column (both from 1) in a text, for messages.
struct TextPosition: Equatable {
    let line: Int
    let column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(offset: Int, in text: [UInt8]) {
        let before = text[..<min(offset, text.count)]
        let lastNewline = before.lastIndex(of: UInt8(ascii: "\n"))
        line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
        column = before.count - (lastNewline.map { $0 + 1 } ?? 0) + 1
    }
}

/// How a file lays out its JSON, read from the file itself.
private struct Layout {
    let text: [UInt8]
    /// `\r\n` when the file uses it, else `\n`.
    let newline: String
    /// One level of indentation: the first indented line's, else two spaces.
    let unit: String

    init(_ text: [UInt8]) {
        self.text = text
        newline = text.firstIndex(of: UInt8(ascii: "\n")).map { $0 > 0 && text[$0 - 1] == UInt8(ascii: "\r") } == true ? "\r\n" : "\n"
        var unit = "  "
        var index = 0
        while let newline = text[index...].firstIndex(of: UInt8(ascii: "\n")) {
            let start = newline + 1
            var end = start
            while end < text.count, text[end] == UInt8(ascii: " ") || text[end] == UInt8(ascii: "\t") { end += 1 }
            if end > start, end < text.count, !Layout.isSpace(text[end]) {
                unit = String(decoding: text[start..<end], as: UTF8.self)
                break
            }
            index = start
        }
        self.unit = unit
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The spaces and tabs that start the line holding `offset`.
    func indentOfLine(containing offset: Int) -> String {
        var start = offset
        while start > 0, text[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var end = start
        while end < offset, text[end] == UInt8(ascii: " ") || text[end] == UInt8(ascii: "\t") { end += 1 }
        return String(decoding: text[start..<end], as: UTF8.self)
    }

    func spansLines(_ range: Range<Int>) -> Bool {
        text[range].contains(UInt8(ascii: "\n"))
    }

    /// `text` with `"name": value` added as the last member of the object at `range`.
    func inserting(member name: String, _ value: JSON, into range: Range<Int>) -> [UInt8] {
        let open = range.lowerBound, close = range.upperBound - 1
        let objectIndent = indentOfLine(containing: open)
        guard let first = text[(open + 1)..<close].firstIndex(where: { !Layout.isSpace($0) }) else {
            // An empty object: its inside becomes the one member, laid out as the file lays out others.
            let indent = objectIndent + unit
            let inside = newline + indent + Layout.member(name, value, indent: indent, layout: self) + newline + objectIndent
            return Array(text[...open]) + Array(inside.utf8) + Array(text[close...])
        }
        // After the last member's value, which ends at the last non-space byte before the `}`.
        var end = close
        while Layout.isSpace(text[end - 1]) { end -= 1 }
        let addition: String
        if text[(open + 1)..<first].contains(UInt8(ascii: "\n")) {
            let indent = indentOfLine(containing: first)
            addition = "," + newline + indent + Layout.member(name, value, indent: indent, layout: self)
        } else {
            addition = ", " + Layout.quoted(name) + ": " + Layout.oneLine(value)
        }
        return Array(text[..<end]) + Array(addition.utf8) + Array(text[end...])
    }

    /// `"name": value`, the value laid out from `indent`.
    static func member(_ name: String, _ value: JSON, indent: String, layout: Layout) -> String {
        quoted(name) + ": " + self.value(value, indent: indent, layout: layout)
    }

    /// A value over several lines, its members one level deeper than `indent`; arrays of
    /// scalars (a server's `args`) stay on one line.
    static func value(_ value: JSON, indent: String, layout: Layout) -> String {
        switch value {
        case .object(let object) where !object.isEmpty:
            let inner = indent + layout.unit
            let members = object.map { inner + member($0.key, $0.value, indent: inner, layout: layout) }
            return "{" + layout.newline + members.joined(separator: "," + layout.newline) + layout.newline + indent + "}"
        case .array(let elements) where elements.contains(where: { $0.objectValue != nil || $0.arrayValue != nil }):
            let inner = indent + layout.unit
            let lines = elements.map { inner + self.value($0, indent: inner, layout: layout) }
            return "[" + layout.newline + lines.joined(separator: "," + layout.newline) + layout.newline + indent + "]"
        default:
            return oneLine(value)
        }
    }

    /// A value on one line, with a space after each `:` and `,`.
    static func oneLine(_ value: JSON) -> String {
        switch value {
        case .object(let object):
            "{" + object.map { quoted($0.key) + ": " + oneLine($0.value) }.joined(separator: ", ") + "}"
        case .array(let elements):
            "[" + elements.map(oneLine).joined(separator: ", ") + "]"
        default:
            value.serializedString()
        }
    }

    static func quoted(_ text: String) -> String {
        JSON.string(text).serializedString()
    }
}
