import JSONCore

/// The token's user and workspace (`GET /me`).
public struct Me: HoursmithModel {
    public let user: User
    public let workspace: Workspace
    /// The model as the API sent it: its wire form, field names and nesting included.
    public let json: JSONObject

    public init(fields: JSONFields) throws(JSONDecodingError) {
        user = try fields.nested("user", User.self)
        workspace = try fields.nested("workspace", Workspace.self)
        json = fields.object
    }
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
    /// The model as the API sent it: its wire form, field names and nesting included.
    public let json: JSONObject

    public init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        name = try fields.string("name")
        plan = try fields.rawValue("plan", as: Plan.self)
        currency = try fields.string("currency")
        timezone = try fields.string("timezone")
        weekStart = try fields.value("week_start", expected: "a weekday name") { $0.stringValue.flatMap(Weekday.init(rawValue:)) }
        json = fields.object
    }
}
