/// One node of a ``JSONIndex``: where a value's text starts and ends, and a link whose meaning
/// depends on the value's kind (which its first byte tells).
struct JSONNode: Sendable, Equatable {
    /// Offset of the value's first byte.
    var start: UInt32
    /// Offset just after the value's last byte.
    var end: UInt32
    /// An array or object: the index of the node after its last descendant. A string: 1 when it
    /// contains escapes. Anything else: 0.
    var link: UInt32
}

/// The structure of a validated JSON text: one node per value, in document order (an object's
/// members are its key's node followed by its value's nodes).
struct JSONIndex: Sendable {
    var nodes: [JSONNode]
    /// Whether the text has no white space outside strings, so any value's bytes are compact JSON.
    var isCompact: Bool
    /// Whether an object of the text repeats a key. The last value of a repeated key wins, as if
    /// the earlier members were not there: the tree reader leaves them out, and so does a writer
    /// copying the text.
    var hasDuplicateKeys: Bool
}

/// Validates a JSON text (RFC 8259, strict UTF-8, a depth limit) in one pass and records where
/// each value lies, without making any value: no strings, arrays or objects are allocated. It
/// notes whether an object repeats a key, and can refuse numbers beyond `Double`'s range.
///
/// Strings, the bulk of most texts, are scanned eight bytes at a time until a quote, a backslash,
/// a control character or a non-ASCII byte turns up.
struct JSONIndexer {
    let bytes: UnsafeBufferPointer<UInt8>
    private let depthLimit: Int
    private let finiteNumbers: Bool
    private var index = 0
    private var depth = 0
    /// Where nodes are written: room for as many as the text can hold (see ``index(_:depthLimit:)``).
    let nodes: UnsafeMutablePointer<JSONNode>
    private let capacity: Int
    private var nodeCount = 0
    private var isCompact = true
    var hasDuplicateKeys = false
    /// The keys of the object being checked for repeats: a fingerprint and the key's node.
    var keyScratch: [(fingerprint: UInt64, node: Int)] = []

    /// The longest text an index can describe (its offsets are 32-bit).
    static let maxLength = Int(UInt32.max)

