import Foundation
import JSONCore

// How the model's value types (Decimal, LocalDate, Timestamp, references) read from and write
// to their JSON wire form.

extension Decimal {
    /// The exact value of a JSON number's literal (`7.25` is 725 × 10⁻²), or nil.
    ///
    /// Plain literals of up to 18 digits (all that hours and money ever are) are read directly,
    /// about ten times faster than `Decimal(string:)`, which reads the rest. nil for a number a
    /// `Decimal` cannot hold (`1e300`): the one way, in this package and its users, to read one.
    package init?(jsonNumber number: JSONNumber) {
        if let value = Decimal.plain(number.literal) {
            self = value
        } else if let value = Decimal(string: number.literal, locale: nil), !value.isNaN {
            self = value
        } else {
            return nil
        }
    }

    /// `-?digits(.digits)?` with at most 18 digits, else nil.
    private static func plain(_ literal: String) -> Decimal? {
        var significand: UInt64 = 0
        var digits = 0
        var exponent = 0
        var isNegative = false
        var seenPoint = false
        for byte in literal.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 18 else { return nil }
                significand = significand * 10 + UInt64(byte &- UInt8(ascii: "0"))
                digits += 1
                if seenPoint { exponent -= 1 }
            case UInt8(ascii: "."):
                guard !seenPoint, digits > 0 else { return nil }
                seenPoint = true
            case UInt8(ascii: "-"):
                guard !isNegative, digits == 0, !seenPoint else { return nil }
                isNegative = true
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        // A negative zero would be read as NaN by some Decimal implementations.
        guard significand != 0 else { return Decimal.zero }
        return Decimal(sign: isNegative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }
}

extension JSON {
    /// A decimal as a JSON number with its exact digits. A NaN has no JSON number: it is written
    /// as a string, so that a reader refuses it as a wrong type instead of reading a null.
    package static func decimal(_ value: Decimal) -> JSON {
        let text = value.description
        return JSONNumber(literal: text).map(JSON.number) ?? .string(text)
    }

    static func date(_ value: LocalDate) -> JSON { .string(value.description) }
}

extension JSONDecodingError {
    /// The error with its path placed under `prefix`.
    func under(_ prefix: String) -> JSONDecodingError {
        JSONDecodingError(path: path.isEmpty ? prefix : "\(prefix).\(path)", problem: problem)
    }
}

extension JSONFields {
    func decimal(_ key: String) throws(JSONDecodingError) -> Decimal {
        try value(key, expected: "a number") { $0.numberValue.flatMap(Decimal.init(jsonNumber:)) }
    }

    func optionalDecimal(_ key: String) throws(JSONDecodingError) -> Decimal? {
        try optionalValue(key, expected: "a number") { $0.numberValue.flatMap(Decimal.init(jsonNumber:)) }
    }

    func date(_ key: String) throws(JSONDecodingError) -> LocalDate {
        try value(key, expected: "a date (YYYY-MM-DD)") { $0.stringValue.flatMap(LocalDate.init) }
    }

    func optionalDate(_ key: String) throws(JSONDecodingError) -> LocalDate? {
        try optionalValue(key, expected: "a date (YYYY-MM-DD)") { $0.stringValue.flatMap(LocalDate.init) }
    }

    func timestamp(_ key: String) throws(JSONDecodingError) -> Timestamp {
        try value(key, expected: "an RFC 3339 timestamp") { $0.stringValue.flatMap(Timestamp.init) }
    }

    func optionalTimestamp(_ key: String) throws(JSONDecodingError) -> Timestamp? {
        try optionalValue(key, expected: "an RFC 3339 timestamp") { $0.stringValue.flatMap(Timestamp.init) }
    }

    func reference(_ key: String) throws(JSONDecodingError) -> NamedReference {
        try nested(key, NamedReference.self)
    }

    func optionalReference(_ key: String) throws(JSONDecodingError) -> NamedReference? {
        try optionalNested(key, NamedReference.self)
    }

    /// A nested model. Unlike `fields(_:)`, the nested path is built only when decoding fails:
    /// building `time_entries[3].project` for every reference is a large share of decoding a page.
    func nested<T: HoursmithModel>(_ key: String, _ type: T.Type) throws(JSONDecodingError) -> T {
        let object = try value(key, expected: "an object") { $0.objectValue }
        return try decodeNested(key, object, type)
    }

    /// A nested model that may be absent or null.
    func optionalNested<T: HoursmithModel>(_ key: String, _ type: T.Type) throws(JSONDecodingError) -> T? {
        guard let object = try optionalValue(key, expected: "an object", { $0.objectValue }) else { return nil }
        return try decodeNested(key, object, type)
    }

    private func decodeNested<T: HoursmithModel>(_ key: String, _ object: JSONObject, _ type: T.Type) throws(JSONDecodingError) -> T {
        do {
            return try T(fields: JSONFields(.object(object)))
        } catch {
            throw error.under(path(of: key))
        }
    }

    /// An array of models, each element's path built only when it fails to decode.
    func models<T: HoursmithModel>(_ key: String, _ type: T.Type) throws(JSONDecodingError) -> [T] {
        let elements = try value(key, expected: "an array") { $0.arrayValue }
        var models: [T] = []
        models.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            do {
                models.append(try T(fields: JSONFields(element)))
            } catch {
                throw error.under("\(path(of: key))[\(index)]")
            }
        }
        return models
    }

    func ints(_ key: String) throws(JSONDecodingError) -> [Int] {
        try array(key) { (element, path) throws(JSONDecodingError) -> Int in
            guard let value = element.intValue else {
                let found = element.typeName
                let article = found == "null" ? "" : (found == "array" || found == "object" ? "an " : "a ")
                throw JSONDecodingError(path: path, problem: "expected an integer, found \(article)\(found)")
            }
            return value
        }
    }

    /// A string member read as one of a type's raw values (roles, plans, states).
    func rawValue<T: RawRepresentable>(_ key: String, as type: T.Type) throws(JSONDecodingError) -> T where T.RawValue == String {
        try value(key, expected: "a string") { $0.stringValue.flatMap(T.init(rawValue:)) }
    }
}
