import Testing
@testable import JSONCore

@Suite struct JSONWriterTests {
    @Test func writesCompactTextInMemberOrder() {
        let value: JSON = ["b": 1, "a": [true, nil, "x"], "c": ["d": 2.5]]
        #expect(value.serializedString() == #"{"b":1,"a":[true,null,"x"],"c":{"d":2.5}}"#)
    }

    @Test func escapesWhatJSONRequiresAndNoMore() {
        let value = JSON.string("q\"b\\n\nr\rt\tc\u{01}é/😀")
        #expect(value.serializedString() == #""q\"b\\n\nr\rt\tc\u0001é/😀""#)
    }

    @Test func neverWritesARawNewline() {
        let value: JSON = ["text": "line one\nline two\r\n", "nested": ["\n"]]
        #expect(!value.serialized().contains(0x0A))
        #expect(!value.serialized().contains(0x0D))
    }

    @Test func roundTripsWhatItReads() throws {
        let text = #"{"id":12345678901234567890,"name":"Zoë \"Z\"","hours":1.25,"tags":[],"meta":{},"neg":-0.5,"exp":1e-7}"#
        let json = try JSON.parse(text)
        #expect(json.serializedString() == text)
        #expect(try JSON.parse(json.serialized()) == json)
    }

    @Test func continuesAnObjectBegunElsewhere() throws {
        var writer = JSONWriter()
        writer.raw(#"{"a":1"#)
        writer.writeMembers(continuing: ["b": 2, "c": "x\"y"])
        writer.writeMembers(continuing: [:])
        writer.raw("}")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":1,"b":2,"c":"x\"y"}"#)
    }

    @Test func writesDoublesInShortestForm() {
        #expect(JSON.double(2).serializedString() == "2")
        #expect(JSON.double(0.1).serializedString() == "0.1")
        #expect(JSON.double(-1.5).serializedString() == "-1.5")
        #expect(JSON.double(.nan) == .null)
        #expect(JSON.double(.infinity) == .null)
    }

    @Test func numbersCompareByValue() throws {
        #expect(try JSON.parse("2.0") == JSON.int(2))
        #expect(try JSON.parse("2e0") == JSON.int(2))
        #expect(try JSON.parse("2.5") != JSON.int(2))
    }

    @Test func objectsCompareWithoutRegardToOrder() {
        let left: JSON = ["a": 1, "b": 2]
        let right: JSON = ["b": 2, "a": 1]
        #expect(left == right)
        #expect(left != ["a": 1, "b": 3])
    }
}
