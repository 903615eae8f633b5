import Testing
@testable import JSONCore
import struct HoursmithSandbox.SplitMix64

@Suite struct JSONDocumentTests {
    private func document(_ text: String) throws -> JSONDocument {
        try JSONDocument(bytes: Array(text.utf8))
    }

    private func written(_ body: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        body(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func looksIntoValuesWithoutMakingThem() throws {
        let root = try document(#"{"items":[{"id":1},{"id":2},3],"total":12,"name":"x","none":null,"z":1,"z":2}"#).root
        #expect(root.kind == .object)
        #expect(root["total"]?.json == 12)
        #expect(root["name"]?.kind == .string)
        #expect(root["none"]?.kind == .null)
        #expect(root["missing"] == nil)
        #expect(root["z"]?.json == 2, "the last of a repeated key wins, as in JSON.parse")
        let items = try #require(root["items"]?.elements)
        #expect(items.map(\.kind) == [.object, .object, .number])
        #expect(items[1]["id"]?.json == 2)
        #expect(root["total"]?.elements == nil)
        #expect(items[2]["id"] == nil)
    }

    @Test func saysWhereEachValueLiesInTheText() throws {
        let text = "{ \"a\" : [1, {\"b\":\"x\"}] ,\n \"c\": true }"
        let root = try document(text).root
        func slice(_ value: JSONDocument.Value?) -> String? {
            value.map { String(decoding: Array(text.utf8)[$0.byteRange], as: UTF8.self) }
        }
        #expect(slice(root) == text)
        #expect(slice(root["a"]) == "[1, {\"b\":\"x\"}]")
        #expect(slice(root["a"]?.elements?[1]["b"]) == "\"x\"")
        #expect(slice(root["c"]) == "true")
    }

    @Test func findsKeysWrittenWithEscapes() throws {
        let root = try document(#"{"created\u005fat":"x","caf\u00e9":1}"#).root
        #expect(root["created_at"]?.json == "x")
        #expect(root["café"]?.json == 1)
    }

    @Test func writesValuesAsTheirTextWithoutWhiteSpaceBetweenTokens() throws {
        let root = try document(" {\n  \"a\" : [1, 2 ,\t3],\r\n  \"b\": \"keeps  its \\\" spaces\" } ").root
        #expect(written { $0.write(root) } == #"{"a":[1,2,3],"b":"keeps  its \" spaces"}"#)
        #expect(try JSON.parse(written { $0.write(root) }) == root.json)
        let compact = try document(#"{"a":[1,2,3]}"#).root
        #expect(written { $0.write(compact["a"]!) } == "[1,2,3]")
    }

    @Test func leavesOutNamedMembersWhateverTheirSpelling() throws {
        let root = try document(#"{"id":1,"created_at":"2026","name":"n","updated\u005fat":"2026","nested":{"created_at":1}}"#).root
        #expect(written { $0.write(root, omitting: ["created_at", "updated_at"]) } == #"{"id":1,"name":"n","nested":{"created_at":1}}"#)
        #expect(written { $0.write(root, omitting: []) } == written { $0.write(root) })
        let items = try #require(try document(#"[{"a":1,"b":2},{"b":3},{"a":4,"c":[1, 2]}, 5]"#).root.elements)
        #expect(items.map { item in written { $0.write(item, omitting: ["b"]) } } == [#"{"a":1}"#, "{}", #"{"a":4,"c":[1,2]}"#, "5"])
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\":}", "01", "\"abc", "[1 2]", "{\"a\" 1}", "\"\\x\"", "[1] 2"])
    func refusesWhatJSONParseRefuses(_ text: String) throws {
        let parseError = try #require(#expect(throws: JSONParseError.self) { try JSON.parse(text) })
        #expect(throws: parseError) { try JSONDocument(bytes: Array(text.utf8)) }
    }

    @Test func aStringWrittenInPiecesIsTheWholeWrittenAtOnce() throws {
        let pieces = ["{\"a\":\"x\\\"", "\n😀", "", "tail\u{01}"]
        var whole = JSONWriter(), pieced = JSONWriter()
        var text = pieces.joined()
        text.withUTF8 { whole.writeString(utf8: $0) }
        pieced.raw("\"")
        for piece in pieces {
            var piece = piece
            piece.withUTF8 { pieced.writeStringContents(utf8: $0) }
        }
        pieced.raw("\"")
        #expect(pieced.bytes == whole.bytes)
        #expect(try JSON.parse(pieced.bytes).stringValue == pieces.joined())
    }

    @Test func aRepeatedKeyIsWrittenOnceWithItsLastValue() throws {
        let root = try document(#"{"a":1,"b":{"x":1,"x":2},"\u0061":3}"#).root
        #expect(written { $0.write(root) } == #"{"b":{"x":2},"a":3}"#)
        #expect(written { $0.write(root, omitting: ["b"]) } == #"{"a":3}"#)
        #expect(written { $0.write(root, omitting: ["a"]) } == #"{"b":{"x":2}}"#)
        #expect(try JSON.parse(written { $0.write(root) }) == root.json)
        #expect(root["a"]?.json == 3)
    }

    @Test func measuresItsValues() throws {
        let root = try document(#"{"a":"xyz","b":[1, 2]}"#).root
        #expect(root["a"]?.byteCount == 5)
        #expect(root["b"]?.byteCount == 6)
    }
}

/// The eight-bytes-at-a-time paths of the indexer and the writer, against plain per-character
/// definitions, at every alignment.
@Suite struct JSONWordAtATimeTests {
    /// JSON string escaping as RFC 8259 defines it, one scalar at a time.
    private func reference(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case let scalar where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }

    private let alphabet: [Unicode.Scalar] = ["a", "#", "]", "\"", "\\", "\n", "\u{01}", "\u{1F}", " ", "é", "😀", "\u{7F}", "/"]

    /// Each byte-parallel test of ``ByteWord`` marks exactly the bytes its per-byte definition
    /// names, whatever the other bytes (bytes whose low seven bits spell a quote or a backslash,
    /// such as 0xA2 and 0xDC, included).
    @Test func byteParallelTestsMarkExactlyTheirBytes() {
        var generator = SplitMix64(seed: 0x5EED_0004)
        let interesting: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x1F, 0x20, 0x22, 0x5C, 0x7F, 0x80, 0xA0, 0xA2, 0xDC, 0xFF, 0x61]
        func marks(_ bytes: [UInt8], _ test: (UInt8) -> Bool) -> UInt64 {
            bytes.enumerated().reduce(0) { $0 | (test($1.element) ? UInt64(0x80) << (8 * UInt64($1.offset)) : 0) }
        }
        for _ in 0..<5000 {
            let bytes = (0..<8).map { _ in
                Bool.random(using: &generator) ? interesting.randomElement(using: &generator) ?? 0 : UInt8.random(in: 0...255, using: &generator)
            }
            let word = bytes.withUnsafeBytes { ByteWord.load($0.baseAddress!, at: 0) }
            #expect(ByteWord.zeros(in: word) == marks(bytes) { $0 == 0 })
            #expect(ByteWord.bytes(equalTo: 0x5C, in: word) == marks(bytes) { $0 == 0x5C })
            #expect(ByteWord.controls(in: word) == marks(bytes) { $0 < 0x20 })
            #expect(ByteWord.nonASCII(in: word) == marks(bytes) { $0 >= 0x80 })
            #expect(ByteWord.fromDelete(in: word) == marks(bytes) { $0 >= 0x7F })
            #expect(ByteWord.escapes(in: word) == marks(bytes) { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 })
            #expect(ByteWord.stringSpecials(in: word) == marks(bytes) { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 || $0 >= 0x80 })
            #expect(ByteWord.count(ByteWord.escapes(in: word)) == bytes.filter { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }.count)
        }
    }

    @Test func escapesAndReadsBackEveryMixAtEveryAlignment() throws {
        var generator = SplitMix64(seed: 0x4A53_4F4E_4573_6361)
        for length in 0..<40 {
            for _ in 0..<50 {
                var string = ""
                for _ in 0..<length { string.unicodeScalars.append(alphabet.randomElement(using: &generator) ?? "a") }
                let text = JSON.string(string).serializedString()
                #expect(text == reference(string))
                var utf8 = Array(string.utf8)
                let measured = utf8.withUnsafeMutableBufferPointer { JSONWriter.escapedLength(of: UnsafeBufferPointer($0)) }
                #expect(measured == text.utf8.count)
                #expect(try JSON.parse(text).stringValue == string)
            }
        }
    }

    /// Beyond 1 MiB the node buffer is sized by counting separators: texts dense with values
    /// (the most nodes per byte there can be) still read whole and right.
    @Test(arguments: [0, 1, 2, 3])
    func textsOverAMebibyteDenseWithValues(shape: Int) throws {
        let count = 600_000
        let text: String
        switch shape {
        case 0: text = "[" + Array(repeating: "1", count: count).joined(separator: ",") + "]"
        case 1: text = "[" + Array(repeating: "{}", count: count).joined(separator: ",") + "]"
        case 2: text = "{" + (0..<count / 4).map { "\"\($0)\":[]" }.joined(separator: ",") + "}"
        default: text = "[" + Array(repeating: "[[\"\"]]", count: count / 4).joined(separator: ",") + "]"
        }
        #expect(text.utf8.count > 1 << 20)
        let json = try JSON.parse(text)
        switch shape {
        case 2: #expect(json.objectValue?.count == count / 4)
        case 3: #expect(json.arrayValue?.count == count / 4)
        default: #expect(json.arrayValue?.count == count)
        }
    }

    @Test func aLongStringReservesOneNode() throws {
        let text = "\"" + String(repeating: "a, b: [c {", count: 200_000) + "\""
        let bound = Array(text.utf8).withUnsafeBufferPointer { JSONIndexer.maxValues(in: $0) }
        #expect(bound == 1 + 4 * 200_000, "separators inside the string count too: a bound, not a count")
        let plain = "\"" + String(repeating: "a", count: 2 << 20) + "\""
        #expect(Array(plain.utf8).withUnsafeBufferPointer { JSONIndexer.maxValues(in: $0) } == 1)
        #expect(try JSON.parse(plain).stringValue?.utf8.count == 2 << 20)
    }

    @Test func findsTheFirstForbiddenByteAtEveryOffset() {
        for offset in 0..<24 {
            let bytes = [UInt8(ascii: "\"")] + Array(repeating: UInt8(ascii: "a"), count: offset) + [0x01, UInt8(ascii: "\"")]
            #expect(throws: JSONParseError(reason: .controlCharacterInString, offset: offset + 1)) { try JSON.parse(bytes) }
            let invalid = [UInt8(ascii: "\"")] + Array(repeating: UInt8(ascii: "#"), count: offset) + [0xFF, UInt8(ascii: "\"")]
            #expect(throws: JSONParseError(reason: .invalidUTF8, offset: offset + 1)) { try JSON.parse(invalid) }
        }
    }
}
