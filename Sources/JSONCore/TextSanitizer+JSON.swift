extension TextSanitizer {
    /// Serialized JSON text with every string sanitized, for a message on its way out: in each
    /// string — whether it spells a character as itself or with an escape (`\u202E`, `\b`) — the
    /// characters ``sanitized(_:)`` removes are removed. In a member's name they become U+FFFD
    /// instead, so that a name never loses them unseen (`na\u200Bme` is not `name`).
    ///
    /// Nil when there is nothing to remove. Only what could spell something to remove is looked
    /// at: a byte from DEL up, or a `\u`, `\b` or `\f` escape. Text without any is passed over in
    /// one look at its bytes; a string that has only bytes from DEL up is sanitized as it is
    /// spelled (its escapes are ASCII and stay); only a string with such an escape is decoded.
    ///
    /// Only this level of the text is read: a string that holds JSON text (a tool result's text
    /// block) is read as text, so an escape inside it (`\\u0007`) is visible text here. Such text
    /// is made with the same sanitizing where it is made (`JSON.embeddableText()` in MCPCore).
    package static func sanitized(jsonText text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard mayNeedSanitizing(text, from: 0, to: text.count, untilFirst: true).any else { return nil }
        let quote = UInt8(ascii: "\"")
        var output: [UInt8]?
        var copied = 0
        var index = 0
        while index < text.count {
            guard text[index] == quote else {
                index += 1
                continue
            }
            // A string: find its end.
            let start = index + 1
            let end = stringEnd(text, from: start)
            index = end + 1
            guard end < text.count else { break }
            let look = mayNeedSanitizing(text, from: start, to: end)
            guard look.any else { continue }
            let contents = UnsafeBufferPointer(rebasing: text[start..<end])
            let replacement = nextIsColon(text, after: index) ? replacementCharacter : []
            let clean: [UInt8]
            if look.escapes {
                // (Text this package wrote is valid; anything else is passed over rather than misread.)
                guard hasWholeEscapes(contents) else { continue }
                var decoded = JSONIndexedText.unescaped(contents)
                guard let sanitized = decoded.withUTF8({ sanitized(utf8: $0, replacement: replacement) }) else { continue }
                var writer = JSONWriter(capacity: sanitized.count + 8)
                sanitized.withUnsafeBufferPointer { writer.writeStringContents(utf8: $0) }
                clean = writer.bytes
            } else {
                // Only characters beyond ASCII to look at: what is removed is one of them, never
                // part of an escape, so the contents stay escaped as they were.
                guard let sanitized = sanitized(utf8: contents, replacement: replacement) else { continue }
                clean = sanitized
            }
            if output == nil { output = []; output?.reserveCapacity(text.count) }
            output?.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<start]))
            output?.append(contentsOf: clean)
            copied = end
        }
        guard var output else { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied...]))
        return output
    }

    /// Where the string whose contents start at `start` ends (its closing quote), or the text's
    /// end: eight bytes at a time between quotes and backslashes.
    private static func stringEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = UnsafeRawPointer(text.baseAddress) else { return text.count }
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var index = start
        while index < text.count {
            if index + 8 <= text.count {
                let word = ByteWord.load(base, at: index)
                let found = ByteWord.bytes(equalTo: quote, in: word) | ByteWord.bytes(equalTo: backslash, in: word)
                guard found != 0 else {
                    index += 8
                    continue
                }
                index += ByteWord.first(found)
            }
            if text[index] == quote { return index }
            index += text[index] == backslash ? 2 : 1
        }
        return text.count
    }

    /// Whether `text[from..<to]` has a byte from DEL up (`any`), or a `\u`, `\b` or `\f` escape
    /// (`any` and `escapes`; an escaped backslash is not one): what could spell a character to
    /// remove. Eight bytes at a time between backslashes and bytes from DEL up. With `untilFirst`,
    /// it stops at the first of either (and `escapes` may then be false where there is one).
    private static func mayNeedSanitizing(
        _ text: UnsafeBufferPointer<UInt8>, from: Int, to end: Int, untilFirst: Bool = false
    ) -> (any: Bool, escapes: Bool) {
        guard let base = UnsafeRawPointer(text.baseAddress) else { return (false, false) }
        let backslash = UInt8(ascii: "\\")
        var beyondASCII = false
        var index = from
        while index < end {
            if index + 8 <= end {
                let word = ByteWord.load(base, at: index)
                let found = ByteWord.fromDelete(in: word) | ByteWord.bytes(equalTo: backslash, in: word)
                guard found != 0 else {
                    index += 8
                    continue
                }
                index += ByteWord.first(found)
            }
            let byte = text[index]
            if byte == backslash {
                guard index + 1 < end else { return (true, true) }
                let letter = text[index + 1]
                if letter == UInt8(ascii: "u") || letter == UInt8(ascii: "b") || letter == UInt8(ascii: "f") { return (true, true) }
                index += 2
                continue
            }
            if byte >= 0x7F {
                if untilFirst { return (true, false) }
                beyondASCII = true
            }
            index += 1
        }
        return (beyondASCII, false)
    }

    /// Whether every `\u` escape of string contents has its four hex digits, and every escaped
    /// high surrogate an escaped low surrogate after it: what ``JSONIndexedText/unescaped(_:)`` reads.
    private static func hasWholeEscapes(_ contents: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < contents.count {
            guard contents[index] == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            guard index + 1 < contents.count else { return false }
            guard contents[index + 1] == UInt8(ascii: "u") else {
                index += 2
                continue
            }
            guard index + 6 <= contents.count, let unit = JSONIndexer.hex4(contents, at: index + 2) else { return false }
            index += 6
            if (0xD800...0xDBFF).contains(unit) {
                guard index + 6 <= contents.count, contents[index] == UInt8(ascii: "\\"), contents[index + 1] == UInt8(ascii: "u"),
                      let low = JSONIndexer.hex4(contents, at: index + 2), (0xDC00...0xDFFF).contains(low)
                else { return false }
            }
        }
        return true
    }

    /// U+FFFD, what an invisible character in a member's name becomes.
    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Whether the first byte after `index` that is not white space is a colon.
    private static func nextIsColon(_ text: UnsafeBufferPointer<UInt8>, after index: Int) -> Bool {
        var index = index
        while index < text.count, text[index] == 0x20 || text[index] == 0x09 || text[index] == 0x0A || text[index] == 0x0D {
            index += 1
        }
        return index < text.count && text[index] == UInt8(ascii: ":")
    }
}
