/// The collections of the API whose objects are addressed by id (`/clients/{id}`).
public enum APICollection: String, Sendable, CaseIterable {
    case clients, projects, tasks, users, expenses, invoices
    case timeEntries = "time_entries"
}

/// One object of the API, as a request addresses it: `/clients/99` is client 99, and so is
/// `/clients/99/archive`. An error keeps it (``HoursmithError/object``), so that what went
/// wrong can be told in words without reading a path back.
public struct APIObject: Sendable, Hashable, CustomStringConvertible {
    public let collection: APICollection
    public let id: Int

    public init(_ collection: APICollection, _ id: Int) {
        self.collection = collection
        self.id = id
    }

    /// `/clients/99`, relative to the base URL.
    public var path: String { "/\(collection.rawValue)/\(id)" }

    public var description: String { path }
}
