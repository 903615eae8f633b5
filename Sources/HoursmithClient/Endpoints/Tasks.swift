import Foundation
import JSONCore

/// Filters of `GET /tasks`.
package struct TaskFilter: Sendable, Equatable {
    package var projectID: Int?
    package var isActive: Bool?

    package init(projectID: Int? = nil, isActive: Bool? = nil) {
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
package struct TaskDraft: Sendable, Equatable {
    package var projectID: Int
    package var name: String
    package var billableByDefault: Bool?
    package var hourlyRate: Decimal?

    package init(projectID: Int, name: String, billableByDefault: Bool? = nil, hourlyRate: Decimal? = nil) {
        self.projectID = projectID
        self.name = name
        self.billableByDefault = billableByDefault
        self.hourlyRate = hourlyRate
    }

    package var json: JSONObject {
        var object: JSONObject = ["project_id": .int(projectID), "name": .string(name)]
        object.set("billable_by_default", billableByDefault.map(JSON.bool))
        object.set("hourly_rate", hourlyRate.map(JSON.decimal))
        return object
    }
}

/// The body of `PATCH /tasks/{id}`: only what is set is sent. `isActive: true` restores an
/// archived task.
package struct TaskChanges: Sendable, Equatable {
    package var name: String?
    package var billableByDefault: Bool?
    package var hourlyRate: FieldUpdate<Decimal>
    package var isActive: Bool?

    package init(name: String? = nil, billableByDefault: Bool? = nil, hourlyRate: FieldUpdate<Decimal> = .keep, isActive: Bool? = nil) {
        self.name = name
        self.billableByDefault = billableByDefault
        self.hourlyRate = hourlyRate
        self.isActive = isActive
    }

    package var json: JSONObject {
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
    package func listTasks(_ filter: TaskFilter = TaskFilter(), page: Int? = nil, perPage: Int? = nil) async throws(HoursmithError) -> Page<ProjectTask> {
        try await self.page(.tasks(filter), page: page, perPage: perPage)
    }

    /// `GET /tasks/{id}`.
    package func getTask(id: Int) async throws(HoursmithError) -> ProjectTask {
        try await fetch(.get(.tasks, id: id), as: ProjectTask.self)
    }

    /// `POST /tasks`.
    package func createTask(_ draft: TaskDraft) async throws(HoursmithError) -> ProjectTask {
        try await fetch(.create(.tasks, draft.json), as: ProjectTask.self)
    }

    /// `PATCH /tasks/{id}`.
    package func updateTask(id: Int, _ changes: TaskChanges) async throws(HoursmithError) -> ProjectTask {
        try await fetch(.update(.tasks, id: id, changes.json), as: ProjectTask.self)
    }

    /// `POST /tasks/{id}/archive` (a no-op for an archived task).
    package func archiveTask(id: Int) async throws(HoursmithError) -> ProjectTask {
        try await fetch(.action(.tasks, id: id, "archive"), as: ProjectTask.self)
    }
}

extension ListRequest where Item == ProjectTask {
    /// `GET /tasks` with `filter`.
    package static func tasks(_ filter: TaskFilter = TaskFilter()) -> ListRequest {
        ListRequest("/tasks", filter.query)
    }
}
