import Foundation
import JSONCore

// How the model's value types (Decimal, LocalDate, Timestamp, references) read from and write
// to their JSON wire form.

extension Decimal {
    /// The exact value of a JSON number's literal (`7.25` is 725 × 10⁻²), or nil.
    init?(jsonNumber number: JSONNumber) {
        guard let value = Decimal(string: number.literal, locale: nil) else { return nil }
        self = value
    }
}

extension JSON {
    /// A decimal as a JSON number with its exact digits. A NaN has no JSON number: it is sent as
    /// a string, so that the API refuses it as a wrong type instead of reading a null.
    static func decimal(_ value: Decimal) -> JSON {
        let text = value.description
        return JSONNumber(literal: text).map(JSON.number) ?? .string(text)
    }

    static func decimal(orNull value: Decimal?) -> JSON { value.map(JSON.decimal) ?? .null }

    static func date(_ value: LocalDate) -> JSON { .string(value.description) }

    static func date(orNull value: LocalDate?) -> JSON { value.map(JSON.date) ?? .null }

    static func timestamp(_ value: Timestamp) -> JSON { .string(value.text) }

    static func timestamp(orNull value: Timestamp?) -> JSON { value.map(JSON.timestamp) ?? .null }
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
        try NamedReference(fields: fields(key))
    }

    func optionalReference(_ key: String) throws(JSONDecodingError) -> NamedReference? {
        try optionalFields(key).map { (fields) throws(JSONDecodingError) in try NamedReference(fields: fields) }
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
