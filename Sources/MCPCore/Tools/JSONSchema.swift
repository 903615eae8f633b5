import JSONCore

/// A small, typed JSON Schema (2020-12) for tool inputs and outputs.
///
/// Build one with the static functions, which cover what tool arguments need: types, enums,
/// formats, patterns, bounds, descriptions, nullability and closed objects. The same value is
/// written into `tools/list` (``json``) and used to validate arguments before a handler runs
/// (``SchemaValidator``). An input schema bounds every string (`maxLength`, in code points) and
/// every array (`maxItems`): ``unboundedPaths`` lists what it leaves open.
///
/// ```swift
/// let input = JSONSchema.object([
///     "project_id": .integer("The project to log time on.", minimum: 1),
///     "hours": .number("Hours worked, e.g. 1.5.", exclusiveMinimum: 0, maximum: 24),
/// ], required: ["project_id", "hours"])
/// ```
package struct JSONSchema: Sendable, Equatable {
    package indirect enum Kind: Sendable, Equatable {
        case string(StringRules)
        case integer(NumberRules)
        case number(NumberRules)
        case boolean
        case array(items: JSONSchema, ArrayRules)
        case object(properties: [Property], required: [String], additionalProperties: Bool)
        /// Any JSON value (`{}`), for free-form parts of an output.
        case any
    }

    package struct StringRules: Sendable, Equatable {
        package var allowed: [String]?
        package var format: String?
        package var pattern: String?
        /// How the pattern reads to a person, for error messages: "a date (YYYY-MM-DD)".
        package var patternHint: String?
        package var minLength: Int?
        package var maxLength: Int?
    }

    package struct NumberRules: Sendable, Equatable {
        package var minimum: Double?
        package var maximum: Double?
        package var exclusiveMinimum: Double?
        package var exclusiveMaximum: Double?
    }

    package struct ArrayRules: Sendable, Equatable {
        package var minItems: Int?
        package var maxItems: Int?
        package var uniqueItems: Bool
    }

    package struct Property: Sendable, Equatable {
        package let name: String
        package let schema: JSONSchema

        package init(name: String, schema: JSONSchema) {
            self.name = name
            self.schema = schema
        }
    }

    package var kind: Kind
    package var description: String?
    /// Whether `null` is accepted as well (written as a type list, e.g. `["string", "null"]`).
    package var isNullable = false

    package init(kind: Kind, description: String? = nil) {
        self.kind = kind
        self.description = description
    }
}

// MARK: - Building

extension JSONSchema {
    package static func string(
        _ description: String? = nil, enum allowed: [String]? = nil, format: String? = nil,
        pattern: String? = nil, patternHint: String? = nil, minLength: Int? = nil, maxLength: Int? = nil
    ) -> JSONSchema {
        let rules = StringRules(
            allowed: allowed, format: format, pattern: pattern, patternHint: patternHint,
            minLength: minLength, maxLength: maxLength)
        return JSONSchema(kind: .string(rules), description: description)
    }

    package static func integer(_ description: String? = nil, minimum: Int? = nil, maximum: Int? = nil) -> JSONSchema {
        let rules = NumberRules(minimum: minimum.map(Double.init), maximum: maximum.map(Double.init))
        return JSONSchema(kind: .integer(rules), description: description)
    }

    package static func number(
        _ description: String? = nil, minimum: Double? = nil, maximum: Double? = nil,
        exclusiveMinimum: Double? = nil, exclusiveMaximum: Double? = nil
    ) -> JSONSchema {
        let rules = NumberRules(
            minimum: minimum, maximum: maximum, exclusiveMinimum: exclusiveMinimum, exclusiveMaximum: exclusiveMaximum)
        return JSONSchema(kind: .number(rules), description: description)
    }

    package static func boolean(_ description: String? = nil) -> JSONSchema {
        JSONSchema(kind: .boolean, description: description)
    }

    package static func array(
        of items: JSONSchema, _ description: String? = nil, minItems: Int? = nil, maxItems: Int? = nil,
        uniqueItems: Bool = false
    ) -> JSONSchema {
        JSONSchema(kind: .array(items: items, ArrayRules(minItems: minItems, maxItems: maxItems, uniqueItems: uniqueItems)),
                   description: description)
    }

    /// An object with these properties, in this order. Closed (`additionalProperties: false`)
    /// unless said otherwise; `required` must name declared properties.
    package static func object(
        _ properties: KeyValuePairs<String, JSONSchema>, required: [String] = [], description: String? = nil,
        additionalProperties: Bool = false
    ) -> JSONSchema {
        object(properties.map { Property(name: $0.key, schema: $0.value) }, required: required,
               description: description, additionalProperties: additionalProperties)
    }

