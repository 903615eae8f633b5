#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a text is not JSON, with the byte offset where reading stopped.
package struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Reason: Sendable, Equatable {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case invalidUTF8
        case invalidEscape
        case invalidNumber
        case controlCharacterInString
        case tooDeep(limit: Int)
        case trailingContent
        case tooLong(limit: Int)
        /// A number beyond `Double`'s range, where finite numbers were asked for.
        case numberOutOfRange
    }

    package let reason: Reason
    package let offset: Int

    package var description: String {
        switch reason {
        case .unexpectedEnd: "unexpected end of input"
        case .unexpectedByte(let byte):
            if byte >= 0x20 && byte < 0x7F {
                "unexpected character '\(Character(Unicode.Scalar(byte)))' at offset \(offset)"
            } else {
                "unexpected byte 0x\(String(byte, radix: 16)) at offset \(offset)"
            }
        case .invalidUTF8: "invalid UTF-8 at offset \(offset)"
        case .invalidEscape: "invalid escape sequence at offset \(offset)"
        case .invalidNumber: "invalid number at offset \(offset)"
        case .controlCharacterInString: "unescaped control character in a string at offset \(offset)"
        case .tooDeep(let limit): "nested more than \(limit) levels deep at offset \(offset)"
        case .trailingContent: "unexpected content after the value at offset \(offset)"
        case .tooLong(let limit): "the text is longer than the \(limit) bytes a JSON index can describe"
        case .numberOutOfRange: "a number too large for a double at offset \(offset)"
        }
    }
}

extension JSON {
    /// The most arrays and objects a value may nest; deeper input is refused, not a stack overflow.
    package static let defaultDepthLimit = 512

    /// Reads one JSON value (RFC 8259) from UTF-8 bytes, with optional white space around it.
    ///
    /// Invalid UTF-8 anywhere, or nesting deeper than `depthLimit`, is an error. Reading is linear
    /// in the input: the text is validated and indexed first (``JSONDocument`` keeps that index
    /// without making values), then the values are made from the index, each at its exact size.
    package static func parse(_ bytes: UnsafeRawBufferPointer, depthLimit: Int = defaultDepthLimit) throws(JSONParseError) -> JSON {
        let buffer = bytes.bindMemory(to: UInt8.self)
        let index = try JSONIndexer.index(buffer, depthLimit: depthLimit)
        return index.nodes.withUnsafeBufferPointer {
            JSONIndexedText(bytes: buffer, nodes: $0, hasDuplicateKeys: index.hasDuplicateKeys).value(at: 0)
        }
    }

    /// Reads one JSON value from UTF-8 bytes.
    package static func parse(_ bytes: some Collection<UInt8>, depthLimit: Int = defaultDepthLimit) throws(JSONParseError) -> JSON {
        let result: Result<JSON, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) -> JSON in try parse(UnsafeRawBufferPointer(buffer), depthLimit: depthLimit) }
        }
        if let result { return try result.get() }
        return try parse(Array(bytes), depthLimit: depthLimit)
    }

    /// Reads one JSON value from a string.
    package static func parse(_ text: String, depthLimit: Int = defaultDepthLimit) throws(JSONParseError) -> JSON {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSON in try parse(UnsafeRawBufferPointer(buffer), depthLimit: depthLimit) }
        }
        return try result.get()
    }
}

