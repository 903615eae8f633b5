import Foundation
import JSONCore

/// Hours and billable amounts over a period, grouped by client, project, task or user
/// (`GET /reports/time`).
package struct TimeReport: HoursmithModel {
    package let from: LocalDate
    package let to: LocalDate
    package let groupBy: TimeReportGrouping
    package let currency: String
    package let results: [Row]

    /// One group's totals.
    package struct Row: HoursmithModel {
        package let id: Int
        package let name: String
        package let totalHours: Decimal
        package let billableHours: Decimal
        package let billableAmount: Decimal
        /// The model as the API sent it: its wire form, field names and nesting included.
        package let json: JSONObject

        package init(fields: JSONFields) throws(JSONDecodingError) {
            id = try fields.int("id")
            name = try fields.string("name")
            totalHours = try fields.decimal("total_hours")
            billableHours = try fields.decimal("billable_hours")
            billableAmount = try fields.decimal("billable_amount")
            json = fields.object
        }
    }
    /// The model as the API sent it: its wire form, field names and nesting included.
    package let json: JSONObject

    package init(fields: JSONFields) throws(JSONDecodingError) {
        from = try fields.date("from")
        to = try fields.date("to")
        groupBy = try fields.value("group_by", expected: "client, project, task or user") {
            $0.stringValue.flatMap(TimeReportGrouping.init(rawValue:))
        }
        currency = try fields.string("currency")
        results = try fields.models("results", Row.self)
        json = fields.object
    }
}

/// What a time report groups by.
package enum TimeReportGrouping: String, Sendable, CaseIterable {
    case client, project, task, user
}
