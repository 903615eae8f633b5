/// Why a text is not JSON, with the byte offset where reading stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case invalidUTF8
        case invalidEscape
        case invalidNumber
        case controlCharacterInString
        case tooDeep(limit: Int)
        case trailingContent
    }

    public let reason: Reason
    public let offset: Int

    public var description: String {
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
        }
    }
}

extension JSON {
    /// The most arrays and objects a value may nest; deeper input is refused, not a stack overflow.
    public static let defaultDepthLimit = 512

    /// Reads one JSON value (RFC 8259) from UTF-8 bytes, with optional white space around it.
    ///
    /// Invalid UTF-8 anywhere, or nesting deeper than `depthLimit`, is an error. Reading is linear
    /// in the input.
    public static func parse(_ bytes: UnsafeRawBufferPointer, depthLimit: Int = defaultDepthLimit) throws(JSONParseError) -> JSON {
        var reader = JSONScanner(bytes: bytes.bindMemory(to: UInt8.self), depthLimit: depthLimit)
        return try reader.readDocument()
    }

    /// Reads one JSON value from UTF-8 bytes.
    public static func parse(_ bytes: some Collection<UInt8>, depthLimit: Int = defaultDepthLimit) throws(JSONParseError) -> JSON {
        let result: Result<JSON, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) -> JSON in try parse(UnsafeRawBufferPointer(buffer), depthLimit: depthLimit) }
        }
        if let result { return try result.get() }
        return try parse(Array(bytes), depthLimit: depthLimit)
    }

    /// Reads one JSON value from a string.
    public static func parse(_ text: String, depthLimit: Int = defaultDepthLimit) throws(JSONParseError) -> JSON {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSON in try parse(UnsafeRawBufferPointer(buffer), depthLimit: depthLimit) }
        }
        return try result.get()
    }
}

/// A single-pass JSON reader over a byte buffer.
///
/// Members and elements are gathered on two scratch stacks shared by every nesting level, and
/// each object or array is made from them at its exact size once it closes: no array grows by
/// doubling, and none keeps spare capacity.
struct JSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let depthLimit: Int
    private var index = 0
    private var depth = 0
    private var keyStack: [String] = []
    private var valueStack: [JSON] = []

    init(bytes: UnsafeBufferPointer<UInt8>, depthLimit: Int) {
        self.bytes = bytes
        self.depthLimit = depthLimit
    }

    mutating func readDocument() throws(JSONParseError) -> JSON {
        skipWhitespace()
        let value = try readValue()
        skipWhitespace()
        guard index == bytes.count else { throw error(.trailingContent) }
        return value
    }

    private func error(_ reason: JSONParseError.Reason) -> JSONParseError {
        JSONParseError(reason: reason, offset: index)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private func peek() throws(JSONParseError) -> UInt8 {
        guard index < bytes.count else { throw error(.unexpectedEnd) }
        return bytes[index]
    }

    private mutating func readValue() throws(JSONParseError) -> JSON {
        switch try peek() {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try readKeyword("true"); return .bool(true)
        case UInt8(ascii: "f"): try readKeyword("false"); return .bool(false)
        case UInt8(ascii: "n"): try readKeyword("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        case let byte: throw error(.unexpectedByte(byte))
        }
    }

    private mutating func readKeyword(_ keyword: StaticString) throws(JSONParseError) {
        let length = keyword.utf8CodeUnitCount
        guard bytes.count - index >= length else {
            // Report the first byte that differs, or the end of input.
            throw error(.unexpectedEnd)
        }
        let expected = UnsafeBufferPointer(start: keyword.utf8Start, count: length)
        for offset in 0..<length where bytes[index + offset] != expected[offset] {
            index += offset
            throw error(.unexpectedByte(bytes[index]))
        }
        index += length
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > depthLimit { throw error(.tooDeep(limit: depthLimit)) }
    }

    private mutating func readArray() throws(JSONParseError) -> JSON {
        try enter()
        index += 1
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array([])
        }
        let base = valueStack.count
        while true {
            skipWhitespace()
            let element = try readValue()
            valueStack.append(element)
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                let elements = Array(valueStack[base...])
                valueStack.removeSubrange(base...)
                return .array(elements)
            case let byte: throw error(.unexpectedByte(byte))
            }
        }
    }

    private mutating func readObject() throws(JSONParseError) -> JSON {
        try enter()
        index += 1
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObject())
        }
        let keyBase = keyStack.count, valueBase = valueStack.count
        while true {
            skipWhitespace()
            let byte = try peek()
            guard byte == UInt8(ascii: "\"") else { throw error(.unexpectedByte(byte)) }
            let key = try readString()
            keyStack.append(key)
            skipWhitespace()
            let colon = try peek()
            guard colon == UInt8(ascii: ":") else { throw error(.unexpectedByte(colon)) }
            index += 1
            skipWhitespace()
            let value = try readValue()
            valueStack.append(value)
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                let object = JSONObject(uncheckedKeys: Array(keyStack[keyBase...]), values: Array(valueStack[valueBase...]))
                keyStack.removeSubrange(keyBase...)
                valueStack.removeSubrange(valueBase...)
                return .object(object)
            case let other: throw error(.unexpectedByte(other))
            }
        }
    }

    // MARK: Strings

    /// Reads a string whose opening quote is at `index`. Strings without escapes (nearly all)
    /// are copied from the buffer in one step.
    private mutating func readString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return string
            } else if byte == UInt8(ascii: "\\") {
                return try readEscapedString(from: start)
            } else if byte < 0x20 {
                throw error(.controlCharacterInString)
            } else if byte < 0x80 {
                index += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        throw error(.unexpectedEnd)
    }

    private mutating func readEscapedString(from start: Int) throws(JSONParseError) -> String {
        var utf8 = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                try readEscape(into: &utf8)
            } else if byte < 0x20 {
                throw error(.controlCharacterInString)
            } else if byte < 0x80 {
                utf8.append(byte)
                index += 1
            } else {
                let sequenceStart = index
                try skipUTF8Sequence()
                utf8.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[sequenceStart..<index]))
            }
        }
        throw error(.unexpectedEnd)
    }

    private mutating func readEscape(into utf8: inout [UInt8]) throws(JSONParseError) {
        index += 1
        guard index < bytes.count else { throw error(.unexpectedEnd) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try readHex4())
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw error(.invalidEscape) }
                index += 2
                let low = UInt32(try readHex4())
                guard (0xDC00...0xDFFF).contains(low) else { throw error(.invalidEscape) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error(.invalidEscape)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error(.invalidEscape) }
            UTF8.encode(unicode) { utf8.append($0) }
        default:
            index -= 1
            throw error(.invalidEscape)
        }
    }

    private mutating func readHex4() throws(JSONParseError) -> UInt16 {
        guard bytes.count - index >= 4 else { throw error(.unexpectedEnd) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.invalidEscape)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// Validates one multi-byte UTF-8 sequence at `index` (RFC 3629: no overlongs, no
    /// surrogates, nothing above U+10FFFF) and steps over it.
    private mutating func skipUTF8Sequence() throws(JSONParseError) {
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

    private mutating func readNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        guard let end = JSONScanner.numberEnd(in: bytes, from: start) else {
            throw error(.invalidNumber)
        }
        index = end
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        return JSONNumber(validatedLiteral: literal)
    }

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
