/// A JSON text, validated and indexed, whose values are made only when asked for.
///
/// Reading a ``JSON`` tree allocates every string, array and object of the text. A document
/// instead validates the text once (as strictly as ``JSON/parse(_:depthLimit:)-(UnsafeRawBufferPointer,_)``)
/// and records where each value lies; a value can then be read as a tree (``Value/json``), looked
/// into (``Value/subscript(_:)``, ``Value/elements``), or written out as the text it already is
/// (``JSONWriter/write(_:omitting:)``). That is the way to pass large JSON through: a page of two
/// thousand items is checked and copied, not rebuilt.
///
/// ```swift
/// let page = try JSONDocument(bytes: body)
/// let total = page.root["total_entries"]?.json.intValue
/// for item in page.root["time_entries"]?.elements ?? [] { writer.write(item, omitting: ["created_at"]) }
/// ```
package final class JSONDocument: Sendable {
    /// The text, as UTF-8.
    package let bytes: [UInt8]
    let index: JSONIndex

    /// Validates and indexes `bytes`; a text that is not JSON throws as ``JSON/parse(_:depthLimit:)-(UnsafeRawBufferPointer,_)`` does.
    ///
    /// - Parameter finiteNumbers: whether a number too large for a `Double` (`1e400`) is an
    ///   error (``JSONParseError/Reason/numberOutOfRange``), for data whose numbers will be used.
    package init(bytes: [UInt8], depthLimit: Int = JSON.defaultDepthLimit, finiteNumbers: Bool = false) throws(JSONParseError) {
        let index = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONIndex in
            try JSONIndexer.index(buffer, depthLimit: depthLimit, finiteNumbers: finiteNumbers)
        }
        self.bytes = bytes
        self.index = index
    }

    /// The document's value.
    package var root: Value { Value(document: self, node: 0) }

    /// Runs `body` with the text and its index, borrowed.
    fileprivate func withText<T>(_ body: (JSONIndexedText) -> T) -> T {
        bytes.withUnsafeBufferPointer { bytes in
            index.nodes.withUnsafeBufferPointer { nodes in
                body(JSONIndexedText(bytes: bytes, nodes: nodes, hasDuplicateKeys: index.hasDuplicateKeys))
            }
        }
    }

    /// A value in a document (which it keeps alive).
    package struct Value: Sendable {
        package let document: JSONDocument
        let node: Int

        /// What kind of value this is.
        package enum Kind: Sendable, Equatable {
            case null, bool, number, string, array, object
        }

        package var kind: Kind {
            switch document.bytes[Int(document.index.nodes[node].start)] {
            case UInt8(ascii: "{"): .object
            case UInt8(ascii: "["): .array
            case UInt8(ascii: "\""): .string
            case UInt8(ascii: "t"), UInt8(ascii: "f"): .bool
            case UInt8(ascii: "n"): .null
            default: .number
            }
        }

        /// The length of the value's text in bytes, as it stands in the document.
        package var byteCount: Int {
            let found = document.index.nodes[node]
            return Int(found.end - found.start)
        }

        /// Where the value's text lies in the document's ``JSONDocument/bytes``: for an edit that
        /// leaves every other byte as it was.
        package var byteRange: Range<Int> {
            let found = document.index.nodes[node]
            return Int(found.start)..<Int(found.end)
        }

        /// The value as a tree.
        package var json: JSON { document.withText { $0.value(at: node) } }

        /// The member named `key` (the last, if the key is repeated), when this is an object that has one.
        package subscript(key: String) -> Value? {
            guard kind == .object else { return nil }
            var key = key
            let found = key.withUTF8 { wanted in
                document.withText { text -> Int? in
                    var found: Int?
                    var keyNode = node + 1
                    while keyNode < Int(text.nodes[node].link) {
                        if text.key(at: keyNode, is: wanted) { found = keyNode + 1 }
                        keyNode = text.next(after: keyNode + 1)
                    }
                    return found
                }
            }
            return found.map { Value(document: document, node: $0) }
        }

        /// The elements, when this is an array; nil otherwise.
        package var elements: [Value]? {
            guard kind == .array else { return nil }
            let nodes = document.withText { text in
                var nodes: [Int] = []
                var child = node + 1
                while child < Int(text.nodes[node].link) {
                    nodes.append(child)
                    child = text.next(after: child)
                }
                return nodes
            }
            return nodes.map { Value(document: document, node: $0) }
        }
    }
}

