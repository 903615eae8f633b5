import Foundation
import JSONCore

/// Filters of `GET /time_entries`; `from` and `to` are inclusive bounds on `spent_date`.
package struct TimeEntryFilter: Sendable, Equatable {
    package var userID: Int?
    package var clientID: Int?
    package var projectID: Int?
    package var taskID: Int?
    package var from: LocalDate?
    package var to: LocalDate?
    package var isRunning: Bool?
    package var isInvoiced: Bool?
    package var billable: Bool?
    package var updatedSince: Timestamp?

    package init(
        userID: Int? = nil, clientID: Int? = nil, projectID: Int? = nil, taskID: Int? = nil, from: LocalDate? = nil,
        to: LocalDate? = nil, isRunning: Bool? = nil, isInvoiced: Bool? = nil, billable: Bool? = nil,
        updatedSince: Timestamp? = nil
    ) {
        self.userID = userID
        self.clientID = clientID
        self.projectID = projectID
        self.taskID = taskID
        self.from = from
        self.to = to
        self.isRunning = isRunning
        self.isInvoiced = isInvoiced
        self.billable = billable
        self.updatedSince = updatedSince
    }

    var query: QueryItems {
        var query = QueryItems()
        query.add("user_id", userID)
        query.add("client_id", clientID)
        query.add("project_id", projectID)
        query.add("task_id", taskID)
        query.add("from", from)
        query.add("to", to)
        query.add("is_running", isRunning)
        query.add("is_invoiced", isInvoiced)
        query.add("billable", billable)
        query.add("updated_since", updatedSince)
        return query
    }
}

/// The body of `POST /time_entries`: with `hours` it logs time; without, it starts a timer.
package struct TimeEntryDraft: Sendable, Equatable {
    package var projectID: Int
    package var taskID: Int
    package var spentDate: LocalDate
    /// 0 < hours ≤ 24; nil starts a timer (stopping the user's other running timer).
    package var hours: Decimal?
    package var notes: String?
    package var billable: Bool?
    /// Someone else (managers and up); the token's user when nil.
    package var userID: Int?

    package init(
        projectID: Int, taskID: Int, spentDate: LocalDate, hours: Decimal? = nil, notes: String? = nil,
        billable: Bool? = nil, userID: Int? = nil
    ) {
        self.projectID = projectID
        self.taskID = taskID
        self.spentDate = spentDate
        self.hours = hours
        self.notes = notes
        self.billable = billable
        self.userID = userID
    }

    package var json: JSONObject {
        var object: JSONObject = [
            "project_id": .int(projectID),
            "task_id": .int(taskID),
            "spent_date": .date(spentDate),
        ]
        object.set("hours", hours.map(JSON.decimal))
        object.set("notes", notes.map(JSON.string))
        object.set("billable", billable.map(JSON.bool))
        object.set("user_id", userID.map(JSON.int))
        return object
    }
}

/// The body of `PATCH /time_entries/{id}`: only what is set is sent.
package struct TimeEntryChanges: Sendable, Equatable {
    package var projectID: Int?
    package var taskID: Int?
    package var spentDate: LocalDate?
    package var hours: Decimal?
    package var notes: FieldUpdate<String>
    package var billable: Bool?

    package init(
        projectID: Int? = nil, taskID: Int? = nil, spentDate: LocalDate? = nil, hours: Decimal? = nil,
        notes: FieldUpdate<String> = .keep, billable: Bool? = nil
    ) {
        self.projectID = projectID
        self.taskID = taskID
        self.spentDate = spentDate
        self.hours = hours
        self.notes = notes
        self.billable = billable
    }

    package var json: JSONObject {
        var object = JSONObject()
        object.set("project_id", projectID.map(JSON.int))
        object.set("task_id", taskID.map(JSON.int))
        object.set("spent_date", spentDate.map(JSON.date))
        object.set("hours", hours.map(JSON.decimal))
        object.set("notes", notes, JSON.string)
        object.set("billable", billable.map(JSON.bool))
        return object
    }
}

extension HoursmithClient {
    /// `GET /time_entries`, newest first.
    package func listTimeEntries(_ filter: TimeEntryFilter = TimeEntryFilter(), page: Int? = nil, perPage: Int? = nil) async throws(HoursmithError) -> Page<TimeEntry> {
        try await self.page(.timeEntries(filter), page: page, perPage: perPage)
    }

    /// `GET /time_entries/{id}`.
    package func getTimeEntry(id: Int) async throws(HoursmithError) -> TimeEntry {
        try await fetch(.get(.timeEntries, id: id), as: TimeEntry.self)
    }

    /// `POST /time_entries`: logs time, or starts a timer when `hours` is nil. Always sent with an
    /// `Idempotency-Key`, so that the client's own retries never log the time twice: the caller's
    /// (1–255 printable ASCII) when given — sent again with the same key and body within 24 h, the
    /// API replays the first answer and logs nothing new, so a batch resent after a lost answer
    /// creates nothing twice — else a fresh one.
    package func createTimeEntry(_ draft: TimeEntryDraft, idempotencyKey: String? = nil) async throws(HoursmithError) -> TimeEntry {
        var request = APIRequest.create(.timeEntries, draft.json)
        request.idempotencyKey = idempotencyKey
        return try await fetch(request, as: TimeEntry.self)
    }

    /// `PATCH /time_entries/{id}` (refused with `timeEntryInvoiced` once invoiced).
    package func updateTimeEntry(id: Int, _ changes: TimeEntryChanges) async throws(HoursmithError) -> TimeEntry {
        try await fetch(.update(.timeEntries, id: id, changes.json), as: TimeEntry.self)
    }

    /// `DELETE /time_entries/{id}` (refused with `timeEntryInvoiced` once invoiced).
    package func deleteTimeEntry(id: Int) async throws(HoursmithError) {
        _ = try await send(.delete(.timeEntries, id: id))
    }

    /// `POST /time_entries/{id}/stop` (refused with `timerNotRunning`).
    package func stopTimeEntry(id: Int) async throws(HoursmithError) -> TimeEntry {
        try await fetch(.action(.timeEntries, id: id, "stop"), as: TimeEntry.self)
    }

    /// `POST /time_entries/{id}/restart` (refused with `timerAlreadyRunning`).
    package func restartTimeEntry(id: Int) async throws(HoursmithError) -> TimeEntry {
        try await fetch(.action(.timeEntries, id: id, "restart"), as: TimeEntry.self)
    }
}

extension ListRequest where Item == TimeEntry {
    /// `GET /time_entries` with `filter`.
    package static func timeEntries(_ filter: TimeEntryFilter = TimeEntryFilter()) -> ListRequest {
        ListRequest("/time_entries", filter.query)
    }
}
