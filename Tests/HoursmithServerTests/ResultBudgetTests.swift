import JSONCore
import Testing
import struct HoursmithSandbox.SplitMix64
@testable import HoursmithServer

/// A result within the budget (one token per byte of its JSON) is left alone; a larger one is
/// cut at its largest array, then its long strings, saying so; what cannot fit is refused.
@Suite struct ResultBudgetTests {
    static func bytes(_ json: JSON) -> Int { json.serialized().count }

    @Test func theBudgetIsClampedToItsRange() {
        #expect(ResultBudget(tokens: 10).tokens == ResultBudget.minimumTokens)
        #expect(ResultBudget(tokens: 10_000_000).tokens == ResultBudget.maximumTokens)
        #expect(ResultBudget().tokens == 20_000)
    }

    @Test func aResultThatFitsIsUnchanged() {
        let json: JSON = ["items": .array((0..<10).map { .int($0) }), "total": 10]
        #expect(ResultBudget(tokens: 1_000).fit(json, hint: "Ask for less.") == json)
    }

    @Test func theLargestArrayIsCutToTheItemsThatFitAndTheNoteSaysSo() throws {
        let item: JSON = ["name": .string(String(repeating: "x", count: 90))]
        let json: JSON = ["small": [1, 2, 3], "entries": .array(Array(repeating: item, count: 100)), "total_entries": 100]
        let fitted = try #require(ResultBudget(tokens: 2_000).fit(json, hint: "Use a narrower period."))
        #expect(Self.bytes(fitted) <= 2_000)
        let kept = try #require(fitted["entries"]?.arrayValue)
        #expect(kept.count > 0 && kept.count < 100)
        #expect(fitted["small"] == [1, 2, 3], "the largest array is the one cut")
        #expect(fitted["truncated"] == true)
        let note = try #require(fitted["note"]?.stringValue)
        #expect(note.contains("`entries` shows \(kept.count) of 100"))
        #expect(note.hasSuffix("Use a narrower period."))
    }

    @Test func longTextsAreShortenedWhenCuttingArraysIsNotEnough() throws {
        let json: JSON = ["notes": .string(String(repeating: "n", count: 5_000)), "id": 1]
        let fitted = try #require(ResultBudget(tokens: 1_000).fit(json, hint: ""))
        #expect(fitted["notes"]?.stringValue?.count == 201, "200 characters and an ellipsis")
        #expect(fitted["truncated"] == true)
        #expect(fitted["note"]?.stringValue?.contains("long texts are shortened") == true)
    }

    @Test func anAnswerThatSizesItselfTakesItsLargestFormThatFits() {
        let forms: [JSON] = [
            ["note": "kept", "lines": .array(Array(repeating: .string(String(repeating: "x", count: 100)), count: 20))],
            ["note": "kept", "lines": .array(Array(repeating: "x", count: 20))],
            ["note": "kept"],
        ]
        var asked: [Int] = []
        let chosen = ResultBudget(tokens: 1_000).first(of: [0, 1, 2]) { asked.append($0); return forms[$0] }
        #expect(chosen == forms[1] && asked == [0, 1], "the first that fits, and no smaller one is built")
        #expect(ResultBudget(tokens: 5_000).first(of: [0, 1, 2]) { forms[$0] } == forms[0])
        let tooLarge: JSON = ["note": .string(String(repeating: "n", count: 2_000))]
        #expect(ResultBudget(tokens: 1_000).first(of: [0, 1]) { _ in tooLarge } == tooLarge, "none fits: the smallest, as it is")
    }

    @Test func whatCannotFitIsRefused() {
        var object: JSONObject = [:]
        for index in 0..<300 { object["member_\(index)"] = .string("value \(index)") }
        #expect(ResultBudget(tokens: 1_000).fit(.object(object), hint: "") == JSON?.none)
    }

    /// Seeded: whatever the shape, a fitted result is within the budget, and a result already
    /// within it comes back unchanged.
    @Test func everyFittedResultIsWithinTheBudget() {
        var random = SplitMix64(seed: 0xB0D6_E7)
        func value(depth: Int) -> JSON {
            switch random.below(depth > 2 ? 2 : 4) {
            case 0: return .string(String(repeating: "é", count: random.below(300)))
            case 1: return .int(random.below(1_000_000))
            case 2: return .array((0..<random.below(20)).map { _ in value(depth: depth + 1) })
            default: return .object(JSONObject((0..<random.below(6)).map { ("k\($0)", value(depth: depth + 1)) }))
            }
        }
        var cut = 0
        for _ in 0..<120 {
            let json: JSON = ["result": value(depth: 0), "list": .array((0..<random.below(40)).map { _ in value(depth: 2) })]
            let budget = ResultBudget(tokens: 1_000 + random.below(4_000))
            guard let fitted = budget.fit(json, hint: "") else { continue }
            #expect(Self.bytes(fitted) <= budget.tokens)
            if Self.bytes(json) <= budget.tokens { #expect(fitted == json) } else { cut += 1 }
        }
        #expect(cut >= 20, "the shapes drawn exercise the cutting (\(cut) cut)")
    }
}
