extension TextSanitizer {
    /// Serialized JSON text with every string sanitized, for a message on its way out: in each
    /// string — whether it spells a character as itself or with an escape (`\u202E`, `\b`) — the
    /// characters ``sanitized(_:)`` removes are removed. In a member's name they become U+FFFD
    /// instead, so that a name can never turn into another one (`na\u200Bme` into `name`).
    ///
    /// Nil when there is nothing to remove: the common case, found in one look at the bytes
    /// (eight at a time) when the text is ASCII without escapes, and otherwise string by string,
    /// each string that is ASCII without `\u`, `\b` or `\f` escapes passed over as it is.
    ///
    /// Only this level of the text is read: a string holding JSON text (a tool result's text
    /// block) is sanitized as text, so an escape inside it (`\\u0007`) stays the visible text it
    /// is. Writers spell every character beyond ASCII as itself (``JSONWriter``), so nothing
    /// invisible can hide in such an escape.
    package static func sanitized(jsonText text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard mayHaveEscapesOrBeyondASCII(text) else { return nil }
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var output: [UInt8]?
        var copied = 0
        var index = 0
        while index < text.count {
            guard text[index] == quote else {
                index += 1
                continue
            }
            // A string: find its end, and whether it holds anything worth a closer look.
            let start = index + 1
            var end = start, suspect = false
            while end < text.count, text[end] != quote {
                if text[end] == backslash, end + 1 < text.count {
                    let letter = text[end + 1]
                    if letter == UInt8(ascii: "u") || letter == UInt8(ascii: "b") || letter == UInt8(ascii: "f") { suspect = true }
                    end += 2
                } else {
                    if text[end] >= 0x7F { suspect = true }
                    end += 1
                }
            }
            index = end + 1
            guard suspect, end < text.count else { continue }
            let contents = UnsafeBufferPointer(rebasing: text[start..<end])
            // (Text this package wrote is valid; anything else is passed over rather than misread.)
            guard hasWholeEscapes(contents) else { continue }
            var decoded = JSONIndexedText.unescaped(contents)
            let isName = nextIsColon(text, after: index)
            guard let clean = decoded.withUTF8({ sanitized(utf8: $0, replacement: isName ? replacementCharacter : []) })
            else { continue }
            if output == nil { output = []; output?.reserveCapacity(text.count) }
            output?.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<start]))
            var writer = JSONWriter(capacity: clean.count + 8)
            clean.withUnsafeBufferPointer { writer.writeStringContents(utf8: $0) }
            output?.append(contentsOf: writer.bytes)
            copied = end
        }
        guard var output else { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied...]))
        return output
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

    /// Whether the text has a byte from DEL up or a backslash, looked at eight bytes at a time.
    private static func mayHaveEscapesOrBeyondASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = UnsafeRawPointer(text.baseAddress) {
            while index + 8 <= text.count {
                let word = ByteWord.load(base, at: index)
                if ByteWord.fromDelete(in: word) | ByteWord.bytes(equalTo: UInt8(ascii: "\\"), in: word) != 0 { return true }
                index += 8
            }
        }
        return text[index...].contains { $0 >= 0x7F || $0 == UInt8(ascii: "\\") }
    }
}
