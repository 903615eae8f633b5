/// A JSON number, kept as its literal text.
///
/// Keeping the text means an integer too large for `Int` (or for a `Double` to hold exactly) is
/// written back exactly as it was read, and a number is converted only when someone asks for it.
///
/// Numbers compare and hash by their exact value, never through `Double`: `1`, `1.0`, `10e-1`
/// and `1e0` are one number, `-0` and `0` are one number, and `18446744073709551616` and
/// `18446744073709551617` (2^64 and 2^64 + 1, one `Double`) are two.
package struct JSONNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The number's JSON text, e.g. `42`, `-0.5`, `1e-7`.
    package let literal: String

    /// A number from JSON text that the reader has already validated.
    init(validatedLiteral: String) {
        self.literal = validatedLiteral
    }

    package init(_ value: Int) {
        self.literal = String(value)
    }

    /// A finite `Double`, written in its shortest round-tripping form.
    package init(_ value: Double) {
        precondition(value.isFinite, "JSON has no literal for \(value)")
        if abs(value) < 1e15, let integer = Int(exactly: value) {
            self.literal = String(integer)
        } else {
            self.literal = "\(value)"
        }
    }

    /// A number from JSON text, or nil when `literal` is not a JSON number.
    package init?(literal: String) {
        guard JSONNumber.isValidLiteral(literal.utf8) else { return nil }
        self.literal = literal
    }

    package var description: String { literal }

    /// Whether the literal is written without a fraction or exponent.
    package var isIntegerLiteral: Bool {
        !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// Whether the value is a whole number, whatever its size or spelling (`3`, `3.0`, `3e0`,
    /// `1e30`); `3.5` and `1e-400` are not.
    package var isInteger: Bool { isIntegerLiteral || exactValue.isInteger }

    /// The value as an `Int`, when it is a whole number that fits (`3`, `3.0` and `3e0` do;
    /// `3.5`, `1e30` and `1e-400` do not).
    package var intValue: Int? {
        // A plain integer literal (the usual kind) converts exactly, or overflows to nil.
        if isIntegerLiteral { return Int(literal) }
        return exactValue.intValue
    }

    /// The value as the nearest `Double` (infinite beyond its range, zero below it).
    package var doubleValue: Double { Double(literal) ?? .nan }

    /// Whether the nearest `Double` is finite: false for `1e400`, true for `1e-400` (which is 0).
    package var isFiniteAsDouble: Bool {
        JSONNumber.isFiniteAsDouble(literal: literal)
    }

    /// The value spelled canonically: its significant digits as an integer, then the exponent
    /// (`725e-2` for `7.250`, `-1e3` for `-1000.0`), or `0`. Numbers with the same value have the
    /// same canonical literal, and `Decimal(string:)` reads it exactly whenever
    /// ``fits(significantDigits:exponents:)`` says 38 digits and -128...127 — unlike some other
    /// spellings of the same value (`1e128`, `3000e-131`).
    package var canonicalLiteral: String {
        let value = exactValue
        guard !value.digits.isEmpty else { return "0" }
        let exponent: String
        switch value.exponent {
        case .small(let scientific): exponent = String(scientific - value.digits.count)
        case .huge(let negative, let magnitude):
            // Beyond 10^18 the digit count does not show in the leading digits written.
            exponent = (negative ? "-" : "") + String(decoding: ExactDecimal.add(negative ? value.digits.count : -value.digits.count, to: magnitude), as: UTF8.self)
        }
        return (value.negative ? "-" : "") + String(decoding: value.digits, as: UTF8.self) + "e" + exponent
    }

    /// Whether the value is `m × 10^k`, `m` an integer of at most `significantDigits` digits (and
    /// no trailing zero) and `k` in `exponents`: what a decimal type with those limits holds
    /// (`Decimal`: 38 digits, -128...127), spelled by ``canonicalLiteral``. Zero always fits.
    package func fits(significantDigits: Int, exponents: ClosedRange<Int>) -> Bool {
        let value = exactValue
        guard !value.digits.isEmpty else { return true }
        guard case .small(let exponent) = value.exponent, value.digits.count <= significantDigits else { return false }
        return exponents.contains(exponent - value.digits.count)
    }

    static func isValidLiteral(_ bytes: String.UTF8View) -> Bool {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { JSONIndexer.numberEnd(in: $0, from: 0) == $0.count }
    }

    /// Numbers are equal when their values are exactly equal.
    package static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.literal == rhs.literal { return true }
        // JSON integers have no leading zeros: two plain ones are equal only as `0` and `-0`.
        if lhs.isIntegerLiteral && rhs.isIntegerLiteral { return lhs.isPlainZero && rhs.isPlainZero }
        return lhs.exactValue == rhs.exactValue
    }

    private var isPlainZero: Bool { literal == "0" || literal == "-0" }

    /// Orders by exact value.
    package static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.literal != rhs.literal && lhs.exactValue < rhs.exactValue
    }

    package func hash(into hasher: inout Hasher) {
        // Equal numbers have equal `Int` values when one has any (the value decides, not the
        // spelling), so those that fit hash as that `Int`, without normalising.
        if let integer = intValue {
            hasher.combine(integer)
        } else {
            hasher.combine(exactValue)
        }
    }

    /// The exact value, normalised.
    var exactValue: ExactDecimal {
        var literal = literal
        return literal.withUTF8 { ExactDecimal(literal: $0) }
    }

    /// Whether the JSON number `literal` (valid) is finite once rounded to a `Double`.
    static func isFiniteAsDouble(literal: String) -> Bool {
        var literal = literal
        return literal.withUTF8 { isFiniteAsDouble(literal: $0) }
    }

    /// Whether the JSON number in `utf8` (valid) is finite once rounded to a `Double`: decided
    /// from its decimal exponent alone, except within a factor of ten of the largest `Double`.
    static func isFiniteAsDouble(literal utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let value = ExactDecimal(literal: utf8)
        switch value.exponent {
        case .huge(let negative, _): return negative || value.digits.isEmpty
        case .small(let exponent):
            // The value is 0.d… × 10^exponent: below 10^308 it is finite, from 10^309 it is not.
            if exponent <= 308 || value.digits.isEmpty { return true }
            if exponent >= 310 { return false }
            return (Double(String(decoding: utf8, as: UTF8.self)) ?? .infinity).isFinite
        }
    }
}

