#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
public final class JSONDocument: Sendable {
    /// The text, as UTF-8.
    public let bytes: [UInt8]
    let index: JSONIndex

    /// Validates and indexes `bytes`; a text that is not JSON throws as ``JSON/parse(_:depthLimit:)-(UnsafeRawBufferPointer,_)`` does.
    public init(bytes: [UInt8], depthLimit: Int = JSON.defaultDepthLimit) throws(JSONParseError) {
        let index = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONIndex in
            try JSONIndexer.index(buffer, depthLimit: depthLimit)
        }
        self.bytes = bytes
        self.index = index
    }

    /// The document's value.
    public var root: Value { Value(document: self, node: 0) }

    /// Runs `body` with a tree builder over the document's text.
    fileprivate func withBuilder<T>(_ body: (JSONTreeBuilder) -> T) -> T {
        bytes.withUnsafeBufferPointer { body(JSONTreeBuilder(bytes: $0, nodes: index.nodes)) }
    }

    fileprivate func firstByte(of node: Int) -> UInt8 { bytes[Int(index.nodes[node].start)] }

    /// Whether the key at `node` is `key` (its UTF-8).
    fileprivate func key(at node: Int, is key: UnsafeBufferPointer<UInt8>) -> Bool {
        let found = index.nodes[node]
        guard found.link == 0 else {
            return withBuilder { $0.string(at: node) } == String(decoding: key, as: UTF8.self)
        }
        let start = Int(found.start) + 1
        guard Int(found.end) - 1 - start == key.count else { return false }
        return bytes.withUnsafeBytes { text in
            guard let textBase = text.baseAddress, let keyBase = key.baseAddress else { return key.isEmpty }
            return memcmp(textBase + start, keyBase, key.count) == 0
        }
    }

    /// A value in a document (which it keeps alive).
    public struct Value: Sendable {
        public let document: JSONDocument
        let node: Int

        /// What kind of value this is.
        public enum Kind: Sendable, Equatable {
            case null, bool, number, string, array, object
        }

        public var kind: Kind {
            switch document.firstByte(of: node) {
            case UInt8(ascii: "{"): .object
            case UInt8(ascii: "["): .array
            case UInt8(ascii: "\""): .string
            case UInt8(ascii: "t"), UInt8(ascii: "f"): .bool
            case UInt8(ascii: "n"): .null
            default: .number
            }
        }

        /// The length of the value's text in bytes, as it stands in the document.
        public var byteCount: Int {
            let found = document.index.nodes[node]
            return Int(found.end - found.start)
        }

        /// The value as a tree.
        public var json: JSON { document.withBuilder { $0.value(at: node) } }

        /// The member named `key` (the last, if the key is repeated), when this is an object that has one.
        public subscript(key: String) -> Value? {
            var key = key
            return key.withUTF8 { wanted in
                var found: Value?
                forEachMember { keyNode, value in
                    if document.key(at: keyNode, is: wanted) { found = value }
                }
                return found
            }
        }

        /// The elements, when this is an array; nil otherwise.
        public var elements: [Value]? {
            guard kind == .array else { return nil }
            return document.withBuilder { builder in
                var elements: [Value] = []
                elements.reserveCapacity(builder.elementCount(of: node))
                var child = node + 1
                while child < end {
                    elements.append(Value(document: document, node: child))
                    child = builder.next(after: child)
                }
                return elements
            }
        }

        /// The index of the node after this value's own.
        fileprivate var end: Int { Int(document.index.nodes[node].link) }

        /// Calls `body` with each member's key node and value, when this is an object.
        fileprivate func forEachMember(_ body: (_ keyNode: Int, _ value: Value) -> Void) {
            guard kind == .object else { return }
            document.withBuilder { builder in
                var child = node + 1
                while child < end {
                    body(child, Value(document: document, node: child + 1))
                    child = builder.next(after: child + 1)
                }
            }
        }
    }
}

extension JSONWriter {
    /// Writes a document's value as the text it already is (without white space between tokens).
    public mutating func write(_ value: JSONDocument.Value) {
        let node = value.document.index.nodes[value.node]
        appendText(of: value.document, from: Int(node.start), to: Int(node.end))
    }

    /// Writes an object of a document without the members named in `omitted`, the others as
    /// their text; any other value is written as ``write(_:)`` writes it.
    public mutating func write(_ value: JSONDocument.Value, omitting omitted: [String]) {
        write(value, omitting: omitted.map { Array($0.utf8) })
    }

    /// Writes `values` as an array, each as ``write(_:omitting:)`` writes it.
    public mutating func writeArray(_ values: [JSONDocument.Value], omitting omitted: [String]) {
        let omitted = omitted.map { Array($0.utf8) }
        bytes.append(UInt8(ascii: "["))
        for (position, value) in values.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            write(value, omitting: omitted)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes the object's members but the omitted ones, copying each run of kept members at once.
    private mutating func write(_ value: JSONDocument.Value, omitting omitted: [[UInt8]]) {
        guard value.kind == .object, !omitted.isEmpty else { return write(value) }
        let document = value.document
        let nodes = document.index.nodes
        bytes.append(UInt8(ascii: "{"))
        var run: (start: Int, end: Int)?
        var wroteAny = false
        func flush() {
            guard let kept = run else { return }
            if wroteAny { bytes.append(UInt8(ascii: ",")) }
            appendText(of: document, from: kept.start, to: kept.end)
            wroteAny = true
            run = nil
        }
        value.forEachMember { keyNode, member in
            let isOmitted = omitted.contains { name in name.withUnsafeBufferPointer { document.key(at: keyNode, is: $0) } }
            if isOmitted { return flush() }
            let memberEnd = Int(nodes[member.node].end)
            if run != nil {
                run?.end = memberEnd
            } else {
                run = (Int(nodes[keyNode].start), memberEnd)
            }
        }
        flush()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Appends validated text, leaving out the white space between its tokens when it has any.
    private mutating func appendText(of document: JSONDocument, from start: Int, to end: Int) {
        document.bytes.withUnsafeBufferPointer { text in
            let slice = UnsafeBufferPointer(rebasing: text[start..<end])
            guard !document.index.isCompact else { return bytes.append(contentsOf: slice) }
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
}
