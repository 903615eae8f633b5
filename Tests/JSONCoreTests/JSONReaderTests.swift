import Testing
@testable import JSONCore

@Suite struct JSONReaderTests {
    @Test func readsEveryKindOfValue() throws {
        let json = try JSON.parse(#" {"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "d"}, "e": ""} "#)
        #expect(json["a"]?.arrayValue?.count == 6)
        #expect(json["a"]?.arrayValue?[0].intValue == 1)
        #expect(json["a"]?.arrayValue?[1].doubleValue == -2.5)
        #expect(json["a"]?.arrayValue?[2].intValue == 300)
        #expect(json["a"]?.arrayValue?[3] == .bool(true))
        #expect(json["a"]?.arrayValue?[5] == .null)
        #expect(json["b"]?["c"]?.stringValue == "d")
        #expect(json["e"]?.stringValue == "")
    }

    @Test func keepsMemberOrderAndTheLastOfARepeatedKey() throws {
        let json = try JSON.parse(#"{"z":1,"a":2,"z":3}"#)
        #expect(json.objectValue?.keys == ["a", "z"])
        #expect(json["z"]?.intValue == 3)
        #expect(json.serializedString() == #"{"a":2,"z":3}"#, "the writer sees what lookup sees")
        let spelled = try JSON.parse(#"{"a":1,"\u0061":2,"b":[{"c":1,"c":{"c":2,"c":3}}]}"#)
        #expect(spelled == ["a": 2, "b": [["c": ["c": 3]]]])
    }

    /// Removing a repeated key removes it: the earlier value does not come back.
    @Test func removingARepeatedKeyRemovesIt() throws {
        var object = try #require(try JSON.parse(#"{"a":1,"b":0,"a":2}"#).objectValue)
        object["a"] = nil
        #expect(object["a"] == nil)
        #expect(object == ["b": 0])
    }

    /// Equality is symmetric whatever the text repeated.
    @Test func equalityIsSymmetricWithRepeatedKeys() throws {
        let repeated = try JSON.parse(#"{"a":2,"a":2}"#)
        let other = try JSON.parse(#"{"a":2,"b":1}"#)
        #expect(repeated != other)
        #expect(other != repeated)
        #expect(repeated == ["a": 2])
        #expect(JSON.object(["a": 2]) == repeated)
        #expect(Set([repeated, ["a": 2]]).count == 1)
    }

    /// Objects of more than sixteen keys are checked by sorting their keys' fingerprints.
    @Test func findsARepeatedKeyAmongMany() throws {
        for count in [2, 16, 17, 300] {
            let members = (0..<count).map { "\"key\($0 % (count - 1))\":\($0)" }.joined(separator: ",")
            let object = try #require(try JSON.parse("{" + members + "}").objectValue)
            #expect(object.count == count - 1, "\(count) members")
            #expect(object["key0"] == .int(count - 1))
            let distinct = (0..<count).map { "\"key\($0)\":\($0)" }.joined(separator: ",")
            #expect(try JSON.parse("{" + distinct + "}").objectValue?.count == count)
        }
        // Same length and outer bytes, different middles: fingerprints alike, keys not.
        let alike = try JSON.parse(#"{"abcdefgh-1-abcdefgh":1,"abcdefgh-2-abcdefgh":2}"#)
        #expect(alike.objectValue?.count == 2)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let json = try JSON.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#)
        #expect(json.stringValue == "a\"b\\c/d\n\té😀")
    }

    @Test func keepsLargeIntegersExactly() throws {
        let literal = "123456789012345678901234567890"
        let json = try JSON.parse(literal)
        #expect(json.numberValue?.literal == literal)
        #expect(json.intValue == nil)
        #expect(json.serializedString() == literal)
        #expect(try JSON.parse("9007199254740993").intValue == 9_007_199_254_740_993)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":}", "01", "1.", "-", "1e", "tru", "nul", "\"abc", "[1 2]",
        "{\"a\" 1}", "{a:1}", "\"\\x\"", "\"\\ud800\"", "\"\\udc00x\"", "1 2", "\"a\u{01}b\"", "'a'",
    ])
    func refusesMalformedText(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSON.parse(text) }
    }

    @Test func refusesInvalidUTF8() throws {
        let cases: [[UInt8]] = [
            [0x22, 0xFF, 0x22],             // never valid
            [0x22, 0xC0, 0xAF, 0x22],       // overlong
            [0x22, 0xED, 0xA0, 0x80, 0x22], // encoded surrogate
            [0x22, 0xE2, 0x82, 0x22],       // truncated sequence
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], // above U+10FFFF
        ]
        for bytes in cases {
            #expect(throws: JSONParseError.self) { try JSON.parse(bytes) }
        }
        #expect(try JSON.parse(Array("\"é€😀\"".utf8)).stringValue == "é€😀")
    }

    @Test func refusesNestingDeeperThanTheLimit() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError(reason: .tooDeep(limit: 512), offset: 512)) { try JSON.parse(deep) }
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSON.parse(ok) }
    }

    /// Found by the fuzzer: unclosed brackets open a value per byte, more than valid text can
    /// hold; the reader must refuse them, not stop the process.
    @Test func refusesRunsOfOpeningBracketsOfAnyLength() {
        for count in 1...64 {
            for tail in ["", ".", "1", "\"", "[", "{", "{\"a\":"] {
                let text = String(repeating: "[", count: count) + tail
                #expect(throws: JSONParseError.self) { try JSON.parse(text) }
                #expect(throws: JSONParseError.self) { try JSONDocument(bytes: Array(text.utf8)) }
                let objects = String(repeating: "{\"\":", count: count) + tail
                #expect(throws: JSONParseError.self) { try JSON.parse(objects) }
            }
        }
    }

    @Test func errorsSayWhere() {
        #expect(throws: JSONParseError(reason: .unexpectedByte(UInt8(ascii: "x")), offset: 5)) {
            try JSON.parse("[1, 2x]")
        }
    }
}
