import JSONCore

/// Checks tool arguments against a ``JSONSchema`` and says what is wrong in words a model can
/// act on: which argument, what was expected, what was given, and for an unknown name the
/// closest known one.
public struct SchemaValidator: Sendable {
    public let schema: JSONSchema

    public init(_ schema: JSONSchema) {
        self.schema = schema
    }

    /// Every problem with `value`, one sentence each; empty when it is valid.
    public func problems(in value: JSON) -> [String] {
        var problems: [String] = []
        check(value, against: schema, path: "", into: &problems)
        return problems
    }

    private func check(_ value: JSON, against schema: JSONSchema, path: String, into problems: inout [String]) {
        if value.isNull {
            if !schema.isNullable, schema.kind != .any {
                problems.append("\(subject(path)) must be \(expectation(schema)), not null.")
            }
            return
        }
        switch schema.kind {
        case .any:
            return
        case .boolean:
            if value.boolValue == nil { typeProblem(value, schema, path, &problems) }
        case .string(let rules):
            guard let string = value.stringValue else { return typeProblem(value, schema, path, &problems) }
            checkString(string, rules, schema, path, &problems)
        case .integer(let rules):
            guard let number = value.numberValue, let integer = number.intValue else {
                return typeProblem(value, schema, path, &problems)
            }
            checkRange(Double(integer), literal: String(integer), rules, path, &problems)
        case .number(let rules):
            guard let number = value.numberValue else { return typeProblem(value, schema, path, &problems) }
            checkRange(number.doubleValue, literal: number.literal, rules, path, &problems)
        case .array(let items, let rules):
            guard let elements = value.arrayValue else { return typeProblem(value, schema, path, &problems) }
            checkArray(elements, items, rules, path, &problems)
        case .object(let properties, let required, let additionalProperties):
            guard let object = value.objectValue else { return typeProblem(value, schema, path, &problems) }
            checkObject(object, properties, required, additionalProperties, path, &problems)
        }
    }

    private func checkString(
        _ string: String, _ rules: JSONSchema.StringRules, _ schema: JSONSchema, _ path: String, _ problems: inout [String]
    ) {
        if let allowed = rules.allowed, !allowed.contains(string) {
            let list = allowed.map { "\"\($0)\"" }.joined(separator: ", ")
            problems.append("\(subject(path)) must be one of \(list); got \(quoted(string)).")
            return
        }
        let length = string.count
        if let minLength = rules.minLength, length < minLength {
            problems.append(minLength == 1
                ? "\(subject(path)) must not be empty."
                : "\(subject(path)) must be at least \(minLength) characters long; got \(length).")
        }
        if let maxLength = rules.maxLength, length > maxLength {
            problems.append("\(subject(path)) must be at most \(maxLength) characters long; got \(length).")
        }
        if let pattern = rules.pattern, !SchemaValidator.matches(string, pattern: pattern) {
            let hint = rules.patternHint ?? "a string matching \(pattern)"
            problems.append("\(subject(path)) must be \(hint); got \(quoted(string)).")
        }
    }

    private func checkRange(
        _ value: Double, literal: String, _ rules: JSONSchema.NumberRules, _ path: String, _ problems: inout [String]
    ) {
        var bounds: [String] = []
        var ok = true
        if let minimum = rules.minimum {
            bounds.append("at least \(SchemaValidator.format(minimum))")
            ok = ok && value >= minimum
        }
        if let bound = rules.exclusiveMinimum {
            bounds.append("greater than \(SchemaValidator.format(bound))")
            ok = ok && value > bound
        }
        if let maximum = rules.maximum {
            bounds.append("at most \(SchemaValidator.format(maximum))")
            ok = ok && value <= maximum
        }
        if let bound = rules.exclusiveMaximum {
            bounds.append("less than \(SchemaValidator.format(bound))")
            ok = ok && value < bound
        }
        if !ok {
            problems.append("\(subject(path)) must be \(bounds.joined(separator: " and ")); got \(literal).")
        }
    }

