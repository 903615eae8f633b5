import Foundation
import Testing
import struct HoursmithSandbox.SplitMix64
@testable import JSONCore

/// The reader against Foundation's `JSONSerialization`, on seeded random valid documents written
/// in varied spellings (white space, escapes of every kind, exponents): both read the same values.
@Suite struct DifferentialTests {
    struct Generator {
        var random: SplitMix64

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }

        mutating func space() -> String {
            guard chance(20) else { return "" }
            return String((0..<int(1...3)).map { _ in [" ", "\n", "\t", "\r"][int(0...3)] })
        }

        /// A value, and its text in a random spelling.
        mutating func value(depth: Int) -> (JSON, String) {
            switch int(0...(depth > 4 ? 4 : 6)) {
            case 0: return (.null, "null")
            case 1: let flag = chance(50); return (.bool(flag), flag ? "true" : "false")
            case 2: return number()
            case 3, 4: let text = string(); return (.string(text), spelled(text))
            case 5:
                var elements: [JSON] = [], parts: [String] = []
                for _ in 0..<int(0...5) {
                    let (value, text) = value(depth: depth + 1)
                    elements.append(value)
                    parts.append(space() + text + space())
                }
                return (.array(elements), "[" + space() + parts.joined(separator: ",") + "]")
            default:
                var members: [(String, JSON)] = [], parts: [String] = []
                var keys = Set<String>()
                for _ in 0..<int(0...5) {
                    let key = string()
                    guard keys.insert(key).inserted else { continue }
                    let (value, text) = value(depth: depth + 1)
                    members.append((key, value))
                    parts.append(space() + spelled(key) + space() + ":" + space() + text + space())
                }
                return (.object(JSONObject(members)), "{" + space() + parts.joined(separator: ",") + "}")
            }
        }

        mutating func number() -> (JSON, String) {
            if chance(50) {
                let value = int(-(1 << 53)...(1 << 53))
                return (.int(value), chance(20) ? "\(value).0" : String(value))
            }
            let value = Double(int(-1_000_000...1_000_000)) / Double([1, 8, 100, 1024, 1000][int(0...4)])
                * pow(10, Double(int(-20...20)))
            let text = "\(value)".replacingOccurrences(of: "e+", with: chance(50) ? "E+" : "e")
            return (.double(value), text)
        }

        mutating func string() -> String {
            let alphabet: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1F}", "é", "ß", "€",
                                              "日", "😀", "\u{200B}", "\u{7F}", "\u{10FFFF}"]
            // Not U+FEFF: Foundation on Linux drops it at the start of a string.
            var scalars = String.UnicodeScalarView()
            for _ in 0..<int(0...12) { scalars.append(alphabet[int(0...(alphabet.count - 1))]) }
            return String(scalars)
        }

        /// A string in JSON, each character written as it is, as a short escape or as `\u`.
        mutating func spelled(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                let mustEscape = scalar == "\"" || scalar == "\\" || scalar.value < 0x20
                if !mustEscape && !chance(15) {
                    out.unicodeScalars.append(scalar)
                } else if let short = ["\"": "\\\"", "\\": "\\\\", "/": "\\/", "\n": "\\n", "\t": "\\t"][scalar], chance(70) {
                    out += short
                } else {
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16, uppercase: chance(50))
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                }
            }
            return out + "\""
        }
    }

    /// The same value, as Foundation reads it and as this reader does.
    static func same(_ json: JSON, _ foundation: Any) -> Bool {
        switch (json, foundation) {
        case (.null, is NSNull): return true
        case (.string(let string), let other as String): return string.unicodeScalars.elementsEqual(other.unicodeScalars)
        case (.array(let elements), let other as [Any]):
            return elements.count == other.count && zip(elements, other).allSatisfy { same($0, $1) }
        case (.object(let object), let other as [String: Any]):
            return object.count == other.count && object.allSatisfy { member in
                other.first { $0.key.unicodeScalars.elementsEqual(member.key.unicodeScalars) }.map { same(member.value, $0.value) } ?? false
            }
        case (.bool(let flag), let other as NSNumber): return other.boolValue == flag
        case (.bool(let flag), let other as Bool): return other == flag
        case (.number(let number), let decimal as NSDecimalNumber):
            // Foundation keeps some numbers as decimals (whose doubleValue is a few steps off).
            return Decimal(string: number.canonicalLiteral, locale: Locale(identifier: "en_US_POSIX")) == decimal.decimalValue
        case (.number(let number), let other as NSNumber):
            return number.doubleValue == other.doubleValue
        default: return false
        }
    }

    @Test func readsWhatFoundationReads() throws {
        var generator = Generator(random: SplitMix64(seed: 0x5EED_0008))
        for _ in 0..<1000 {
            let (expected, text) = generator.value(depth: 0)
            let document = generator.space() + text + generator.space()
            let bytes = Array(document.utf8)
            let json = try JSON.parse(bytes)
            #expect(json == expected, "\(document)")
            let foundation = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            #expect(DifferentialTests.same(json, foundation), "\(document)")
            #expect(try JSONDocument(bytes: bytes).root.json == json)
        }
    }
}
