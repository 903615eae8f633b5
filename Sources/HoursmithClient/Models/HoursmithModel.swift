import JSONCore

/// A value the API answers with: decoded from its wire form with path-aware errors, and
/// written back to the same wire form (same field names, same nesting) by `json`.
package protocol HoursmithModel: Sendable, Equatable {
    /// Decodes the model; a missing or mistyped member throws an error naming its path.
    init(fields: JSONFields) throws(JSONDecodingError)

    /// The model in the API's wire form.
    var json: JSONObject { get }
}

extension HoursmithModel {
    /// Decodes the model from a JSON value; `path` prefixes the paths in errors.
    package init(json: JSON, path: String = "") throws(JSONDecodingError) {
        try self.init(fields: JSONFields(json, path: path))
    }
}

/// A model that list endpoints answer with, under a plural key (`time_entries`).
package protocol ListableModel: HoursmithModel {
    /// The member of a list answer that holds the items.
    static var listKey: String { get }
}