    /// Indexes `bytes`; with `finiteNumbers`, a number whose nearest `Double` is infinite
    /// (`1e400`) is an error (``JSONParseError/Reason/numberOutOfRange``).
    static func index(_ bytes: UnsafeBufferPointer<UInt8>, depthLimit: Int, finiteNumbers: Bool = false) throws(JSONParseError) -> JSONIndex {
        guard bytes.count < maxLength else { throw JSONParseError(reason: .tooLong(limit: maxLength), offset: 0) }
        var failure: JSONParseError?
        var isCompact = true, hasDuplicateKeys = false
        let nodes = [JSONNode](unsafeUninitializedCapacity: maxValues(in: bytes)) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            var indexer = JSONIndexer(bytes: bytes, depthLimit: depthLimit, finiteNumbers: finiteNumbers, nodes: base, capacity: buffer.count)
            do throws(JSONParseError) {
                try indexer.indexDocument()
                count = indexer.nodeCount
                isCompact = indexer.isCompact
                hasDuplicateKeys = indexer.hasDuplicateKeys
            } catch {
                // The nodes written so far are plain values: nothing to deinitialize.
                failure = error
            }
        }
        if let failure { throw failure }
        return JSONIndex(nodes: nodes, isCompact: isCompact, hasDuplicateKeys: hasDuplicateKeys)
    }

    /// At least as many nodes as indexing the text can write, valid or not, so that nodes go into
    /// a buffer sized once. Every node starts at a byte of its own: n at most, which is what a text
    /// up to 1 MiB gets (pages of the buffer never written are never touched). (Half that holds
    /// for valid text only: `[[[[[[[[[[.` opens ten arrays in eleven bytes before it fails.)
    /// Beyond, where that would reserve far more than most texts use (a 16 MiB line of one long
    /// string), the bound is counted: every node but the first starts after a comma, a colon or an
    /// opening bracket.
    static func maxValues(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard bytes.count > 1 << 20 else { return bytes.count + 1 }
        var count = 1
        for byte in bytes {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "{"): count += 1
            default: continue
            }
        }
        return count
    }

    private init(
        bytes: UnsafeBufferPointer<UInt8>, depthLimit: Int, finiteNumbers: Bool, nodes: UnsafeMutablePointer<JSONNode>, capacity: Int
    ) {
        self.bytes = bytes
        self.depthLimit = depthLimit
        self.finiteNumbers = finiteNumbers
        self.nodes = nodes
        self.capacity = capacity
    }

    private mutating func indexDocument() throws(JSONParseError) {
        skipWhitespace()
        try value()
        skipWhitespace()
        guard index == bytes.count else { throw error(.trailingContent) }
    }

    private func error(_ reason: JSONParseError.Reason) -> JSONParseError {
        JSONParseError(reason: reason, offset: index)
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        // Compact text (the usual kind) has none: one comparison.
        guard index < bytes.count, bytes[index] <= 0x20 else { return }
        skipWhitespaceRun()
    }

    private mutating func skipWhitespaceRun() {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default:
                if index != start { isCompact = false }
                return
            }
        }
        if index != start { isCompact = false }
    }

    private func peek() throws(JSONParseError) -> UInt8 {
        guard index < bytes.count else { throw error(.unexpectedEnd) }
        return bytes[index]
    }

    @inline(__always)
    private mutating func append(from start: Int, link: UInt32 = 0) {
        // ``maxValues(in:)`` makes this impossible; the check keeps a mistake from writing past the buffer.
        precondition(nodeCount < capacity, "JSONIndexer: more values than the text can hold")
        (nodes + nodeCount).initialize(to: JSONNode(start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: index), link: link))
        nodeCount += 1
    }

    private mutating func value() throws(JSONParseError) {
        let start = index
        switch try peek() {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try keyword("true"); append(from: start)
        case UInt8(ascii: "f"): try keyword("false"); append(from: start)
        case UInt8(ascii: "n"): try keyword("null"); append(from: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let end = JSONIndexer.numberEnd(in: bytes, from: start) else { throw error(.invalidNumber) }
            if finiteNumbers, !JSONNumber.isFiniteAsDouble(literal: UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                throw error(.numberOutOfRange)
            }
            index = end
            append(from: start)
        case let byte: throw error(.unexpectedByte(byte))
        }
    }

    private mutating func keyword(_ keyword: StaticString) throws(JSONParseError) {
        let length = keyword.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: keyword.utf8Start, count: length)
        for offset in 0..<length {
            guard index + offset < bytes.count else {
                index += offset
                throw error(.unexpectedEnd)
            }
            if bytes[index + offset] != expected[offset] {
                index += offset
                throw error(.unexpectedByte(bytes[index]))
            }
        }
        index += length
    }

    // MARK: Arrays and objects

    /// Opens a container at `index`: its node, with the link filled in by ``close(_:)``.
    private mutating func open() throws(JSONParseError) -> Int {
        depth += 1
        if depth > depthLimit { throw error(.tooDeep(limit: depthLimit)) }
        let node = nodeCount
        append(from: index)
        index += 1
        skipWhitespace()
        return node
    }

    private mutating func close(_ node: Int) {
        index += 1
        depth -= 1
        nodes[node].end = UInt32(truncatingIfNeeded: index)
        nodes[node].link = UInt32(truncatingIfNeeded: nodeCount)
    }

    private mutating func array() throws(JSONParseError) {
        let node = try open()
        if try peek() == UInt8(ascii: "]") { return close(node) }
        while true {
            skipWhitespace()
            try value()
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): return close(node)
            case let byte: throw error(.unexpectedByte(byte))
            }
        }
    }

    private mutating func object() throws(JSONParseError) {
        let node = try open()
        if try peek() == UInt8(ascii: "}") { return close(node) }
        while true {
            skipWhitespace()
            let quote = try peek()
            guard quote == UInt8(ascii: "\"") else { throw error(.unexpectedByte(quote)) }
            try string()
            skipWhitespace()
            let colon = try peek()
            guard colon == UInt8(ascii: ":") else { throw error(.unexpectedByte(colon)) }
            index += 1
            skipWhitespace()
            try value()
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                close(node)
                if !hasDuplicateKeys { noteDuplicateKeys(of: node) }
                return
            case let byte: throw error(.unexpectedByte(byte))
            }
        }
    }

    // MARK: Strings

    /// Validates the string whose opening quote is at `index`.
    private mutating func string() throws(JSONParseError) {
        let start = index
        index += 1
        var hasEscapes = false
        let base = UnsafeRawPointer(bytes.baseAddress)
        while true {
            if let base {
                while index + 8 <= bytes.count {
                    let special = ByteWord.stringSpecials(in: ByteWord.load(base, at: index))
                    if special != 0 {
                        index += ByteWord.first(special)
                        break
                    }
                    index += 8
                }
            }
            guard index < bytes.count else { throw error(.unexpectedEnd) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                append(from: start, link: hasEscapes ? 1 : 0)
                return
            } else if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                try escape()
            } else if byte < 0x20 {
                throw error(.controlCharacterInString)
            } else if byte < 0x80 {
                index += 1
            } else {
                try utf8Sequence()
            }
        }
    }

    /// Validates the escape whose backslash is at `index`; a `\u` high surrogate must be followed
    /// by an escaped low one.
    private mutating func escape() throws(JSONParseError) {
        index += 1
        guard index < bytes.count else { throw error(.unexpectedEnd) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return
        case UInt8(ascii: "u"):
            let unit = try hex4()
            if (0xD800...0xDBFF).contains(unit) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw error(.invalidEscape) }
                index += 2
                guard (0xDC00...0xDFFF).contains(try hex4()) else { throw error(.invalidEscape) }
            } else if (0xDC00...0xDFFF).contains(unit) {
                throw error(.invalidEscape)
            }
        default:
            index -= 1
            throw error(.invalidEscape)
        }
    }

    private mutating func hex4() throws(JSONParseError) -> UInt16 {
        guard bytes.count - index >= 4 else { throw error(.unexpectedEnd) }
        guard let value = JSONIndexer.hex4(bytes, at: index) else { throw error(.invalidEscape) }
        index += 4
        return value
    }

    /// The four hex digits at `offset`, or nil.
    static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt16? {
        var value: UInt16 = 0
        for byte in bytes[offset..<offset + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Validates one multi-byte UTF-8 sequence at `index` (RFC 3629: no overlongs, no
    /// surrogates, nothing above U+10FFFF) and steps over it.
    private mutating func utf8Sequence() throws(JSONParseError) {
        let lead = bytes[index]
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: throw error(.invalidUTF8)
        }
        guard bytes.count - index >= length else { throw error(.invalidUTF8) }
        let second = bytes[index + 1]
        guard second >= lower && second <= upper else { throw error(.invalidUTF8) }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
            throw error(.invalidUTF8)
        }
        index += length
    }

    // MARK: Numbers

    /// The end of the JSON number that starts at `start`, or nil when there is none.
    static func numberEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        func digit(_ at: Int) -> Bool { at < bytes.count && bytes[at] >= UInt8(ascii: "0") && bytes[at] <= UInt8(ascii: "9") }
        if index < bytes.count && bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digit(index) else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while digit(index) { index += 1 }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digit(index) else { return nil }
            while digit(index) { index += 1 }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            guard digit(index) else { return nil }
            while digit(index) { index += 1 }
        }
        return index
    }
}
