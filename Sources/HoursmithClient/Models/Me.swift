import JSONCore

/// The token's user and workspace (`GET /me`).
public struct Me: HoursmithModel {
    public let user: User
    public let workspace: Workspace

    public init(fields: JSONFields) throws(JSONDecodingError) {
        user = try fields.nested("user", User.self)
        workspace = try fields.nested("workspace", Workspace.self)
    }

    public var json: JSONObject { ["user": .object(user.json), "workspace": .object(workspace.json)] }
}

/// The workspace a token belongs to.
public struct Workspace: HoursmithModel {
    public let id: Int
    public let name: String
    public let plan: Plan
    /// ISO 4217 code, e.g. `USD`.
    public let currency: String
    /// IANA time zone name, e.g. `America/New_York`: "today" and periods are resolved in it.
    public let timezone: String
    public let weekStart: Weekday

    public init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        name = try fields.string("name")
        plan = try fields.rawValue("plan", as: Plan.self)
        currency = try fields.string("currency")
        timezone = try fields.string("timezone")
        weekStart = try fields.value("week_start", expected: "a weekday name") { $0.stringValue.flatMap(Weekday.init(rawValue:)) }
    }

    public var json: JSONObject {
        [
            "id": .int(id),
            "name": .string(name),
            "plan": .string(plan.rawValue),
            "currency": .string(currency),
            "timezone": .string(timezone),
            "week_start": .string(weekStart.rawValue),
        ]
    }
}
