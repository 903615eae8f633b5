import Foundation
import JSONCore

/// Filters of `GET /projects`.
public struct ProjectFilter: Sendable, Equatable {
    public var clientID: Int?
    public var isActive: Bool?
    public var updatedSince: Timestamp?

    public init(clientID: Int? = nil, isActive: Bool? = nil, updatedSince: Timestamp? = nil) {
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
public struct ProjectDraft: Sendable, Equatable {
    public var clientID: Int
    public var name: String
    public var code: String?
    public var isBillable: Bool?
    public var hourlyRate: Decimal?
    public var budgetHours: Decimal?
    public var startsOn: LocalDate?
    public var endsOn: LocalDate?
    public var notes: String?
    public var memberIDs: [Int]?

    public init(
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

    public var json: JSONObject {
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
public struct ProjectChanges: Sendable, Equatable {
    public var clientID: Int?
    public var name: String?
    public var code: FieldUpdate<String>
    public var isActive: Bool?
    public var isBillable: Bool?
    public var hourlyRate: FieldUpdate<Decimal>
    public var budgetHours: FieldUpdate<Decimal>
    public var startsOn: FieldUpdate<LocalDate>
    public var endsOn: FieldUpdate<LocalDate>
    public var notes: FieldUpdate<String>
    public var memberIDs: [Int]?

    public init(
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

    public var json: JSONObject {
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
    public func listProjects(_ filter: ProjectFilter = ProjectFilter(), page: Int? = nil, perPage: Int? = nil) async throws(HoursmithError) -> Page<Project> {
        try await self.page(.projects(filter), page: page, perPage: perPage)
    }

    /// `GET /projects/{id}`.
    public func getProject(id: Int) async throws(HoursmithError) -> Project {
        try await fetch(.get(.projects, id: id), as: Project.self)
    }

    /// `POST /projects`.
    public func createProject(_ draft: ProjectDraft) async throws(HoursmithError) -> Project {
        try await fetch(.create(.projects, draft.json), as: Project.self)
    }

    /// `PATCH /projects/{id}`.
    public func updateProject(id: Int, _ changes: ProjectChanges) async throws(HoursmithError) -> Project {
        try await fetch(.update(.projects, id: id, changes.json), as: Project.self)
    }

    /// `POST /projects/{id}/archive`: sets `is_active` false and stops running timers on it
    /// (a no-op for an archived project).
    public func archiveProject(id: Int) async throws(HoursmithError) -> Project {
        try await fetch(.action(.projects, id: id, "archive"), as: Project.self)
    }
}

extension ListRequest where Item == Project {
    /// `GET /projects` with `filter`.
    public static func projects(_ filter: ProjectFilter = ProjectFilter()) -> ListRequest {
        ListRequest("/projects", filter.query)
    }
}
