extension JSON {
    /// The compact JSON text of the value, as UTF-8 bytes. Never contains a raw newline, so it
    /// can be sent as one line of a line-delimited stream.
    public func serialized() -> [UInt8] {
        var writer = JSONWriter()
        writer.write(self)
        return writer.bytes
    }

    /// The compact JSON text of the value.
    public func serializedString() -> String {
        String(decoding: serialized(), as: UTF8.self)
    }

    /// Appends the compact JSON text of the value to `bytes` (e.g. after a prefix, before a newline).
    public func serialize(into bytes: inout [UInt8]) {
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
public struct JSONWriter {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    init(appendingTo bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Writes a value.
    public mutating func write(_ value: JSON) {
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
            for index in keys.indices {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(keys[index])
                bytes.append(UInt8(ascii: ":"))
                write(values[index])
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Writes ASCII text as it is: punctuation and keys the caller knows need no escaping.
    public mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Writes bytes that are already JSON text, as they are.
    public mutating func raw(_ json: [UInt8]) {
        bytes.append(contentsOf: json)
    }

    /// Writes a quoted, escaped string.
    public mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { writeString(utf8: $0) }
    }

    /// Writes UTF-8 bytes (for example JSON text) as one quoted, escaped string.
    ///
    /// A string that needs no escaping (nearly every one) is copied in one step; any other is
    /// measured, then written straight into its final place. `escapedLength`, when the caller
    /// already knows it (``escapedLength(of:)``), saves the measuring pass.
    public mutating func writeString(utf8: UnsafeBufferPointer<UInt8>, escapedLength known: Int? = nil) {
        let length = known ?? JSONWriter.escapedLength(of: utf8)
        bytes.append(UInt8(ascii: "\""))
        if length == utf8.count + 2 {
            bytes.append(contentsOf: utf8)
        } else {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: length - 2))
            bytes.withUnsafeMutableBufferPointer { output in
                var position = start
                for byte in utf8 {
                    switch JSONWriter.extraLength[Int(byte)] {
                    case 0:
                        output[position] = byte
                        position += 1
                    case 1:
                        output[position] = UInt8(ascii: "\\")
                        output[position + 1] = JSONWriter.shortEscape(byte)
                        position += 2
                    default:
                        output[position] = UInt8(ascii: "\\")
                        output[position + 1] = UInt8(ascii: "u")
                        output[position + 2] = UInt8(ascii: "0")
                        output[position + 3] = UInt8(ascii: "0")
                        output[position + 4] = JSONWriter.hexDigit(byte >> 4)
                        output[position + 5] = JSONWriter.hexDigit(byte & 0x0F)
                        position += 6
                    }
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// How long `utf8` is once written as a quoted, escaped JSON string.
    public static func escapedLength(of utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var extra = 0
        for byte in utf8 { extra &+= Int(extraLength[Int(byte)]) }
        return utf8.count + extra + 2
    }

    /// For each byte, how many bytes its escape adds (0: written as it is; 1: `\n`; 5: `\u0001`).
    private static let extraLength: [UInt8] = (0..<256).map { byte in
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
