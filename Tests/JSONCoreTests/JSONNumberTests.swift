import Foundation
import Testing
import struct HoursmithSandbox.SplitMix64
@testable import JSONCore

@Suite struct JSONNumberTests {
    private func number(_ literal: String) throws -> JSONNumber {
        try #require(JSONNumber(literal: literal))
    }

    @Test func oneValueManySpellingsIsOneNumber() throws {
        let spellings = ["1", "1.0", "1e0", "1E+0", "10e-1", "0.1e1", "100e-2", "1.000", "0.001e3"]
        let numbers = try spellings.map(number)
        for left in numbers {
            for right in numbers {
                #expect(left == right, "\(left) and \(right)")
                #expect(left.hashValue == right.hashValue, "\(left) and \(right)")
            }
        }
        #expect(Set(numbers).count == 1)
        #expect(try Set(["0", "-0", "0.0", "-0e5", "0e-400"].map(number)).count == 1, "zero has no sign")
    }

    /// 2^64 and 2^64 + 1 are one `Double`: compared through it they collide.
    @Test func integersBeyondDoubleStayDistinct() throws {
        let low = try number("18446744073709551616"), high = try number("18446744073709551617")
        #expect(low.doubleValue == high.doubleValue, "the premise: one Double")
        #expect(low != high)
        #expect(low < high)
        #expect(Set([low, high]).count == 2)
        #expect(try number("18446744073709551617") == number("1.8446744073709551617e19"))
        #expect(try number("9007199254740993") != number("9007199254740992"))
    }

    @Test func exponentsOfAnySizeCompareExactly() throws {
        #expect(try number("1e1000000000000000000000") == number("10e999999999999999999999"))
        #expect(try number("1e1000000000000000000000") == number("0.0001e1000000000000000000004"))
        #expect(try number("1e1000000000000000000000") != number("1e1000000000000000000001"))
        #expect(try number("1e1000000000000000000000") < number("1e1000000000000000000001"))
        #expect(try number("1e-1000000000000000000000") < number("1e-999999999999999999999"))
        #expect(try number("1e-1000000000000000000000") > number("0"))
        #expect(try number("-1e1000000000000000000000") < number("-1"))
        #expect(try number("1e0000000000000000000000005") == number("100000"))
    }

