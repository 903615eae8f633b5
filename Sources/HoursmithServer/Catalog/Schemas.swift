import MCPCore

/// Schema pieces the toolsets share: argument types (ids, dates, periods, list arguments) and the
/// shapes of Hoursmith's objects in results.
enum Schemas {
    // MARK: Arguments

    static func id(_ description: String) -> JSONSchema {
        .integer(description, minimum: 1)
    }

    /// A name argument beside an id one: `project` beside `project_id`. Its name says what it is
    /// (the server's instructions say names stand for ids); projects are also found by code and
    /// users by email, which the description says.
    static func name(_ kind: DirectoryKind) -> JSONSchema {
        let also = kind == .project ? "Name or code." : kind == .user ? "Name or email." : nil
        return .string(also, minLength: 1, maxLength: 255)
    }

    /// The id and the name arguments of a reference: `[project_id, project]`.
    static func reference(_ kind: DirectoryKind, _ description: String) -> [JSONSchema.Property] {
        [.init(name: kind.idArgument, schema: id(description)), .init(name: kind.rawValue, schema: name(kind))]
    }

    /// A list's `query`.
    static let query = JSONSchema.string("Only those whose name contains this (case and accents ignored).", minLength: 1, maxLength: 255)

    /// An object in a result, said no more precisely than that.
    static let object = JSONSchema.object([:], additionalProperties: true)

    static let datePattern = #"^(\d{4}-\d{2}-\d{2}|today|yesterday|tomorrow)$"#
    static let dateHint = "a date as YYYY-MM-DD, or today, yesterday or tomorrow"

    /// A date argument that also takes the day words.
    static func date(_ description: String) -> JSONSchema {
        .string(description, pattern: datePattern, patternHint: dateHint, maxLength: 10)
    }

    static let period = JSONSchema.string("Instead of from/to.", enum: DateWords.periods)

    static let from = date("First day.")
    static let to = date("Last day.")

    static let dryRun = JSONSchema.boolean("true: report what would happen, change nothing.")

    static func currency(_ more: String?) -> JSONSchema {
        .string("ISO 4217 code, e.g. USD." + (more.map { " " + $0 } ?? ""), pattern: "^[A-Z]{3}$",
                patternHint: "a three-letter currency code such as USD", maxLength: 3)
    }

    /// Money or hours greater than zero, at most `maximum` (money: 10⁹).
    static func positive(_ description: String, maximum: Double = 1_000_000_000) -> JSONSchema {
        .number(description, maximum: maximum, exclusiveMinimum: 0)
    }

    // MARK: Results
    //
    // Output schemas say no more than they must: the members a result always has, and their
    // types. The shapes of API objects are the contract's (docs/API.md), and the descriptions
    // say what the model needs.

    /// A result that wraps one object: `{"client": {...}}`.
    static func single(_ key: String) -> JSONSchema {
        .object([JSONSchema.Property(name: key, schema: object)], required: [key], additionalProperties: true)
    }

    /// A result with these members, each an object unless given.
    static func result(_ members: KeyValuePairs<String, JSONSchema>, required: [String]? = nil) -> JSONSchema {
        .object(members, required: required ?? members.map(\.key), additionalProperties: true)
    }
}