/// Member names to look for in many objects, kept as UTF-8 so that each lookup compares bytes.
package struct JSONMemberNames: Sendable, ExpressibleByArrayLiteral {
    /// The names' UTF-8, one after another, and where each is in it.
    let utf8: [UInt8]
    let ranges: [Range<Int>]

    init(_ names: [String]) {
        var utf8: [UInt8] = [], ranges: [Range<Int>] = []
        for name in names {
            ranges.append(utf8.count..<utf8.count + name.utf8.count)
            utf8 += name.utf8
        }
        self.utf8 = utf8
        self.ranges = ranges
    }

    package init(arrayLiteral names: String...) {
        self.init(names)
    }
}

extension JSONWriter {
    /// Writes a document's value as the text it already is (without white space between tokens).
    /// A value is written from its tree when its objects repeat a key (so that the last value wins).
    package mutating func write(_ value: JSONDocument.Value) {
        guard !value.document.index.hasDuplicateKeys else { return write(value.json) }
        let isCompact = value.document.index.isCompact
        value.document.withText { text in
            let node = text.nodes[value.node]
            appendText(UnsafeBufferPointer(rebasing: text.bytes[Int(node.start)..<Int(node.end)]), isCompact: isCompact)
        }
    }

    /// Writes an object of a document without the members named in `omitted`, the others as
    /// their text; any other value is written as ``write(_:)`` writes it.
    package mutating func write(_ value: JSONDocument.Value, omitting omitted: JSONMemberNames) {
        guard value.kind == .object, !omitted.ranges.isEmpty else { return write(value) }
        guard !value.document.index.hasDuplicateKeys else {
            let names = omitted.ranges.map { String(decoding: omitted.utf8[$0], as: UTF8.self) }
            return write(.object(value.json.objectValue?.removing(names) ?? [:]))
        }
        omitted.utf8.withUnsafeBufferPointer { names in
            omitted.ranges.withUnsafeBufferPointer { ranges in
                write(members: value, omitting: names, at: ranges)
            }
        }
    }

    /// Writes the object's members but the omitted ones (`names[ranges[i]]`), copying each run
    /// of kept members at once.
    private mutating func write(
        members value: JSONDocument.Value, omitting names: UnsafeBufferPointer<UInt8>, at ranges: UnsafeBufferPointer<Range<Int>>
    ) {
        let isCompact = value.document.index.isCompact
        value.document.withText { text in
            func isOmitted(_ keyNode: Int) -> Bool {
                for range in ranges where text.key(at: keyNode, is: UnsafeBufferPointer(rebasing: names[range])) {
                    return true
                }
                return false
            }
            bytes.append(UInt8(ascii: "{"))
            let end = Int(text.nodes[value.node].link)
            var keyNode = value.node + 1
            var wroteAny = false
            while keyNode < end {
                guard !isOmitted(keyNode) else {
                    keyNode = text.next(after: keyNode + 1)
                    continue
                }
                // A run of kept members, from this one to the next omitted one.
                let start = Int(text.nodes[keyNode].start)
                var runEnd = Int(text.nodes[keyNode + 1].end)
                keyNode = text.next(after: keyNode + 1)
                while keyNode < end, !isOmitted(keyNode) {
                    runEnd = Int(text.nodes[keyNode + 1].end)
                    keyNode = text.next(after: keyNode + 1)
                }
                if wroteAny { bytes.append(UInt8(ascii: ",")) }
                appendText(UnsafeBufferPointer(rebasing: text.bytes[start..<runEnd]), isCompact: isCompact)
                wroteAny = true
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Appends validated text, leaving out the white space between its tokens unless it has none.
    private mutating func appendText(_ slice: UnsafeBufferPointer<UInt8>, isCompact: Bool) {
        guard !isCompact else { return bytes.append(contentsOf: slice) }
        var inString = false, escaped = false
        for byte in slice {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                continue
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            }
            bytes.append(byte)
        }
    }
}