    /// Against `Decimal`, on seeded random values written in random spellings.
    @Test func orderAndEqualityFollowTheValue() throws {
        var generator = SplitMix64(seed: 0x5EED_0001)
        func spell(_ mantissa: Int64, _ exponent: Int) -> String {
            let sign = mantissa < 0 ? "-" : ""
            let digits = String(mantissa.magnitude)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: return "\(sign)\(digits)e\(exponent)"
            case 1:
                // Move the point into the digits, and the exponent to match.
                let shift = Int.random(in: 0..<digits.count, using: &generator)
                let point = digits.index(digits.endIndex, offsetBy: -shift)
                let fraction = shift == 0 ? "" : "." + digits[point...]
                return "\(sign)\(digits[..<point])\(fraction)e\(exponent + shift)"
            default:
                let zeros = Int.random(in: 0...3, using: &generator)
                return "\(sign)\(digits)\(String(repeating: "0", count: zeros))e\(exponent - zeros)"
            }
        }
        for _ in 0..<2000 {
            let mantissas = (0..<2).map { _ in Int64.random(in: -999_999...999_999, using: &generator) }
            let exponents = (0..<2).map { _ in Int.random(in: -4...4, using: &generator) }
            let left = try number(spell(mantissas[0], exponents[0])), right = try number(spell(mantissas[1], exponents[1]))
            let reference = (0..<2).map { Decimal(mantissas[$0]) * pow(Decimal(10), exponents[$0] + 10) }
            #expect((left == right) == (reference[0] == reference[1]), "\(left) \(right)")
            #expect((left < right) == (reference[0] < reference[1]), "\(left) \(right)")
            let respelled = try number(spell(mantissas[0], exponents[0]))
            #expect(left == respelled && left.hashValue == respelled.hashValue, "\(left) \(respelled)")
        }
    }

    @Test func onlyExactIntegersReadAsIntegers() throws {
        #expect(try number("1e-400").intValue == nil, "1e-400 is not 0")
        #expect(try number("1e-400").isInteger == false)
        #expect(try JSON.parse("1e-400").typeName == "number")
        #expect(try number("0e-400").intValue == 0)
        #expect(try number("3.0").intValue == 3)
        #expect(try number("1.5e1").intValue == 15)
        #expect(try number("12.5").intValue == nil)
        #expect(try number("1e30").intValue == nil)
        #expect(try number("1e30").isInteger)
        #expect(try number("1e1000000000000000000000").isInteger)
        #expect(try number("-9223372036854775808").intValue == Int.min)
        #expect(try number("-9.223372036854775808e18").intValue == Int.min)
        #expect(try number("9.223372036854775807e18").intValue == Int.max)
        #expect(try number("9223372036854775808").intValue == nil)
        #expect(try number("9.223372036854775808e18").intValue == nil)
    }

    /// One spelling per value, which `Decimal(string:)` reads exactly whenever the number fits
    /// 38 digits and exponents -128...127 (other spellings it refuses: `1e128`, `3000e-131`).
    @Test func canonicalLiteralsAreOnePerValueAndReadExactlyAsDecimals() throws {
        #expect(try number("7.250").canonicalLiteral == "725e-2")
        #expect(try number("-1000.0").canonicalLiteral == "-1e3")
        #expect(try number("-0.0e7").canonicalLiteral == "0")
        #expect(try number("10e999999999999999999999").canonicalLiteral == "1e1000000000000000000000")
        #expect(try number("0.00012e-999999999999999999999").canonicalLiteral == "12e-1000000000000000000004")
        var generator = SplitMix64(seed: 0x5EED_0007)
        let posix = Locale(identifier: "en_US_POSIX")
        for _ in 0..<1000 {
            let digits = String(UInt64.random(in: 1...UInt64.max / 10, using: &generator)) + String(Int.random(in: 1...9, using: &generator))
            let exponent = Int.random(in: -140...140, using: &generator)
            let zeros = Int.random(in: 0...30, using: &generator)
            let spelled = try number(digits + String(repeating: "0", count: zeros) + "e\(exponent - zeros)")
            let fits = spelled.fits(significantDigits: 38, exponents: -128...127)
            #expect(fits == (-128...127).contains(exponent))
            if fits {
                let decimal = try #require(Decimal(string: spelled.canonicalLiteral, locale: posix), "\(spelled)")
                #expect(decimal == Decimal(sign: .plus, exponent: exponent, significand: Decimal(string: digits, locale: posix) ?? 0))
            }
        }
    }

    @Test func finitenessAsADoubleMatchesTheConversion() throws {
        let fixed = ["1e308", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1.8e308",
                     "1e309", "1e400", "-1e400", "1e-400", "0e999999999999999999999", "17976931348623157e292",
                     "1e99999999999999999999", "-1e-99999999999999999999", "0.000000000000000000001e329"]
        var generator = SplitMix64(seed: 0x5EED_0002)
        let random = (0..<500).map { _ in
            "\(Int.random(in: 1...99_999, using: &generator)).\(Int.random(in: 0...999, using: &generator))e\(Int.random(in: 300...312, using: &generator))"
        }
        for literal in fixed + random {
            #expect(try number(literal).isFiniteAsDouble == (Double(literal) ?? .nan).isFinite, "\(literal)")
        }
    }

    @Test func aDocumentCanRefuseNumbersBeyondDouble() throws {
        let text = Array(#"{"amount":1e400}"#.utf8)
        #expect(throws: JSONParseError(reason: .numberOutOfRange, offset: 10)) { try JSONDocument(bytes: text, finiteNumbers: true) }
        #expect(try JSONDocument(bytes: text).root["amount"]?.json.numberValue?.literal == "1e400", "off by default")
        #expect(try JSONDocument(bytes: Array(#"[1.7976931348623157e308,1e-400,-5]"#.utf8), finiteNumbers: true).root.elements?.count == 3)
    }
}
