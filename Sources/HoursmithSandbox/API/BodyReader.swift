import JSONCore

/// A member of a request body: absent, explicitly null, a good value, or a bad one (already
/// reported).
enum Field<Value> {
    case absent
    case null
    case value(Value)
    case invalid

    var value: Value? {
        if case .value(let value) = self { value } else { nil }
    }

    var isAbsent: Bool {
        if case .absent = self { true } else { false }
    }
}

/// Reads and validates the members of a JSON request body, collecting a problem per bad field
/// so that one 422 names them all. Members nobody asks for are ignored.
struct BodyReader {
    let object: JSONObject
    /// Prefixed to field names in errors (`import.` for a nested object).
    let prefix: String
    var errors = FieldErrors()

    init(_ object: JSONObject, prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    mutating func problem(_ key: String, _ text: String) {
        errors.add(prefix + key, text)
    }

    private mutating func read<T>(_ key: String, expected: String, _ convert: (JSON) -> T?) -> Field<T> {
        guard let json = object[key] else { return .absent }
        if json.isNull { return .null }
        guard let value = convert(json) else {
            problem(key, "must be \(expected)")
            return .invalid
        }
        return .value(value)
    }

    mutating func string(_ key: String, maxLength: Int = 5000) -> Field<String> {
        let field = read(key, expected: "a string") { $0.stringValue }
        if let value = field.value, value.count > maxLength {
            problem(key, "is too long (at most \(maxLength) characters)")
            return .invalid
        }
        return field
    }

    /// A string with something other than spaces in it, trimmed.
    mutating func name(_ key: String) -> Field<String> {
        let field = string(key, maxLength: 255)
        if let value = field.value {
            let trimmed = value.trimmingSpaces()
            guard !trimmed.isEmpty else {
                problem(key, "can't be blank")
                return .invalid
            }
            return .value(trimmed)
        }
        return field
    }

    mutating func bool(_ key: String) -> Field<Bool> {
        read(key, expected: "true or false") { $0.boolValue }
    }

    /// A positive integer (an id).
    mutating func id(_ key: String) -> Field<Int> {
        read(key, expected: "a positive integer") { json in json.intValue.flatMap { $0 > 0 ? $0 : nil } }
    }

    /// A `YYYY-MM-DD` date, as a day number.
    mutating func date(_ key: String) -> Field<Int> {
        read(key, expected: "a date in the form YYYY-MM-DD") { $0.stringValue.flatMap(CivilTime.parseDate) }
    }

    /// A number, in hundredths (rounded to two decimals).
    mutating func hundredths(_ key: String) -> Field<Int> {
        guard let json = object[key] else { return .absent }
        if json.isNull { return .null }
        guard let number = json.numberValue else {
            problem(key, "must be a number")
            return .invalid
        }
        guard let value = Hundredths.parse(number.literal) else {
            problem(key, "is too large")
            return .invalid
        }
        return .value(value)
    }

    /// An array of positive integers.
    mutating func ids(_ key: String) -> Field<[Int]> {
        read(key, expected: "an array of positive integers") { json -> [Int]? in
            guard let elements = json.arrayValue else { return nil }
            var ids: [Int] = []
            for element in elements {
                guard let id = element.intValue, id > 0 else { return nil }
                ids.append(id)
            }
            return ids
        }
    }

    /// A nested object.
    mutating func object(_ key: String) -> Field<JSONObject> {
        read(key, expected: "an object") { $0.objectValue }
    }

    /// An array of objects.
    mutating func objects(_ key: String) -> Field<[JSONObject]> {
        read(key, expected: "an array of objects") { json -> [JSONObject]? in
            guard let elements = json.arrayValue else { return nil }
            var objects: [JSONObject] = []
            for element in elements {
                guard let object = element.objectValue else { return nil }
                objects.append(object)
            }
            return objects
        }
    }

    /// The value of a required field; absent or null is reported as missing.
    mutating func required<T>(_ key: String, _ field: Field<T>) -> T? {
        switch field {
        case .absent, .null:
            problem(key, "is required")
            return nil
        case .value(let value):
            return value
        case .invalid:
            return nil
        }
    }

    /// For an update: the new value of a field that may not be null (absent is nil, no change).
    mutating func notNull<T>(_ key: String, _ field: Field<T>) -> T? {
        if case .null = field { problem(key, "can't be null") }
        return field.value
    }

    /// For an update of a nullable field: nil means no change, `.some(nil)` clears it.
    func change<T>(_ field: Field<T>) -> T?? {
        switch field {
        case .absent, .invalid: nil
        case .null: .some(nil)
        case .value(let value): .some(value)
        }
    }
}
