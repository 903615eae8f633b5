import JSONCore

/// Checks tool arguments against a ``JSONSchema`` and says what is wrong in words a model can
/// act on: which argument, what was expected, what was given, and for an unknown name the
/// closest known one.
///
/// Checking costs time linear in the arguments (n log n at worst), whatever they hold: cheap
/// bounds (`maxItems`, `maxLength`) are checked first and an argument beyond them is not looked
/// into; `uniqueItems` hashes each item once; after ``problemLimit`` problems the check stops.
/// A message never shows more than a few dozen characters of what was given.
///
/// The server validates in the call's own task, off the thread that reads stdin and before the
/// call waits for a slot under the concurrency limit: an invalid call is answered at once, even
/// while every slot is held by slow calls, and validating costs no more than reading the line
/// did (a 16 MiB line of ids: about 0.25 s to read, 0.35 s to check, release build), so the
/// single reader thread paces what a client can ask the validator to do.
///
/// Beyond the schema's own bounds, an `integer` must fit an `Int` (64 bits) and a `number` must
/// be one a `Decimal` holds exactly, which is what tool code converts it to: at most 38
/// significant digits times a power of ten from 10^-128 to 10^127
/// (``JSONNumber/fits(significantDigits:exponents:)``; convert from
/// ``JSONNumber/canonicalLiteral``). So `1e300` is out of range, never absent.
package struct SchemaValidator: Sendable {
    package let schema: JSONSchema

    /// The most problems reported for one call.
    package static let problemLimit = 5

    /// The most characters of a given value shown in a message.
    static let shownLength = 40

    package init(_ schema: JSONSchema) {
        self.schema = schema
    }

    /// The problems with `value`, one sentence each (at most ``problemLimit``); empty when it is valid.
    package func problems(in value: JSON) -> [String] {
        var report = Report(collecting: true)
        check(value, against: schema, path: "", into: &report)
        return report.problems
    }

    /// What a check found: the sentences (when collecting), or only whether there was anything.
    private struct Report {
        var collecting: Bool
        private(set) var problems: [String] = []
        var failed = false
        /// Patterns compiled during this check, by pattern.
        var patterns: [String: Regex<AnyRegexOutput>?] = [:]

        init(collecting: Bool) {
            self.collecting = collecting
        }

        /// Nothing more is worth finding.
        var isDone: Bool { collecting ? problems.count >= SchemaValidator.problemLimit : failed }

        mutating func add(_ sentence: @autoclosure () -> String) {
            failed = true
            if collecting && problems.count < SchemaValidator.problemLimit { problems.append(sentence()) }
        }
    }

    private func check(_ value: JSON, against schema: JSONSchema, path: String, into report: inout Report) {
        if value.isNull {
            if !schema.isNullable, schema.kind != .any {
                report.add("\(subject(path)) must be \(expectation(schema)), not null.")
            }
            return
        }
        switch schema.kind {
        case .any:
            return
        case .boolean:
            if value.boolValue == nil { typeProblem(value, schema, path, &report) }
        case .string(let rules):
            guard let string = value.stringValue else { return typeProblem(value, schema, path, &report) }
            checkString(string, rules, path, &report)
        case .integer(let rules):
            guard let number = value.numberValue, number.isInteger else { return typeProblem(value, schema, path, &report) }
            checkRange(number, rules, isInteger: true, path, &report)
        case .number(let rules):
            guard let number = value.numberValue else { return typeProblem(value, schema, path, &report) }
            checkRange(number, rules, isInteger: false, path, &report)
        case .array(let items, let rules):
            guard let elements = value.arrayValue else { return typeProblem(value, schema, path, &report) }
            checkArray(elements, items, rules, path, &report)
        case .object(let properties, let required, let additionalProperties):
            guard let object = value.objectValue else { return typeProblem(value, schema, path, &report) }
            checkObject(object, properties, required, additionalProperties, path, &report)
        }
    }

    private func checkString(_ string: String, _ rules: JSONSchema.StringRules, _ path: String, _ report: inout Report) {
        if let allowed = rules.allowed {
            if !allowed.contains(string) {
                let list = allowed.map { "\"\($0)\"" }.joined(separator: ", ")
                report.add("\(subject(path)) must be one of \(list); got \(quoted(string)).")
            }
            return
        }
        // Lengths are in Unicode code points (JSON Schema's rule). A string's UTF-8 bounds them
        // (one to four bytes each), so most strings are measured without counting.
        let utf8Count = string.utf8.count
        if let maxLength = rules.maxLength, utf8Count > maxLength {
            let length = string.unicodeScalars.count
            if length > maxLength {
                return report.add("\(subject(path)) must be at most \(maxLength) characters long; got \(length).")
            }
        }
        if let minLength = rules.minLength, utf8Count / 4 < minLength {
            let length = string.unicodeScalars.count
            if length < minLength {
                report.add(minLength == 1
                    ? "\(subject(path)) must not be empty."
                    : "\(subject(path)) must be at least \(minLength) characters long; got \(length).")
            }
        }
        if let pattern = rules.pattern, !matches(string, pattern: pattern, &report) {
            let hint = rules.patternHint ?? "a string matching \(pattern)"
            report.add("\(subject(path)) must be \(hint); got \(quoted(string)).")
        }
    }

    private func checkRange(_ number: JSONNumber, _ rules: JSONSchema.NumberRules, isInteger: Bool, _ path: String, _ report: inout Report) {
        // The usual case, an integer below 2^53: it and the bounds are exact Doubles, and compare
        // exactly as such.
        if let integer = number.intValue, integer.magnitude < 1 << 53 {
            let value = Double(integer)
            if (rules.minimum.map { value >= $0 } ?? true) && (rules.exclusiveMinimum.map { value > $0 } ?? true)
                && (rules.maximum.map { value <= $0 } ?? true) && (rules.exclusiveMaximum.map { value < $0 } ?? true) {
                return
            }
        }
        var bounds: [(words: String, holds: (JSONNumber) -> Bool)] = []
        if let minimum = rules.minimum { bounds.append(("at least \(SchemaValidator.format(minimum))", { $0 >= JSONNumber(minimum) })) }
        if let bound = rules.exclusiveMinimum { bounds.append(("greater than \(SchemaValidator.format(bound))", { $0 > JSONNumber(bound) })) }
        if let maximum = rules.maximum { bounds.append(("at most \(SchemaValidator.format(maximum))", { $0 <= JSONNumber(maximum) })) }
        if let bound = rules.exclusiveMaximum { bounds.append(("less than \(SchemaValidator.format(bound))", { $0 < JSONNumber(bound) })) }
        if !bounds.allSatisfy({ $0.holds(number) }) {
            return report.add("\(subject(path)) must be \(bounds.map(\.words).joined(separator: " and ")); got \(shown(number.literal)).")
        }
        if isInteger, number.intValue == nil {
            return report.add("\(subject(path)) is out of range: an integer here lies between \(Int.min) and \(Int.max); "
                + "got \(shown(number.literal)).")
        }
        if !number.fits(significantDigits: 38, exponents: -128...127) {
            report.add("\(subject(path)) is out of range (too large, too small or too precise to be used exactly); "
                + "got \(shown(number.literal)).")
        }
    }

    private func checkArray(_ elements: [JSON], _ items: JSONSchema, _ rules: JSONSchema.ArrayRules, _ path: String, _ report: inout Report) {
        if let maxItems = rules.maxItems, elements.count > maxItems {
            // Too many to be used: not worth looking into.
            return report.add("\(subject(path)) must have at most \(maxItems) items; got \(elements.count).")
        }
        if let minItems = rules.minItems, elements.count < minItems {
            report.add("\(subject(path)) must have at least \(minItems) item\(minItems == 1 ? "" : "s"); got \(elements.count).")
        }
        for (index, element) in elements.enumerated() {
            if report.isDone { return }
            // Each element is tested without words first; only one with a problem gets a path.
            let (collecting, failed) = (report.collecting, report.failed)
            (report.collecting, report.failed) = (false, false)
            check(element, against: items, path: "", into: &report)
            let elementFailed = report.failed
            (report.collecting, report.failed) = (collecting, failed || elementFailed)
            if elementFailed && collecting {
                check(element, against: items, path: "\(path)[\(index)]", into: &report)
            }
        }
        if rules.uniqueItems, !report.isDone, let repeated = SchemaValidator.firstRepeat(in: elements) {
            report.add("\(subject(path)) must not repeat items; \(describe(repeated)) appears more than once.")
        }
    }

    /// An item that appears twice (by exact value), or nil. Integers, the usual unique items (ids),
    /// are sorted; other items are hashed.
    static func firstRepeat(in elements: [JSON]) -> JSON? {
        var integers: [Int] = []
        integers.reserveCapacity(elements.count)
        for element in elements {
            guard case .number(let number) = element, let integer = number.intValue else { break }
            integers.append(integer)
        }
        if integers.count == elements.count {
            integers.sort()
            for index in integers.indices.dropFirst() where integers[index] == integers[index - 1] { return .int(integers[index]) }
            return nil
        }
        var seen = Set<JSON>(minimumCapacity: elements.count)
        return elements.first { !seen.insert($0).inserted }
    }

    private func checkObject(
        _ object: JSONObject, _ properties: [JSONSchema.Property], _ required: [String], _ additionalProperties: Bool,
        _ path: String, _ report: inout Report
    ) {
        let known = properties.map(\.name)
        if !additionalProperties {
            for key in object.keys where !known.contains(key) {
                if report.isDone { return }
                report.add(unknownArgument(key, path: path, known: known))
            }
        }
        for name in required where object[name] == nil {
            if report.isDone { return }
            let schema = properties.first { $0.name == name }?.schema
            let what = schema.map { " (\(expectation($0))" + ($0.description.map { ": \($0)" } ?? "") + ")" } ?? ""
            report.add("Missing required argument `\(join(path, name))`\(what).")
        }
        for property in properties {
            if report.isDone { return }
            guard let value = object[property.name] else { continue }
            check(value, against: property.schema, path: join(path, property.name), into: &report)
        }
    }

    private func unknownArgument(_ key: String, path: String, known: [String]) -> String {
        var sentence = "Unknown argument `\(join(path, shown(key)))`."
        if key.unicodeScalars.count <= 64, let suggestion = SchemaValidator.closest(to: key, among: known) {
            sentence += " Did you mean `\(join(path, suggestion))`?"
        }
        sentence += known.isEmpty ? " This takes no arguments." : " Accepted: \(known.joined(separator: ", "))."
        return sentence
    }

    private func typeProblem(_ value: JSON, _ schema: JSONSchema, _ path: String, _ report: inout Report) {
        report.add("\(subject(path)) must be \(expectation(schema)); got \(describe(value)).")
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
        case .number(let number): "the number \(shown(number.literal))"
        case .bool(let flag): "\(flag)"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// A given string as a JSON string, cut to ``shownLength`` characters.
    private func quoted(_ string: String) -> String {
        JSON.string(shown(string)).serializedString()
    }

    /// `text`, or its first ``shownLength`` code points and an ellipsis.
    func shown(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let cut = scalars.index(scalars.startIndex, offsetBy: SchemaValidator.shownLength, limitedBy: scalars.endIndex),
              cut != scalars.endIndex
        else { return text }
        return String(scalars[..<cut]) + "…"
    }

    static func format(_ number: Double) -> String {
        JSON.double(number).serializedString()
    }

    private func matches(_ string: String, pattern: String, _ report: inout Report) -> Bool {
        let regex: Regex<AnyRegexOutput>?
        if let compiled = report.patterns[pattern] {
            regex = compiled
        } else {
            regex = try? Regex(pattern)
            report.patterns[pattern] = regex
        }
        guard let regex else { return true }
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
