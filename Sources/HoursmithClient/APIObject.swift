/// The collections of the API whose objects are addressed by id (`/clients/{id}`).
package enum APICollection: String, Sendable, CaseIterable {
    case clients, projects, tasks, users, expenses, invoices
    case timeEntries = "time_entries"
}

/// One object of the API, as a request addresses it: `/clients/99` is client 99, and so is
/// `/clients/99/archive`. An error keeps it (``HoursmithError/object``), so that what went
/// wrong can be told in words without reading a path back.
package struct APIObject: Sendable, Hashable, CustomStringConvertible {
    package let collection: APICollection
    package let id: Int

    package init(_ collection: APICollection, _ id: Int) {
        self.collection = collection
        self.id = id
    }

    /// `/clients/99`, relative to the base URL.
    package var path: String { "/\(collection.rawValue)/\(id)" }

    package var description: String { path }
}
