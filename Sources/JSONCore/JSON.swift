/// A JSON value.
///
/// Objects keep their members in order, so what is written is deterministic and reads as it
/// was built. Numbers keep their literal text, so an integer of any size (a JSON-RPC id beyond
/// 2^53, say) is written back exactly as it was read.
///
/// Read with ``JSON/parse(_:)-(UnsafeRawBufferPointer)``; write with ``JSON/serialized()``.
package enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSON])
    case object(JSONObject)
}

// MARK: - Building

extension JSON {
    /// An integer value.
    package static func int(_ value: Int) -> JSON { .number(JSONNumber(value)) }
    /// A floating-point value; a non-finite one becomes `null`, as JSON has no way to say it.
    package static func double(_ value: Double) -> JSON {
        value.isFinite ? .number(JSONNumber(value)) : .null
    }
    /// `.string(value)`, or `.null` when `value` is nil.
    package static func string(orNull value: String?) -> JSON { value.map(JSON.string) ?? .null }
    /// `.int(value)`, or `.null` when `value` is nil.
    package static func int(orNull value: Int?) -> JSON { value.map(JSON.int) ?? .null }
}

extension JSON: ExpressibleByNilLiteral {
    package init(nilLiteral: ()) { self = .null }
}

extension JSON: ExpressibleByBooleanLiteral {
    package init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSON: ExpressibleByIntegerLiteral {
    package init(integerLiteral value: Int) { self = .int(value) }
}

extension JSON: ExpressibleByFloatLiteral {
    package init(floatLiteral value: Double) { self = .double(value) }
}

extension JSON: ExpressibleByStringLiteral {
    package init(stringLiteral value: String) { self = .string(value) }
}

extension JSON: ExpressibleByArrayLiteral {
    package init(arrayLiteral elements: JSON...) { self = .array(elements) }
}

extension JSON: ExpressibleByDictionaryLiteral {
    package init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(elements))
    }
}

// MARK: - Reading

extension JSON {
    package var isNull: Bool { if case .null = self { true } else { false } }

    package var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }

    package var stringValue: String? { if case .string(let value) = self { value } else { nil } }

    package var numberValue: JSONNumber? { if case .number(let value) = self { value } else { nil } }

    /// The value as an `Int`, when it is a number with no fractional part that fits.
    package var intValue: Int? { numberValue?.intValue }

    /// The value as a `Double`, when it is a number.
    package var doubleValue: Double? { numberValue?.doubleValue }

    package var arrayValue: [JSON]? { if case .array(let value) = self { value } else { nil } }

    package var objectValue: JSONObject? { if case .object(let value) = self { value } else { nil } }

    /// The member named `key`, when this is an object that has one.
    package subscript(key: String) -> JSON? { objectValue?[key] }

    /// The JSON Schema / JSON-RPC name of the value's type, for messages ("string", "object", …).
    package var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let number): number.intValue != nil ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSON: CustomStringConvertible {
    /// The compact JSON text of the value.
    package var description: String { serializedString() }
}