/// The exact value of a JSON number: a sign, its significant digits and a decimal exponent, such
/// that the value is `0.d₁d₂…dₙ × 10^exponent` (zero has no digits). Two literals with the same
/// value have the same normal form, so equality, order and hashing follow the value.
struct ExactDecimal: Hashable, Comparable {
    /// The exponent: an `Int`, or for the rare literal whose exponent has more than 18 digits,
    /// its decimal digits (without leading zeros).
    enum Exponent: Hashable {
        case small(Int)
        case huge(negative: Bool, magnitude: [UInt8])
    }

    let negative: Bool
    /// ASCII digits, the first not `0`, the last not `0`; empty for zero.
    let digits: [UInt8]
    let exponent: Exponent

    /// Normalises a valid JSON number literal.
    init(literal utf8: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let isNegative = utf8.first == UInt8(ascii: "-")
        if isNegative { index += 1 }
        var digits: [UInt8] = []
        digits.reserveCapacity(utf8.count)
        var integerDigits = 0
        var leadingZeros = 0
        var inFraction = false
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if !inFraction { integerDigits += 1 }
                if digits.isEmpty && byte == UInt8(ascii: "0") {
                    leadingZeros += 1
                } else {
                    digits.append(byte)
                }
            } else {
                break // e or E
            }
            index += 1
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        // The written exponent, after the `e`.
        var exponentNegative = false
        var exponentDigits = ArraySlice<UInt8>()
        if index < utf8.count {
            index += 1
            if utf8[index] == UInt8(ascii: "-") || utf8[index] == UInt8(ascii: "+") {
                exponentNegative = utf8[index] == UInt8(ascii: "-")
                index += 1
            }
            var start = index
            while start < utf8.count - 1 && utf8[start] == UInt8(ascii: "0") { start += 1 }
            exponentDigits = ArraySlice(UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        self.negative = isNegative && !digits.isEmpty
        self.digits = digits
        guard !digits.isEmpty else {
            exponent = .small(0)
            return
        }
        // The point moves left past the integer digits, right past leading zeros.
        let shift = integerDigits - leadingZeros
        if exponentDigits.count <= 18 {
            var written = 0
            for digit in exponentDigits { written = written * 10 + Int(digit - UInt8(ascii: "0")) }
            exponent = .small((exponentNegative ? -written : written) + shift)
        } else {
            // |written| ≥ 10^18 dwarfs |shift| < 2^32: the sign is the written one.
            let magnitude = ExactDecimal.add(exponentNegative ? -shift : shift, to: Array(exponentDigits))
            exponent = .huge(negative: exponentNegative, magnitude: magnitude)
        }
    }

    /// `magnitude + delta` for decimal digits whose value far exceeds |delta|.
    static func add(_ delta: Int, to magnitude: [UInt8]) -> [UInt8] {
        var result = magnitude
        var carry = delta
        var position = result.count - 1
        while carry != 0 && position >= 0 {
            var digit = Int(result[position] - UInt8(ascii: "0")) + carry % 10
            carry /= 10
            if digit < 0 {
                digit += 10
                carry -= 1
            } else if digit > 9 {
                digit -= 10
                carry += 1
            }
            result[position] = UInt8(ascii: "0") + UInt8(digit)
            position -= 1
        }
        if carry > 0 { result.insert(contentsOf: String(carry).utf8, at: 0) }
        let firstNonZero = result.firstIndex { $0 != UInt8(ascii: "0") } ?? result.count - 1
        return Array(result[firstNonZero...])
    }

    /// Whether the value has no fractional part.
    var isInteger: Bool {
        switch exponent {
        case _ where digits.isEmpty: true
        case .small(let exponent): exponent >= digits.count
        case .huge(let negative, _): !negative
        }
    }

    /// The value as an `Int`, when it is a whole number that fits.
    var intValue: Int? {
        if digits.isEmpty { return 0 }
        guard case .small(let exponent) = exponent, exponent >= digits.count, exponent <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for position in 0..<exponent {
            let digit = position < digits.count ? UInt64(digits[position] - UInt8(ascii: "0")) : 0
            let (shifted, overflowShift) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = shifted.addingReportingOverflow(digit)
            if overflowShift || overflowSum { return nil }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int.max) + 1 else { return nil }
            return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
        }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }

