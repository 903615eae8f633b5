/// A JSON value.
///
/// Objects keep their members in order, so what is written is deterministic and reads as it
/// was built. Numbers keep their literal text, so an integer of any size (a JSON-RPC id beyond
/// 2^53, say) is written back exactly as it was read.
///
/// Read with ``JSON/parse(_:)-(UnsafeRawBufferPointer)``; write with ``JSON/serialized()``.
public enum JSON: Sendable, Hashable {
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
    public static func int(_ value: Int) -> JSON { .number(JSONNumber(value)) }
    /// A floating-point value; a non-finite one becomes `null`, as JSON has no way to say it.
    public static func double(_ value: Double) -> JSON {
        value.isFinite ? .number(JSONNumber(value)) : .null
    }
    /// `.string(value)`, or `.null` when `value` is nil.
    public static func string(orNull value: String?) -> JSON { value.map(JSON.string) ?? .null }
    /// `.int(value)`, or `.null` when `value` is nil.
    public static func int(orNull value: Int?) -> JSON { value.map(JSON.int) ?? .null }
}

extension JSON: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension JSON: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSON: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension JSON: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSON: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSON: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
}

extension JSON: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(elements))
    }
}

// MARK: - Reading

extension JSON {
    public var isNull: Bool { if case .null = self { true } else { false } }

    public var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }

    public var stringValue: String? { if case .string(let value) = self { value } else { nil } }

    public var numberValue: JSONNumber? { if case .number(let value) = self { value } else { nil } }

    /// The value as an `Int`, when it is a number with no fractional part that fits.
    public var intValue: Int? { numberValue?.intValue }

    /// The value as a `Double`, when it is a number.
    public var doubleValue: Double? { numberValue?.doubleValue }

    public var arrayValue: [JSON]? { if case .array(let value) = self { value } else { nil } }

    public var objectValue: JSONObject? { if case .object(let value) = self { value } else { nil } }

    /// The member named `key`, when this is an object that has one.
    public subscript(key: String) -> JSON? { objectValue?[key] }

    /// The JSON Schema / JSON-RPC name of the value's type, for messages ("string", "object", …).
    public var typeName: String {
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
    public var description: String { serializedString() }
}
