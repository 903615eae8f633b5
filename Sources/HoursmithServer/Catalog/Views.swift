import HoursmithClient
import JSONCore
import MCPCore

/// How much of each list item a result shows.
enum Detail: String, CaseIterable, Sendable {
    /// What a model needs to answer and act: names in place of nested references (their ids in
    /// the result's `references`), no nulls, flags only when they say something unusual.
    case concise
    /// The whole API object (its contract members only).
    case full
}

/// The objects a concise list refers to by name, each once, with its id: `{"users": [{"id",
/// "name"}], "projects": [{"id", "name", "client"}], …}`.
struct References: Sendable {
    private var groups: [(plural: String, ids: Set<Int>, items: [JSON])] = []

    /// Adds `{id, name, extra…}` under `plural` unless it is there; returns the bytes it adds.
    mutating func add(_ plural: String, _ reference: JSON?, extra: JSONObject = [:]) -> Int {
        guard let id = reference?["id"]?.intValue, let name = reference?["name"] else { return 0 }
        var entry: JSONObject = ["id": .int(id), "name": name]
        entry.merge(extra)
        let json = JSON.object(entry)
        if let index = groups.firstIndex(where: { $0.plural == plural }) {
            guard !groups[index].ids.contains(id) else { return 0 }
            groups[index].ids.insert(id)
            groups[index].items.append(json)
            return json.serialized().count + 1
        }
        groups.append((plural, [id], [json]))
        return json.serialized().count + plural.utf8.count + 6
    }

    var isEmpty: Bool { groups.isEmpty }
    var json: JSON { .object(JSONObject(groups.map { ($0.plural, JSON.array($0.items)) })) }
}

/// A list tool's view of its items: the contract shape (`full`) and the concise projection.
struct ListView: Sendable {
    let shape: ContractShape
    /// The concise item from the full one, adding what it names to the references; returns the
    /// item and the bytes its new references add.
    let concise: @Sendable (JSONObject, inout References) -> (JSON, Int)

    /// The item in `detail`, from the API's object.
    func item(_ wire: JSON, _ detail: Detail, references: inout References) -> (item: JSON, referenceBytes: Int) {
        let full = shape.keep(wire)
        guard detail == .concise, let object = full.objectValue else { return (full, 0) }
        return concise(object, &references)
    }
}

extension ListView {
    static let timeEntries = ListView(shape: Contract.timeEntry) { entry, references in
        var item = Concise(entry)
        item.copy("id", "spent_date", "hours", "notes")
        var added = item.name("user", references: &references, as: "users")
        added += item.name("project", references: &references, as: "projects", extra: ["client": entry["client"]?["name"] ?? .null])
        added += item.name("task", references: &references, as: "tasks", extra: ["project": entry["project"]?["name"] ?? .null])
        item.flag("billable", unusual: false)
        item.flag("is_running", unusual: true)
        item.invoiceNumber()
        return (item.json, added)
    }

    static let expenses = ListView(shape: Contract.expense) { expense, references in
        var item = Concise(expense)
        item.copy("id", "spent_date", "amount", "category", "notes")
        var added = item.name("user", references: &references, as: "users")
        added += item.name("project", references: &references, as: "projects", extra: ["client": expense["client"]?["name"] ?? .null])
        item.flag("billable", unusual: false)
        item.invoiceNumber()
        return (item.json, added)
    }

    static let invoices = ListView(shape: Contract.invoice) { invoice, references in
        var item = Concise(invoice)
        item.copy("id", "number")
        let added = item.name("client", references: &references, as: "clients")
        item.copy("state", "issue_date", "due_date", "amount", "currency", "subject")
        return (item.json, added)
    }

    static let projects = ListView(shape: Contract.project) { project, references in
        var item = Concise(project)
        item.copy("id", "name", "code")
        let added = item.name("client", references: &references, as: "clients")
        item.copy("hourly_rate", "budget_hours", "starts_on", "ends_on")
        item.flag("is_active", unusual: false)
        item.flag("is_billable", unusual: false)
        return (item.json, added)
    }

    static let tasks = ListView(shape: Contract.task) { task, references in
        var item = Concise(task)
        item.copy("id", "name")
        let added = item.name("project", references: &references, as: "projects")
        item.copy("hourly_rate")
        item.flag("is_active", unusual: false)
        item.flag("billable_by_default", unusual: false)
        return (item.json, added)
    }

    static let clients = ListView(shape: Contract.client) { client, _ in
        var item = Concise(client)
        item.copy("id", "name", "currency")
        item.flag("is_active", unusual: false)
        return (item.json, 0)
    }

    static let users = ListView(shape: Contract.user) { user, _ in
        var item = Concise(user)
        item.copy("id")
        let first = user["first_name"]?.stringValue ?? "", last = user["last_name"]?.stringValue ?? ""
        item.set("name", .string([first, last].filter { !$0.isEmpty }.joined(separator: " ")))
        item.copy("email", "role")
        item.flag("is_active", unusual: false)
        return (item.json, 0)
    }
}

/// Builds one concise item from a full (contract-shaped) object.
private struct Concise {
    let source: JSONObject
    private var object = JSONObject()

    init(_ source: JSONObject) {
        self.source = source
    }

    var json: JSON { .object(object) }

    mutating func set(_ name: String, _ value: JSON) {
        object[name] = value
    }

    /// Copies members that are present and not null.
    mutating func copy(_ names: String...) {
        for name in names {
            if let value = source[name], !value.isNull { object[name] = value }
        }
    }

    /// A nested `{id, name}` as its name; the reference goes to `references[plural]`.
    mutating func name(_ member: String, references: inout References, as plural: String, extra: JSONObject = [:]) -> Int {
        guard let reference = source[member], let name = reference["name"], !name.isNull else { return 0 }
        object[member] = name
        return references.add(plural, reference, extra: extra.filter { !$0.value.isNull })
    }

    /// A boolean, only when it has its unusual value (`billable: false`, `is_running: true`).
    mutating func flag(_ name: String, unusual: Bool) {
        if source[name]?.boolValue == unusual { object[name] = .bool(unusual) }
    }

    /// `invoice: "INV-0001"` for an invoiced item; nothing otherwise.
    mutating func invoiceNumber() {
        if let number = source["invoice"]?["number"], !number.isNull { object["invoice"] = number }
    }
}

private extension JSONObject {
    func filter(_ isIncluded: ((key: String, value: JSON)) -> Bool) -> JSONObject {
        JSONObject(self.lazy.filter(isIncluded).map { ($0.key, $0.value) })
    }
}
