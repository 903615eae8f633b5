import JSONCore

/// The query of `GET /reports/time`.
package struct TimeReportQuery: Sendable, Equatable {
    package var from: LocalDate
    package var to: LocalDate
    package var groupBy: TimeReportGrouping
    package var clientID: Int?
    package var projectID: Int?
    package var userID: Int?

    package init(from: LocalDate, to: LocalDate, groupBy: TimeReportGrouping, clientID: Int? = nil, projectID: Int? = nil, userID: Int? = nil) {
        self.from = from
        self.to = to
        self.groupBy = groupBy
        self.clientID = clientID
        self.projectID = projectID
        self.userID = userID
    }

    var query: QueryItems {
        var query = QueryItems()
        query.add("from", from)
        query.add("to", to)
        query.add("group_by", groupBy.rawValue)
        query.add("client_id", clientID)
        query.add("project_id", projectID)
        query.add("user_id", userID)
        return query
    }
}

extension HoursmithClient {
    /// `GET /reports/time`: totals per group (members get their own time only). Reports also
    /// count against a second rate limit, 100 per 15 minutes.
    package func timeReport(_ query: TimeReportQuery) async throws(HoursmithError) -> TimeReport {
        try await fetch(.get("/reports/time", query.query), as: TimeReport.self)
    }
}
