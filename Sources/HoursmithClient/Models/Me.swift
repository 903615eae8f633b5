import JSONCore

/// The token's user and workspace (`GET /me`).
package struct Me: HoursmithModel {
    package let user: User
    package let workspace: Workspace
    /// The model as the API sent it: its wire form, field names and nesting included.
    package let json: JSONObject

    package init(fields: JSONFields) throws(JSONDecodingError) {
        user = try fields.nested("user", User.self)
        workspace = try fields.nested("workspace", Workspace.self)
        json = fields.object
    }
}

/// The workspace a token belongs to.
package struct Workspace: HoursmithModel {
    package let id: Int
    package let name: String
    package let plan: Plan
    /// ISO 4217 code, e.g. `USD`.
    package let currency: String
    /// IANA time zone name, e.g. `America/New_York`: "today" and periods are resolved in it.
    package let timezone: String
    package let weekStart: Weekday
    /// The model as the API sent it: its wire form, field names and nesting included.
    package let json: JSONObject

    package init(fields: JSONFields) throws(JSONDecodingError) {
        id = try fields.int("id")
        name = try fields.string("name")
        plan = try fields.rawValue("plan", as: Plan.self)
        currency = try fields.string("currency")
        timezone = try fields.string("timezone")
        weekStart = try fields.value("week_start", expected: "a weekday name") { $0.stringValue.flatMap(Weekday.init(rawValue:)) }
        json = fields.object
    }
}