/// A validated text and its index, borrowed for the length of one operation: makes ``JSON``
/// values from them, and finds things in them, without retaining anything per step.
struct JSONIndexedText {
    let bytes: UnsafeBufferPointer<UInt8>
    let nodes: UnsafeBufferPointer<JSONNode>
    /// Whether an object repeats a key (``JSONIndex/hasDuplicateKeys``).
    let hasDuplicateKeys: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, nodes: UnsafeBufferPointer<JSONNode>, hasDuplicateKeys: Bool = false) {
        self.bytes = bytes
        self.nodes = nodes
        self.hasDuplicateKeys = hasDuplicateKeys
    }

    /// The first byte of the node's value, which tells its kind.
    func firstByte(of node: Int) -> UInt8 { bytes[Int(nodes[node].start)] }

    /// The index of the node after `node`'s value, descendants included.
    func next(after node: Int) -> Int {
        switch firstByte(of: node) {
        case UInt8(ascii: "{"), UInt8(ascii: "["): Int(nodes[node].link)
        default: node + 1
        }
    }

    /// Whether the string at `node` (a key) is `key`, given as UTF-8.
    func key(at node: Int, is key: UnsafeBufferPointer<UInt8>) -> Bool {
        let found = nodes[node]
        guard found.link == 0 else { return string(at: node) == String(decoding: key, as: UTF8.self) }
        let start = Int(found.start) + 1
        guard Int(found.end) - 1 - start == key.count else { return false }
        guard let text = bytes.baseAddress, let wanted = key.baseAddress else { return key.isEmpty }
        return memcmp(text + start, wanted, key.count) == 0
    }

    func value(at node: Int) -> JSON {
        let start = Int(nodes[node].start)
        switch bytes[start] {
        case UInt8(ascii: "{"):
            var keys: [String] = []
            var values: [JSON] = []
            let count = memberCount(of: node)
            keys.reserveCapacity(count)
            values.reserveCapacity(count)
            var child = node + 1
            while child < Int(nodes[node].link) {
                keys.append(string(at: child))
                values.append(value(at: child + 1))
                child = next(after: child + 1)
            }
            if hasDuplicateKeys { JSONObject.keepLastOfRepeatedKeys(&keys, &values) }
            return .object(JSONObject(uncheckedKeys: keys, values: values))
        case UInt8(ascii: "["):
            var elements: [JSON] = []
            elements.reserveCapacity(elementCount(of: node))
            var child = node + 1
            while child < Int(nodes[node].link) {
                elements.append(value(at: child))
                child = next(after: child)
            }
            return .array(elements)
        case UInt8(ascii: "\""): return .string(string(at: node))
        case UInt8(ascii: "t"): return .bool(true)
        case UInt8(ascii: "f"): return .bool(false)
        case UInt8(ascii: "n"): return .null
        default: return .number(JSONNumber(validatedLiteral: text(of: node)))
        }
    }

    func elementCount(of node: Int) -> Int {
        var count = 0
        var child = node + 1
        while child < Int(nodes[node].link) {
            count += 1
            child = next(after: child)
        }
        return count
    }

    func memberCount(of node: Int) -> Int {
        var count = 0
        var child = node + 1
        while child < Int(nodes[node].link) {
            count += 1
            child = next(after: child + 1)
        }
        return count
    }

    /// The node's text as it is (a number's literal, say).
    func text(of node: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(nodes[node].start)..<Int(nodes[node].end)]), as: UTF8.self)
    }

    /// The value of the string at `node`, its escapes resolved.
    func string(at node: Int) -> String {
        let contents = UnsafeBufferPointer(rebasing: bytes[Int(nodes[node].start) + 1..<Int(nodes[node].end) - 1])
        guard nodes[node].link != 0 else { return String(decoding: contents, as: UTF8.self) }
        return JSONIndexedText.unescaped(contents)
    }

    /// The UTF-8 of validated string contents with their escapes resolved.
    static func unescaped(_ contents: UnsafeBufferPointer<UInt8>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(contents.count)
        var index = 0
        while index < contents.count {
            let byte = contents[index]
            guard byte == UInt8(ascii: "\\") else {
                utf8.append(byte)
                index += 1
                continue
            }
            let letter = contents[index + 1]
            index += 2
            switch letter {
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(JSONIndexer.hex4(contents, at: index) ?? 0xFFFD)
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    // The indexer checked that an escaped low surrogate follows.
                    let low = UInt32(JSONIndexer.hex4(contents, at: index + 2) ?? 0xDC00)
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { utf8.append($0) }
            default: utf8.append(letter) // \" \\ \/
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
