import JSONCore

/// Fixed-point numbers with two decimals (hours, money), kept as an integer count of hundredths
/// so that sums and comparisons are exact.
enum Hundredths {
    /// The largest magnitude accepted from a request: 10^13 (10^11 units).
    static let limit = 10_000_000_000_000

    /// The value of a JSON number literal in hundredths, rounded half away from zero; nil when
    /// the magnitude is above `limit`.
    static func parse(_ literal: String) -> Int? {
        var bytes = Array(literal.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        var exponent = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                guard let value = Int(String(decoding: bytes[(index + 1)...], as: UTF8.self)),
                      abs(value) < 100
                else { return nil }
                exponent = value
                break
            } else {
                digits.append(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            }
            index += 1
        }
        // value = digits × 10^(exponent − fractionDigits); we want value × 100.
        let shift = exponent - fractionDigits + 2
        var result = 0
        if shift >= 0 {
            for digit in digits {
                let (times, overflow1) = result.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int(digit))
                guard !overflow1, !overflow2, sum <= limit else { return nil }
                result = sum
            }
            for _ in 0..<shift {
                let (times, overflow) = result.multipliedReportingOverflow(by: 10)
                guard !overflow, times <= limit else { return nil }
                result = times
            }
        } else {
            let kept = max(0, digits.count + shift)
            for digit in digits[0..<kept] {
                let (times, overflow1) = result.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int(digit))
                guard !overflow1, !overflow2, sum <= limit else { return nil }
                result = sum
            }
            let firstDropped = digits.count + shift
            if firstDropped >= 0, firstDropped < digits.count, digits[firstDropped] >= 5 { result += 1 }
        }
        return negative ? -result : result
    }

    /// `a × b / 100`, rounded half away from zero: hours (hundredths) times a rate (cents)
    /// gives money (cents). Nil on overflow.
    static func multiply(_ a: Int, _ b: Int) -> Int? {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { return nil }
        let quotient = product / 100, remainder = product % 100
        if remainder >= 50 { return quotient + 1 }
        if remainder <= -50 { return quotient - 1 }
        return quotient
    }

    /// The text of a value: `1.25`, `1.5`, `2.0`, `-0.75`.
    static func text(_ value: Int) -> String {
        let magnitude = value.magnitude
        let whole = magnitude / 100, fraction = magnitude % 100
        let sign = value < 0 ? "-" : ""
        if fraction == 0 { return "\(sign)\(whole).0" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The value as a JSON number.
    static func json(_ value: Int) -> JSON {
        if value >= 0 && value < small.count { return small[value] }
        return JSONNumber(literal: text(value)).map(JSON.number) ?? .null
    }

    /// 0.00 to 24.00 (every possible hours value), made once: pages of time entries use them.
    private static let small: [JSON] = (0...2400).map { JSONNumber(literal: text($0)).map(JSON.number) ?? .null }

    /// The value as a JSON number, or null.
    static func json(orNull value: Int?) -> JSON {
        value.map(json) ?? .null
    }

    /// The value as a `Double` (for the public snapshot).
    static func double(_ value: Int) -> Double {
        Double(value) / 100
    }
}