    static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.negative != rhs.negative { return lhs.negative }
        // Same sign: compare magnitudes, reversed for negative numbers.
        return lhs.negative ? magnitudeLess(rhs, lhs) : magnitudeLess(lhs, rhs)
    }

    private static func magnitudeLess(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Bool {
        if lhs.digits.isEmpty || rhs.digits.isEmpty { return lhs.digits.isEmpty && !rhs.digits.isEmpty }
        if lhs.exponent != rhs.exponent { return exponentLess(lhs.exponent, rhs.exponent) }
        // Same exponent: the digits decide, a prefix being the smaller.
        return lhs.digits.lexicographicallyPrecedes(rhs.digits)
    }

    private static func exponentLess(_ lhs: Exponent, _ rhs: Exponent) -> Bool {
        switch (lhs, rhs) {
        case (.small(let left), .small(let right)): return left < right
        case (.small, .huge(let negative, _)): return !negative
        case (.huge(let negative, _), .small): return negative
        case (.huge(let leftNegative, let left), .huge(let rightNegative, let right)):
            if leftNegative != rightNegative { return leftNegative }
            let less = left.count != right.count ? left.count < right.count : left.lexicographicallyPrecedes(right)
            let equal = left == right
            return leftNegative ? (!less && !equal) : less
        }
    }
}