    private func checkArray(
        _ elements: [JSON], _ items: JSONSchema, _ rules: JSONSchema.ArrayRules, _ path: String, _ problems: inout [String]
    ) {
        if let minItems = rules.minItems, elements.count < minItems {
            problems.append("\(subject(path)) must have at least \(minItems) item\(minItems == 1 ? "" : "s"); got \(elements.count).")
        }
        if let maxItems = rules.maxItems, elements.count > maxItems {
            problems.append("\(subject(path)) must have at most \(maxItems) items; got \(elements.count).")
        }
        if rules.uniqueItems {
            for (index, element) in elements.enumerated() where elements[..<index].contains(element) {
                problems.append("\(subject(path)) must not repeat items; \(element) appears more than once.")
                break
            }
        }
        for (index, element) in elements.enumerated() {
            check(element, against: items, path: "\(path)[\(index)]", into: &problems)
        }
    }

    private func checkObject(
        _ object: JSONObject, _ properties: [JSONSchema.Property], _ required: [String], _ additionalProperties: Bool,
        _ path: String, _ problems: inout [String]
    ) {
        let known = properties.map(\.name)
        if !additionalProperties {
            for key in object.keys where !known.contains(key) {
                var sentence = "Unknown argument `\(join(path, key))`."
                if let suggestion = SchemaValidator.closest(to: key, among: known) {
                    sentence += " Did you mean `\(join(path, suggestion))`?"
                }
                sentence += known.isEmpty
                    ? " This takes no arguments."
                    : " Accepted: \(known.joined(separator: ", "))."
                problems.append(sentence)
            }
        }
        for name in required where object[name] == nil {
            let schema = properties.first { $0.name == name }?.schema
            let what = schema.map { " (\(expectation($0))" + ($0.description.map { ": \($0)" } ?? "") + ")" } ?? ""
            problems.append("Missing required argument `\(join(path, name))`\(what).")
        }
        for property in properties {
            guard let value = object[property.name] else { continue }
            check(value, against: property.schema, path: join(path, property.name), into: &problems)
        }
    }

    private func typeProblem(_ value: JSON, _ schema: JSONSchema, _ path: String, _ problems: inout [String]) {
        problems.append("\(subject(path)) must be \(expectation(schema)); got \(describe(value)).")
    }

    // MARK: Wording

    private func subject(_ path: String) -> String {
        path.isEmpty ? "The arguments" : "Argument `\(path)`"
    }

    private func join(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }

    private func expectation(_ schema: JSONSchema) -> String {
        switch schema.kind {
        case .string(let rules):
            if let hint = rules.patternHint { return hint }
            if let allowed = rules.allowed { return "one of " + allowed.map { "\"\($0)\"" }.joined(separator: ", ") }
            return "a string"
        case .integer: return "an integer"
        case .number: return "a number"
        case .boolean: return "true or false"
        case .array(let items, _): return "an array of \(plural(expectation(items)))"
        case .object: return "an object"
        case .any: return "a JSON value"
        }
    }

    private func plural(_ phrase: String) -> String {
        switch phrase {
        case "an integer": "integers"
        case "a number": "numbers"
        case "a string": "strings"
        case "an object": "objects"
        default: phrase
        }
    }

    private func describe(_ value: JSON) -> String {
        switch value {
        case .string(let string): "the string \(quoted(string))"
        case .number(let number): "the number \(number.literal)"
        case .bool(let flag): "\(flag)"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }

    private func quoted(_ string: String) -> String {
        let shown = string.count > 60 ? String(string.prefix(57)) + "…" : string
        return JSON.string(shown).serializedString()
    }

    static func format(_ number: Double) -> String {
        JSON.double(number).serializedString()
    }

    static func matches(_ string: String, pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return true }
        return (try? regex.firstMatch(in: string)) != nil
    }

    /// The known name closest to `name`: the same once case and underscores are ignored, or
    /// within a few edits.
    static func closest(to name: String, among candidates: [String]) -> String? {
        func folded(_ text: String) -> String { text.lowercased().filter { $0 != "_" && $0 != "-" } }
        if let same = candidates.first(where: { folded($0) == folded(name) }) { return same }
        let scored = candidates.map { ($0, editDistance(folded($0), folded(name))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.count / 3) else { return nil }
        return best.0
    }

    static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left), b = Array(right)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
