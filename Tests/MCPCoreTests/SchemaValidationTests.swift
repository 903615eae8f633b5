import Testing
import JSONCore
@testable import MCPCore

@Suite struct SchemaValidationTests {
    private func problems(_ schema: JSONSchema, _ arguments: JSON) -> [String] {
        SchemaValidator(schema).problems(in: arguments)
    }

    private let named = JSONSchema.object(["name": .string("A name.", minLength: 2, maxLength: 200)])

    /// JSON Schema counts lengths in code points: one letter and 100,000 combining marks is
    /// 100,001 characters, not one.
    @Test func lengthsCountCodePoints() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 100_000)
        #expect(problems(named, ["name": .string(zalgo)]) == ["Argument `name` must be at most 200 characters long; got 100001."])
        #expect(problems(named, ["name": "e\u{301}"]) == [], "two code points, one character")
        #expect(problems(named, ["name": "é"]) == ["Argument `name` must be at least 2 characters long; got 1."])
        #expect(problems(named, ["name": .string(String(repeating: "😀", count: 200))]) == [])
        #expect(problems(named, ["name": .string(String(repeating: "x", count: 5000))])
            == ["Argument `name` must be at most 200 characters long; got 5000."])
    }

    /// A message shows a few dozen characters of what was given, and always the argument's name.
    @Test func messagesShowABoundedPartOfTheInput() {
        let long = String(repeating: "ab", count: 500_000)
        let schema = JSONSchema.object([
            "day": .string("A day.", pattern: "^[0-9]{4}$", patternHint: "a year"),
            "kind": .string("A kind.", enum: ["a", "b"]),
            "count": .integer("A count.", maximum: 10),
        ])
        let hugeNumber = JSONNumber(literal: String(repeating: "9", count: 10_000)).map(JSON.number) ?? .null
        let all = problems(schema, ["day": .string(long), "kind": .string(long), "count": hugeNumber, long: 1])
        #expect(all.count == 4)
        for problem in all {
            #expect(problem.unicodeScalars.count < 200, "\(problem.prefix(300))")
        }
        let shown = String(repeating: "ab", count: 20) + "…"
        #expect(all.contains("Argument `day` must be a year; got \"\(shown)\"."))
        #expect(all.contains { $0.hasPrefix("Argument `kind` must be one of \"a\", \"b\"; got \"\(shown)\"") })
        #expect(all.contains("Argument `count` must be at most 10; got \(String(repeating: "9", count: 40))…."))
        #expect(all.contains { $0.hasPrefix("Unknown argument `\(shown)`.") })
    }

    @Test func stopsAfterAFewProblems() {
        let many = JSON.object(JSONObject((0..<10_000).map { ("unknown_\($0)", JSON.int($0)) }))
        #expect(problems(named, many).count == SchemaValidator.problemLimit)
        let ids = JSONSchema.object(["ids": .array(of: .integer(minimum: 1))])
        let bad = problems(ids, ["ids": .array((0..<10_000).map { _ in JSON.int(0) })])
        #expect(bad.count == SchemaValidator.problemLimit)
        #expect(bad.first == "Argument `ids[0]` must be at least 1; got 0.")
    }

    /// An array beyond `maxItems` is refused for its size alone, without looking into it.
    @Test func boundsComeFirst() {
        let ids = JSONSchema.object(["ids": .array(of: .integer(minimum: 1), maxItems: 3, uniqueItems: true)])
        #expect(problems(ids, ["ids": [0, "x", 0, 0]]) == ["Argument `ids` must have at most 3 items; got 4."])
        #expect(problems(ids, ["ids": [1, 2, 1]]) == ["Argument `ids` must not repeat items; the number 1 appears more than once."])
    }

    /// Items are unique by exact value: 1 and 1.0 are one, 2^64 and 2^64 + 1 are two.
    @Test func uniqueItemsCompareExactValues() throws {
        let numbers = JSONSchema.object(["values": .array(of: .number(), maxItems: 100, uniqueItems: true)])
        #expect(problems(numbers, ["values": [1, try JSON.parse("1.0")]]).count == 1)
        #expect(problems(numbers, ["values": try JSON.parse("[18446744073709551616, 18446744073709551617]")]) == [])
        let objects = JSONSchema.object(["values": .array(of: .any(), maxItems: 100, uniqueItems: true)])
        #expect(problems(objects, ["values": [["a": 1, "b": 2], ["b": 2, "a": 1]]]).count == 1)
        #expect(problems(objects, ["values": [["a": 1], ["a": 2], [1, 2], [2, 1], "1", 1]]) == [])
    }

    /// A number a tool cannot use is out of range, named — never read as missing.
    @Test func numbersBeyondWhatToolsCanUseAreOutOfRange() throws {
        let schema = JSONSchema.object([
            "amount": .number("An amount.", exclusiveMinimum: 0),
            "id": .integer("An id.", minimum: 1),
            "hours": .number("Hours.", maximum: 24),
        ])
        func problem(_ name: String, _ literal: String) throws -> String? {
            problems(schema, [name: try JSON.parse(literal)]).first
        }
        #expect(try problem("amount", "1e300")?.hasPrefix("Argument `amount` is out of range") == true)
        #expect(try problem("amount", "1e-400")?.hasPrefix("Argument `amount` is out of range") == true)
        #expect(try problem("amount", "123456789012345678901234567890123456789")?.hasPrefix("Argument `amount` is out of range") == true)
        #expect(try problem("amount", "0.1") == nil)
        #expect(try problem("amount", "12345678901234567890123456789012345678") == nil)
        #expect(try problem("amount", "9.9e128") == nil)
        #expect(try problem("amount", "1e127") == nil)
        #expect(try problem("amount", "1e128")?.hasPrefix("Argument `amount` is out of range") == true)
        #expect(try problem("amount", "1e-128") == nil)
        #expect(try problem("amount", "1.5e-128")?.hasPrefix("Argument `amount` is out of range") == true)
        #expect(try problem("amount", "-0") == "Argument `amount` must be greater than 0; got -0.")
        #expect(try problem("id", "1e30")?.hasPrefix("Argument `id` is out of range") == true)
        #expect(try problem("id", "18446744073709551616")?.hasPrefix("Argument `id` is out of range") == true)
        #expect(try problem("id", "9223372036854775807") == nil)
        #expect(try problem("id", "2.0") == nil)
        #expect(try problem("id", "2.5") == "Argument `id` must be an integer; got the number 2.5.")
        #expect(try problem("hours", "24.000000000000000000001") == "Argument `hours` must be at most 24; got 24.000000000000000000001.",
                "bounds compare exactly, not through Double")
        #expect(try problem("hours", "1e400") == "Argument `hours` must be at most 24; got 1e400.")
    }

    @Test func listsWhatAnInputSchemaLeavesUnbounded() {
        let schema = JSONSchema.object([
            "name": .string("A name.", maxLength: 100),
            "note": .string("A note."),
            "kind": .string("A kind.", enum: ["a"]),
            "ids": .array(of: .integer(), maxItems: 10),
            "tags": .array(of: .string()),
            "extra": .any(),
            "nested": .object(["deep": .string()], additionalProperties: true),
        ])
        #expect(schema.unboundedPaths == ["note", "tags", "tags[]", "extra", "nested", "nested.deep"])
        #expect(JSONSchema.object(["ok": .string(maxLength: 5)]).unboundedPaths == [])
    }
}
