/// A JSON number, kept as its literal text.
///
/// Keeping the text means an integer too large for `Int` (or for a `Double` to hold exactly) is
/// written back exactly as it was read, and a number is converted only when someone asks for it.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number's JSON text, e.g. `42`, `-0.5`, `1e-7`.
    public let literal: String

    /// A number from JSON text that the reader has already validated.
    init(validatedLiteral: String) {
        self.literal = validatedLiteral
    }

    public init(_ value: Int) {
        self.literal = String(value)
    }

    /// A finite `Double`, written in its shortest round-tripping form.
    public init(_ value: Double) {
        precondition(value.isFinite, "JSON has no literal for \(value)")
        if abs(value) < 1e15, let integer = Int(exactly: value) {
            self.literal = String(integer)
        } else {
            self.literal = "\(value)"
        }
    }

    /// A number from JSON text, or nil when `literal` is not a JSON number.
    public init?(literal: String) {
        guard JSONNumber.isValidLiteral(literal.utf8) else { return nil }
        self.literal = literal
    }

    public var description: String { literal }

    /// Whether the literal is written without a fraction or exponent.
    public var isIntegerLiteral: Bool {
        !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value as an `Int`, when it has no fractional part and fits (`3`, `3.0` and `3e0` do;
    /// `3.5` and `1e30` do not).
    public var intValue: Int? {
        if let value = Int(literal) { return value }
        guard let double = Double(literal) else { return nil }
        return Int(exactly: double)
    }

    /// The value as the nearest `Double`.
    public var doubleValue: Double { Double(literal) ?? .nan }

    static func isValidLiteral(_ bytes: String.UTF8View) -> Bool {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { JSONIndexer.numberEnd(in: $0, from: 0) == $0.count }
    }

    /// Numbers are equal when their values are: `2`, `2.0` and `2e0` are one number.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.literal == rhs.literal { return true }
        if let left = lhs.intValue, let right = rhs.intValue { return left == right }
        return lhs.doubleValue == rhs.doubleValue
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(doubleValue)
    }
}
