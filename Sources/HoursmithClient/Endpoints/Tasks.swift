import Foundation
import JSONCore

/// Filters of `GET /tasks`.
public struct TaskFilter: Sendable, Equatable {
    public var projectID: Int?
    public var isActive: Bool?

    public init(projectID: Int? = nil, isActive: Bool? = nil) {
        self.projectID = projectID
        self.isActive = isActive
    }

    var query: QueryItems {
        var query = QueryItems()
        query.add("project_id", projectID)
        query.add("is_active", isActive)
        return query
    }
}

/// The body of `POST /tasks`.
public struct TaskDraft: Sendable, Equatable {
    public var projectID: Int
    public var name: String
    public var billableByDefault: Bool?
    public var hourlyRate: Decimal?

    public init(projectID: Int, name: String, billableByDefault: Bool? = nil, hourlyRate: Decimal? = nil) {
        self.projectID = projectID
        self.name = name
        self.billableByDefault = billableByDefault
        self.hourlyRate = hourlyRate
    }

    public var json: JSONObject {
        var object: JSONObject = ["project_id": .int(projectID), "name": .string(name)]
        object.set("billable_by_default", billableByDefault.map(JSON.bool))
        object.set("hourly_rate", hourlyRate.map(JSON.decimal))
        return object
    }
}

/// The body of `PATCH /tasks/{id}`: only what is set is sent. `isActive: true` restores an
/// archived task.
public struct TaskChanges: Sendable, Equatable {
    public var name: String?
    public var billableByDefault: Bool?
    public var hourlyRate: FieldUpdate<Decimal>
    public var isActive: Bool?

    public init(name: String? = nil, billableByDefault: Bool? = nil, hourlyRate: FieldUpdate<Decimal> = .keep, isActive: Bool? = nil) {
        self.name = name
        self.billableByDefault = billableByDefault
        self.hourlyRate = hourlyRate
        self.isActive = isActive
    }

    public var json: JSONObject {
        var object = JSONObject()
        object.set("name", name.map(JSON.string))
        object.set("billable_by_default", billableByDefault.map(JSON.bool))
        object.set("hourly_rate", hourlyRate, JSON.decimal)
        object.set("is_active", isActive.map(JSON.bool))
        return object
    }
}

extension HoursmithClient {
    /// `GET /tasks`, by name.
    public func listTasks(_ filter: TaskFilter = TaskFilter(), page: Int? = nil, perPage: Int? = nil) async throws(HoursmithError) -> Page<ProjectTask> {
        try await self.page(.tasks(filter), page: page, perPage: perPage)
    }

    /// `GET /tasks/{id}`.
    public func getTask(id: Int) async throws(HoursmithError) -> ProjectTask {
        try await fetch(.get(.tasks, id: id), as: ProjectTask.self)
    }

    /// `POST /tasks`.
    public func createTask(_ draft: TaskDraft) async throws(HoursmithError) -> ProjectTask {
        try await fetch(.create(.tasks, draft.json), as: ProjectTask.self)
    }

    /// `PATCH /tasks/{id}`.
    public func updateTask(id: Int, _ changes: TaskChanges) async throws(HoursmithError) -> ProjectTask {
        try await fetch(.update(.tasks, id: id, changes.json), as: ProjectTask.self)
    }

    /// `POST /tasks/{id}/archive` (a no-op for an archived task).
    public func archiveTask(id: Int) async throws(HoursmithError) -> ProjectTask {
        try await fetch(.action(.tasks, id: id, "archive"), as: ProjectTask.self)
    }
}

extension ListRequest where Item == ProjectTask {
    /// `GET /tasks` with `filter`.
    public static func tasks(_ filter: TaskFilter = TaskFilter()) -> ListRequest {
        ListRequest("/tasks", filter.query)
    }
}
