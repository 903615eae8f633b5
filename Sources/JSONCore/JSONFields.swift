/// A member that is missing or has the wrong type, named by its path in the document
/// (`time_entries[3].project.id`).
package struct JSONDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is, e.g. `time_entries[3].project.id`.
    package let path: String
    /// What was expected and what was found, e.g. `expected an integer, found a string`.
    package let problem: String

    package init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    package var description: String { path.isEmpty ? problem : "\(path): \(problem)" }
}

/// Typed, path-aware access to the members of a JSON object, for decoding API answers into
/// models by hand: each accessor either returns the value or throws an error naming the field.
///
/// ```swift
/// let fields = try JSONFields(json, path: "client")
/// let id = try fields.int("id")
/// let address = try fields.optionalString("address")
/// ```
package struct JSONFields: Sendable {
    package let object: JSONObject
    package let path: String

    package init(_ json: JSON, path: String = "") throws(JSONDecodingError) {
        guard case .object(let object) = json else {
            throw JSONDecodingError(path: path, problem: "expected an object, found \(JSONFields.article(json.typeName))")
        }
        self.object = object
        self.path = path
    }

    /// The path of a member, for errors: `a.b` or `b` at the top.
    package func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Reads a required member through `read`, which returns nil when the value has the wrong type.
    package func value<T>(_ key: String, expected: String, _ read: (JSON) -> T?) throws(JSONDecodingError) -> T {
        guard let json = object[key] else {
            throw JSONDecodingError(path: path(of: key), problem: "missing (expected \(expected))")
        }
        guard let value = read(json) else {
            throw JSONDecodingError(path: path(of: key), problem: "expected \(expected), found \(JSONFields.describe(json))")
        }
        return value
    }

    /// Reads a member that may be absent or null.
    package func optionalValue<T>(_ key: String, expected: String, _ read: (JSON) -> T?) throws(JSONDecodingError) -> T? {
        guard let json = object[key], !json.isNull else { return nil }
        guard let value = read(json) else {
            throw JSONDecodingError(path: path(of: key), problem: "expected \(expected) or null, found \(JSONFields.describe(json))")
        }
        return value
    }

    package func string(_ key: String) throws(JSONDecodingError) -> String {
        try value(key, expected: "a string") { $0.stringValue }
    }

    package func optionalString(_ key: String) throws(JSONDecodingError) -> String? {
        try optionalValue(key, expected: "a string") { $0.stringValue }
    }

    package func int(_ key: String) throws(JSONDecodingError) -> Int {
        try value(key, expected: "an integer") { $0.intValue }
    }

    package func optionalInt(_ key: String) throws(JSONDecodingError) -> Int? {
        try optionalValue(key, expected: "an integer") { $0.intValue }
    }

    package func bool(_ key: String) throws(JSONDecodingError) -> Bool {
        try value(key, expected: "a boolean") { $0.boolValue }
    }

    package func number(_ key: String) throws(JSONDecodingError) -> JSONNumber {
        try value(key, expected: "a number") { $0.numberValue }
    }

    /// A nested object, with its path extended.
    func fields(_ key: String) throws(JSONDecodingError) -> JSONFields {
        let json = try value(key, expected: "an object") { $0.objectValue.map(JSON.object) }
        return try JSONFields(json, path: path(of: key))
    }

    /// An array whose elements are decoded by `decode`, each with its index in the path.
    package func array<T>(_ key: String, _ decode: (JSON, String) throws(JSONDecodingError) -> T) throws(JSONDecodingError) -> [T] {
        let elements = try value(key, expected: "an array") { $0.arrayValue }
        var result: [T] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            result.append(try decode(element, "\(path(of: key))[\(index)]"))
        }
        return result
    }

    /// An array of objects decoded through `JSONFields`.
    func objects<T>(_ key: String, _ decode: (JSONFields) throws(JSONDecodingError) -> T) throws(JSONDecodingError) -> [T] {
        try array(key) { (element, path) throws(JSONDecodingError) -> T in try decode(JSONFields(element, path: path)) }
    }

    static func describe(_ json: JSON) -> String {
        switch json {
        case .string(let string) where string.count <= 40: "the string \"\(string)\""
        case .number(let number) where number.literal.count <= 40: "the number \(number.literal)"
        default: article(json.typeName)
        }
    }

    static func article(_ typeName: String) -> String {
        switch typeName {
        case "null": "null"
        case "integer", "array", "object": "an \(typeName)"
        default: "a \(typeName)"
        }
    }
}
