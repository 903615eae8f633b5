extension JSON {
    /// The compact JSON text of the value, as UTF-8 bytes. Never contains a raw newline, so it
    /// can be sent as one line of a line-delimited stream.
    package func serialized() -> [UInt8] {
        var writer = JSONWriter()
        writer.write(self)
        return writer.bytes
    }

    /// The compact JSON text of the value.
    package func serializedString() -> String {
        String(decoding: serialized(), as: UTF8.self)
    }

    /// Appends the compact JSON text of the value to `bytes` (e.g. after a prefix, before a newline).
    package func serialize(into bytes: inout [UInt8]) {
        var writer = JSONWriter(appendingTo: bytes)
        bytes = []
        writer.write(self)
        bytes = writer.bytes
    }
}

/// Writes JSON text into a growing byte buffer, piece by piece.
///
/// Most callers want ``JSON/serialized()``. The pieces are for writing a message whose parts are
/// already JSON text — for example a large result serialized once and then embedded both as a
/// value and as a string — without serializing it twice.
///
/// Strings are written as UTF-8, escaping only quotes, backslashes and control characters: every
/// other character leaves as itself (what the output's filter, ``TextSanitizer/sanitized(jsonText:)``,
/// relies on). Text given to ``raw(_:)-(StaticString)`` is the caller's own and is written as it is.
package struct JSONWriter {
    package internal(set) var bytes: [UInt8]

    package init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    init(appendingTo bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Writes a value.
    package mutating func write(_ value: JSON) {
        switch value {
        case .null: raw("null")
        case .bool(let flag): raw(flag ? "true" : "false")
        case .number(let number): appendUTF8(number.literal)
        case .string(let string): write(string)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            let keys = object.keys, values = object.values
            var wroteAny = false
            for index in keys.indices {
                if wroteAny { bytes.append(UInt8(ascii: ",")) }
                write(keys[index])
                bytes.append(UInt8(ascii: ":"))
                write(values[index])
                wroteAny = true
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Writes `,"key":value` for each member of `object`: the rest of an object whose first
    /// members were written another way (copied from elsewhere, say).
    package mutating func writeMembers(continuing object: JSONObject) {
        let keys = object.keys, values = object.values
        for index in keys.indices {
            bytes.append(UInt8(ascii: ","))
            write(keys[index])
            bytes.append(UInt8(ascii: ":"))
            write(values[index])
        }
    }

    /// Writes ASCII text as it is: punctuation and keys the caller knows need no escaping.
    package mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Writes bytes that are already JSON text, as they are.
    package mutating func raw(_ json: [UInt8]) {
        bytes.append(contentsOf: json)
    }

    /// Writes a quoted, escaped string.
    package mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { writeString(utf8: $0) }
    }

    /// Writes UTF-8 bytes (for example JSON text) as one quoted, escaped string.
    mutating func writeString(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        writeStringContents(utf8: utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes UTF-8 bytes escaped as a JSON string's contents, without the quotes: a string
    /// written in pieces is the same as the whole written at once.
    ///
    /// A string that needs no escaping is copied in one step; any other is written straight into
    /// its final place, eight bytes at a time between escapes.
    package mutating func writeStringContents(utf8: UnsafeBufferPointer<UInt8>) {
        appendEscaped(utf8)
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        let length = JSONWriter.escapedLength(of: utf8) - 2
        guard length != utf8.count else { return bytes.append(contentsOf: utf8) }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: length))
        bytes.withUnsafeMutableBufferPointer { output in
            guard let base = output.baseAddress else { return }
            JSONWriter.escape(utf8, into: UnsafeMutableRawPointer(base + start))
        }
    }

    /// How long `utf8` is once written as a quoted, escaped JSON string (not sanitized).
    package static func escapedLength(of utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var extra = 0
        var index = 0
        if let base = UnsafeRawPointer(utf8.baseAddress) {
            while index + 8 <= utf8.count {
                let word = ByteWord.load(base, at: index)
                if ByteWord.controls(in: word) == 0 {
                    extra &+= ByteWord.count(ByteWord.escapes(in: word))
                } else {
                    for byte in utf8[index..<index + 8] { extra &+= extraLength(of: byte) }
                }
                index += 8
            }
        }
        for byte in utf8[index...] { extra &+= extraLength(of: byte) }
        return utf8.count + extra + 2
    }

    /// Writes `utf8` escaped at `output`, which has room for exactly its escaped length (less
    /// the quotes). Eight bytes at a time: a word with nothing to escape is stored whole; in one
    /// with quotes or backslashes, every byte is stored after a backslash that only the bytes
    /// to escape step over, so there is no branch per byte.
    private static func escape(_ utf8: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableRawPointer) {
        var index = 0, position = 0
        if let base = UnsafeRawPointer(utf8.baseAddress) {
            while index + 8 <= utf8.count {
                let word = ByteWord.load(base, at: index)
                let specials = ByteWord.escapes(in: word)
                if ByteWord.controls(in: word) != 0 {
                    for byte in utf8[index..<index + 8] { position += writeEscaped(byte, at: output + position) }
                } else if specials == 0 {
                    (output + position).storeBytes(of: word.littleEndian, as: UInt64.self)
                    position += 8
                } else {
                    var rest = word, flags = specials >> 7
                    for _ in 0..<8 {
                        let escaped = Int(truncatingIfNeeded: flags & 1)
                        output.storeBytes(of: UInt8(ascii: "\\"), toByteOffset: position, as: UInt8.self)
                        output.storeBytes(of: UInt8(truncatingIfNeeded: rest), toByteOffset: position + escaped, as: UInt8.self)
                        position += 1 + escaped
                        rest >>= 8
                        flags >>= 8
                    }
                }
                index += 8
            }
        }
        for byte in utf8[index...] { position += writeEscaped(byte, at: output + position) }
    }

    /// Writes `byte`, escaped if it must be; returns how many bytes that took.
    private static func writeEscaped(_ byte: UInt8, at output: UnsafeMutableRawPointer) -> Int {
        switch extraLength(of: byte) {
        case 0:
            output.storeBytes(of: byte, as: UInt8.self)
            return 1
        case 1:
            output.storeBytes(of: UInt8(ascii: "\\"), as: UInt8.self)
            output.storeBytes(of: shortEscape(byte), toByteOffset: 1, as: UInt8.self)
            return 2
        default:
            output.storeBytes(of: UInt8(ascii: "\\"), as: UInt8.self)
            output.storeBytes(of: UInt8(ascii: "u"), toByteOffset: 1, as: UInt8.self)
            output.storeBytes(of: UInt8(ascii: "0"), toByteOffset: 2, as: UInt8.self)
            output.storeBytes(of: UInt8(ascii: "0"), toByteOffset: 3, as: UInt8.self)
            output.storeBytes(of: hexDigit(byte >> 4), toByteOffset: 4, as: UInt8.self)
            output.storeBytes(of: hexDigit(byte & 0x0F), toByteOffset: 5, as: UInt8.self)
            return 6
        }
    }

    /// How many bytes the escape of `byte` adds (0: written as it is; 1: `\n`; 5: `\u0001`).
    @inline(__always)
    private static func extraLength(of byte: UInt8) -> Int {
        switch byte {
        case 0x22, 0x5C, 0x0A, 0x0D, 0x09, 0x08, 0x0C: 1
        case 0..<0x20: 5
        default: 0
        }
    }

    /// The letter after the backslash of a two-character escape.
    private static func shortEscape(_ byte: UInt8) -> UInt8 {
        switch byte {
        case 0x0A: UInt8(ascii: "n")
        case 0x0D: UInt8(ascii: "r")
        case 0x09: UInt8(ascii: "t")
        case 0x08: UInt8(ascii: "b")
        case 0x0C: UInt8(ascii: "f")
        default: byte
        }
    }

    private mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
