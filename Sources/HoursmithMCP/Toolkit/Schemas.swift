import MCPCore

/// Schema pieces the toolsets share: argument types (ids, dates, periods, list arguments) and the
/// shapes of Hoursmith's objects in results.
enum Schemas {
    // MARK: Arguments

    static func id(_ description: String) -> JSONSchema {
        .integer(description, minimum: 1)
    }

    static let datePattern = #"^(\d{4}-\d{2}-\d{2}|today|yesterday|tomorrow)$"#
    static let dateHint = "a date as YYYY-MM-DD, or today, yesterday or tomorrow"

    /// A date argument that also takes the day words.
    static func date(_ description: String) -> JSONSchema {
        .string("\(description) YYYY-MM-DD, or today, yesterday, tomorrow (in the workspace's timezone).",
                pattern: datePattern, patternHint: dateHint)
    }

    static let period = JSONSchema.string(
        "A period instead of from/to: whole calendar days in the workspace's timezone and week start "
            + "(this_week includes the days still to come; last_month is the whole previous month).",
        enum: DateWords.periods)

    static let from = date("First day to include.")
    static let to = date("Last day to include.")

    static func dryRun(_ verb: String) -> JSONSchema {
        .boolean("true: check what would happen and report it, without \(verb) anything. Default false.")
    }

    /// Money or hours greater than zero.
    static func positive(_ description: String, maximum: Double? = nil) -> JSONSchema {
        .number(description, maximum: maximum, exclusiveMinimum: 0)
    }

    // MARK: Results

    /// An object in a result: the listed members are always there; more may be added later.
    static func record(_ properties: KeyValuePairs<String, JSONSchema>, required: [String]? = nil, description: String? = nil) -> JSONSchema {
        let names = properties.map(\.key)
        return .object(properties, required: required ?? names, description: description, additionalProperties: true)
    }

    static let reference = record(["id": .integer(), "name": .string()], description: "An id with its name.")
    static let invoiceReference = record(["id": .integer(), "number": .string()], description: "The invoice that billed it.")

    static let user = record([
        "id": .integer(), "first_name": .string(), "last_name": .string(), "email": .string(),
        "role": .string(enum: ["owner", "admin", "manager", "member"]), "is_active": .boolean(),
        "weekly_capacity_hours": .number(),
    ])

    static let workspace = record([
        "id": .integer(), "name": .string(), "plan": .string(), "currency": .string(), "timezone": .string(),
        "week_start": .string(enum: ["monday", "sunday"]),
    ])

    static let client = record([
        "id": .integer(), "name": .string(), "currency": .string(), "address": .string().nullable(), "is_active": .boolean(),
    ], required: ["id", "name", "currency", "is_active"])

    static let project = record([
        "id": .integer(), "name": .string(), "code": .string().nullable(), "client": reference, "is_active": .boolean(),
        "is_billable": .boolean(), "hourly_rate": .number().nullable(), "budget_hours": .number().nullable(),
        "starts_on": .string().nullable(), "ends_on": .string().nullable(), "notes": .string().nullable(),
        "member_ids": .array(of: .integer()),
    ], required: ["id", "name", "client", "is_active", "is_billable", "member_ids"])

    static let task = record([
        "id": .integer(), "name": .string(), "project": reference, "is_active": .boolean(),
        "billable_by_default": .boolean(), "hourly_rate": .number().nullable(),
    ], required: ["id", "name", "project", "is_active", "billable_by_default"])

    static let timeEntry = record([
        "id": .integer(), "spent_date": .string(), "hours": .number(), "notes": .string().nullable(), "billable": .boolean(),
        "is_running": .boolean(), "timer_started_at": .string().nullable(), "is_invoiced": .boolean(),
        "invoice": invoiceReference.nullable(), "user": reference, "client": reference, "project": reference, "task": reference,
    ], required: ["id", "spent_date", "hours", "billable", "is_running", "is_invoiced", "user", "client", "project", "task"])

    static let expense = record([
        "id": .integer(), "spent_date": .string(), "amount": .number(), "category": .string(), "notes": .string().nullable(),
        "billable": .boolean(), "is_invoiced": .boolean(), "invoice": invoiceReference.nullable(), "user": reference,
        "client": reference, "project": reference,
    ], required: ["id", "spent_date", "amount", "category", "billable", "is_invoiced", "user", "client", "project"])

    static let lineItem = record([
        "kind": .string(enum: ["time", "expense", "other"]), "description": .string(), "quantity": .number(),
        "unit_price": .number(), "amount": .number(), "project": reference.nullable(),
    ], required: ["kind", "description", "quantity", "unit_price", "amount"])

    static let invoice = record([
        "id": .integer(), "number": .string(), "client": reference, "state": .string(enum: ["draft", "open", "paid", "closed"]),
        "issue_date": .string(), "due_date": .string().nullable(), "subject": .string().nullable(), "notes": .string().nullable(),
        "currency": .string(), "amount": .number(), "line_items": .array(of: lineItem),
    ], required: ["id", "number", "client", "state", "issue_date", "currency", "amount"])

    /// A result that wraps one object: `{"client": {...}}`.
    static func single(_ key: String, _ item: JSONSchema) -> JSONSchema {
        .object([JSONSchema.Property(name: key, schema: item)], required: [key], additionalProperties: true)
    }
}
