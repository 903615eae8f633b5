import Foundation
import JSONCore

/// Filters of `GET /projects`.
package struct ProjectFilter: Sendable, Equatable {
    package var clientID: Int?
    package var isActive: Bool?
    package var updatedSince: Timestamp?

    package init(clientID: Int? = nil, isActive: Bool? = nil, updatedSince: Timestamp? = nil) {
        self.clientID = clientID
        self.isActive = isActive
        self.updatedSince = updatedSince
    }

    var query: QueryItems {
        var query = QueryItems()
        query.add("client_id", clientID)
        query.add("is_active", isActive)
        query.add("updated_since", updatedSince)
        return query
    }
}

/// The body of `POST /projects`.
package struct ProjectDraft: Sendable, Equatable {
    package var clientID: Int
    package var name: String
    package var code: String?
    package var isBillable: Bool?
    package var hourlyRate: Decimal?
    package var budgetHours: Decimal?
    package var startsOn: LocalDate?
    package var endsOn: LocalDate?
    package var notes: String?
    package var memberIDs: [Int]?

    package init(
        clientID: Int, name: String, code: String? = nil, isBillable: Bool? = nil, hourlyRate: Decimal? = nil,
        budgetHours: Decimal? = nil, startsOn: LocalDate? = nil, endsOn: LocalDate? = nil, notes: String? = nil,
        memberIDs: [Int]? = nil
    ) {
        self.clientID = clientID
        self.name = name
        self.code = code
        self.isBillable = isBillable
        self.hourlyRate = hourlyRate
        self.budgetHours = budgetHours
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.notes = notes
        self.memberIDs = memberIDs
    }

    package var json: JSONObject {
        var object: JSONObject = ["client_id": .int(clientID), "name": .string(name)]
        object.set("code", code.map(JSON.string))
        object.set("is_billable", isBillable.map(JSON.bool))
        object.set("hourly_rate", hourlyRate.map(JSON.decimal))
        object.set("budget_hours", budgetHours.map(JSON.decimal))
        object.set("starts_on", startsOn.map(JSON.date))
        object.set("ends_on", endsOn.map(JSON.date))
        object.set("notes", notes.map(JSON.string))
        object.set("member_ids", memberIDs.map { .array($0.map(JSON.int)) })
        return object
    }
}

/// The body of `PATCH /projects/{id}`: only what is set is sent. `isActive: true` restores an
/// archived project.
package struct ProjectChanges: Sendable, Equatable {
    package var clientID: Int?
    package var name: String?
    package var code: FieldUpdate<String>
    package var isActive: Bool?
    package var isBillable: Bool?
    package var hourlyRate: FieldUpdate<Decimal>
    package var budgetHours: FieldUpdate<Decimal>
    package var startsOn: FieldUpdate<LocalDate>
    package var endsOn: FieldUpdate<LocalDate>
    package var notes: FieldUpdate<String>
    package var memberIDs: [Int]?

    package init(
        clientID: Int? = nil, name: String? = nil, code: FieldUpdate<String> = .keep, isActive: Bool? = nil,
        isBillable: Bool? = nil, hourlyRate: FieldUpdate<Decimal> = .keep, budgetHours: FieldUpdate<Decimal> = .keep,
        startsOn: FieldUpdate<LocalDate> = .keep, endsOn: FieldUpdate<LocalDate> = .keep,
        notes: FieldUpdate<String> = .keep, memberIDs: [Int]? = nil
    ) {
        self.clientID = clientID
        self.name = name
        self.code = code
        self.isActive = isActive
        self.isBillable = isBillable
        self.hourlyRate = hourlyRate
        self.budgetHours = budgetHours
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.notes = notes
        self.memberIDs = memberIDs
    }

    package var json: JSONObject {
        var object = JSONObject()
        object.set("client_id", clientID.map(JSON.int))
        object.set("name", name.map(JSON.string))
        object.set("code", code, JSON.string)
        object.set("is_active", isActive.map(JSON.bool))
        object.set("is_billable", isBillable.map(JSON.bool))
        object.set("hourly_rate", hourlyRate, JSON.decimal)
        object.set("budget_hours", budgetHours, JSON.decimal)
        object.set("starts_on", startsOn, JSON.date)
        object.set("ends_on", endsOn, JSON.date)
        object.set("notes", notes, JSON.string)
        object.set("member_ids", memberIDs.map { .array($0.map(JSON.int)) })
        return object
    }
}

extension HoursmithClient {
    /// `GET /projects`, by name. Members see only the projects they are assigned to.
    package func listProjects(_ filter: ProjectFilter = ProjectFilter(), page: Int? = nil, perPage: Int? = nil) async throws(HoursmithError) -> Page<Project> {
        try await self.page(.projects(filter), page: page, perPage: perPage)
    }

    /// `GET /projects/{id}`.
    package func getProject(id: Int) async throws(HoursmithError) -> Project {
        try await fetch(.get(.projects, id: id), as: Project.self)
    }

    /// `POST /projects`.
    package func createProject(_ draft: ProjectDraft) async throws(HoursmithError) -> Project {
        try await fetch(.create(.projects, draft.json), as: Project.self)
    }

    /// `PATCH /projects/{id}`.
    package func updateProject(id: Int, _ changes: ProjectChanges) async throws(HoursmithError) -> Project {
        try await fetch(.update(.projects, id: id, changes.json), as: Project.self)
    }

    /// `POST /projects/{id}/archive`: sets `is_active` false and stops running timers on it
    /// (a no-op for an archived project).
    package func archiveProject(id: Int) async throws(HoursmithError) -> Project {
        try await fetch(.action(.projects, id: id, "archive"), as: Project.self)
    }
}

extension ListRequest where Item == Project {
    /// `GET /projects` with `filter`.
    package static func projects(_ filter: ProjectFilter = ProjectFilter()) -> ListRequest {
        ListRequest("/projects", filter.query)
    }
}