    package static func object(
        _ properties: [Property], required: [String] = [], description: String? = nil,
        additionalProperties: Bool = false
    ) -> JSONSchema {
        let names = Set(properties.map(\.name))
        precondition(required.allSatisfy(names.contains), "required names a property that is not declared")
        return JSONSchema(kind: .object(properties: properties, required: required, additionalProperties: additionalProperties),
                          description: description)
    }

    /// Any JSON value.
    package static func any(_ description: String? = nil) -> JSONSchema {
        JSONSchema(kind: .any, description: description)
    }

    /// The same schema, also accepting `null`.
    package func nullable() -> JSONSchema {
        var copy = self
        copy.isNullable = true
        return copy
    }

    /// The properties, when this is an object schema.
    package var properties: [Property] {
        if case .object(let properties, _, _) = kind { properties } else { [] }
    }

    /// The required property names, when this is an object schema.
    package var required: [String] {
        if case .object(_, let required, _) = kind { required } else { [] }
    }

    /// Where this schema lets an input be as large as the client likes: the paths of strings
    /// with neither `maxLength` nor `enum`, of arrays without `maxItems`, of any-values, and of
    /// objects open to other members (`items[]` stands for an array's items). An input schema
    /// should have none, so that what a call costs is bounded before it is read.
    package var unboundedPaths: [String] {
        var paths: [String] = []
        collectUnbounded(at: "", into: &paths)
        return paths
    }

    private func collectUnbounded(at path: String, into paths: inout [String]) {
        let here = path.isEmpty ? "(the arguments)" : path
        switch kind {
        case .string(let rules):
            if rules.maxLength == nil && rules.allowed == nil { paths.append(here) }
        case .array(let items, let rules):
            if rules.maxItems == nil { paths.append(here) }
            items.collectUnbounded(at: path + "[]", into: &paths)
        case .object(let properties, _, let additionalProperties):
            if additionalProperties { paths.append(here) }
            for property in properties {
                property.schema.collectUnbounded(at: path.isEmpty ? property.name : "\(path).\(property.name)", into: &paths)
            }
        case .any:
            paths.append(here)
        case .integer, .number, .boolean:
            break
        }
    }
}

// MARK: - Writing

extension JSONSchema {
    /// The schema as JSON Schema 2020-12 JSON.
    package var json: JSON {
        var object = JSONObject()
        let typeName: String?
        switch kind {
        case .string: typeName = "string"
        case .integer: typeName = "integer"
        case .number: typeName = "number"
        case .boolean: typeName = "boolean"
        case .array: typeName = "array"
        case .object: typeName = "object"
        case .any: typeName = nil
        }
        if let typeName {
            object["type"] = isNullable ? [.string(typeName), "null"] : .string(typeName)
        }
        if let description { object["description"] = .string(description) }
        switch kind {
        case .string(let rules):
            if let allowed = rules.allowed {
                var values = allowed.map(JSON.string)
                if isNullable { values.append(.null) }
                object["enum"] = .array(values)
            }
            if let format = rules.format { object["format"] = .string(format) }
            if let pattern = rules.pattern { object["pattern"] = .string(pattern) }
            if let minLength = rules.minLength { object["minLength"] = .int(minLength) }
            if let maxLength = rules.maxLength { object["maxLength"] = .int(maxLength) }
        case .integer(let rules), .number(let rules):
            if let minimum = rules.minimum { object["minimum"] = .double(minimum) }
            if let maximum = rules.maximum { object["maximum"] = .double(maximum) }
            if let bound = rules.exclusiveMinimum { object["exclusiveMinimum"] = .double(bound) }
            if let bound = rules.exclusiveMaximum { object["exclusiveMaximum"] = .double(bound) }
        case .array(let items, let rules):
            object["items"] = items.json
            if let minItems = rules.minItems { object["minItems"] = .int(minItems) }
            if let maxItems = rules.maxItems { object["maxItems"] = .int(maxItems) }
            if rules.uniqueItems { object["uniqueItems"] = true }
        case .object(let properties, let required, let additionalProperties):
            object["properties"] = .object(JSONObject(properties.map { ($0.name, $0.schema.json) }))
            if !required.isEmpty { object["required"] = .array(required.map(JSON.string)) }
            if !additionalProperties { object["additionalProperties"] = false }
        case .boolean, .any:
            break
        }
        return .object(object)
    }
}
