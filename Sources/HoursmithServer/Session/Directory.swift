import Foundation
import HoursmithClient
import ConcurrencyHelpers
import MCPCore

/// The kinds of objects people name: what `client`, `project`, `task` and `user` arguments find.
enum DirectoryKind: String, CaseIterable, Sendable {
    case client, project, task, user

    var plural: String { self.rawValue + "s" }
    var idArgument: String { self.rawValue + "_id" }
}

/// One object of the directory: its id, its name, what else finds it, and how a person reads it.
struct DirectoryEntry: Sendable, Equatable {
    let id: Int
    let name: String
    /// Other texts that find it: a project's code, a user's email.
    let aliases: [String]
    /// The project of a task; the client of a project.
    let parent: NamedReference?
    /// A project's or a task's own hourly rate (the rate rule: the task's, else the project's, else 0).
    let hourlyRate: Decimal?
    /// False when it is archived (or, a user, deactivated).
    let isActive: Bool
    /// A project's assigned users; empty for the other kinds.
    let memberIDs: [Int]

    init(id: Int, name: String, aliases: [String] = [], parent: NamedReference? = nil, hourlyRate: Decimal? = nil,
         isActive: Bool = true, memberIDs: [Int] = []) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.parent = parent
        self.hourlyRate = hourlyRate
        self.isActive = isActive
        self.memberIDs = memberIDs
    }

    /// "Design (task 1, Acme Website)", for candidate lists.
    func label(_ kind: DirectoryKind) -> String {
        "\(name) (\(kind.rawValue) \(id)" + (parent.map { ", \($0.name)" } ?? "") + ")"
    }
}

/// The session's directory of clients, projects, tasks and users: each kind read once (every
/// page) when first needed, kept for the session, read again after a create or update of that
/// kind, and — once — when a name finds nothing (it may have been added elsewhere).
///
/// It answers names the way people give them (``resolve(_:name:within:using:)``: an exact match,
/// else a single partial one, else a refusal listing the candidates) and ranks candidates for a
/// typed prefix (``candidates(_:matching:within:limit:using:)``, for completions).
///
/// What a member may read shapes it: members can't list clients or users, so their clients are
/// those of their projects, and their only user is themselves.
final class Directory: Sendable {
    /// Each kind's list: read once by one load that every lookup meanwhile shares.
    private let clients = SingleFlight<[DirectoryEntry], HoursmithError>()
    private let projects = SingleFlight<[DirectoryEntry], HoursmithError>()
    private let tasks = SingleFlight<[DirectoryEntry], HoursmithError>()
    private let users = SingleFlight<[DirectoryEntry], HoursmithError>()

    /// What the directory reads with: the client, and who the token is.
    struct Reader: Sendable {
        let client: HoursmithClient
        let me: Me
    }

    private func load(_ kind: DirectoryKind) -> SingleFlight<[DirectoryEntry], HoursmithError> {
        switch kind {
        case .client: clients
        case .project: projects
        case .task: tasks
        case .user: users
        }
    }

    /// Forgets a kind, so that the next lookup reads it again (after a create or update).
    func invalidate(_ kind: DirectoryKind) {
        load(kind).forget()
    }

    /// Every object of a kind the token can see: read once, then kept; a read under way is
    /// waited for until the call's deadline at most.
    func entries(_ kind: DirectoryKind, using reader: Reader) async throws(HoursmithError) -> [DirectoryEntry] {
        try await load(kind).value {
            do throws(HoursmithError) { return .success(try await Directory.read(kind, reader)) } catch { return .failure(error) }
        } wait: { shared in
            await reader.client.waitForShared(shared, path: "/" + kind.plural)
        }.get()
    }

    /// The object `name` means: an exact match (name or alias) wins; otherwise a single partial
    /// match; otherwise a `ToolError` that lists the candidates (up to 10, with ids) or says
    /// nothing matched. Never a guess between two. Tasks are looked for within `projectID` when
    /// it is given. `offeringID`: whether the refusal suggests the id argument instead (a tool
    /// has one; a prompt does not). `sayingNothingWasDone`: whether the refusal says so (a call
    /// refused whole; not one entry of a batch, whose others go on).
    func resolve(
        _ kind: DirectoryKind, name: String, within projectID: Int? = nil, offeringID: Bool = true,
        sayingNothingWasDone: Bool = true, using reader: Reader
    ) async throws -> DirectoryEntry {
        let query = NameMatch.fold(name)
        var entries = try await scoped(kind, within: projectID, reader)
        var outcome = Directory.pick(entries, query: query)
        if case .none = outcome {
            // It may be new since the directory was read: read once more.
            invalidate(kind)
            entries = try await scoped(kind, within: projectID, reader)
            outcome = Directory.pick(entries, query: query)
        }
        let nothingDone = sayingNothingWasDone ? " Nothing was done." : ""
        switch outcome {
        case .one(let entry):
            return entry
        case .several(let candidates):
            let listed = candidates.prefix(10).map { $0.label(kind) }.joined(separator: "; ")
            let more = candidates.count > 10 ? "; and \(candidates.count - 10) more" : ""
            throw ToolError("\"\(name)\" matches \(candidates.count) \(kind.plural): \(listed)\(more).\(nothingDone) "
                + (offeringID ? "Give the full name, or the id as \(kind.idArgument)." : "Give the full name."))
        case .none:
            throw ToolError(Directory.nothingMatched(kind, name: name, within: projectID, entries: entries, role: reader.me.user.role,
                                                     nothingDone: nothingDone))
        }
    }

    /// Objects of a kind whose name (or alias) matches `typed`, best first (exact, prefix,
    /// substring; then by name), at most `limit`. An empty `typed` matches every one.
    func candidates(
        _ kind: DirectoryKind, matching typed: String, within projectID: Int? = nil, limit: Int = 100, using reader: Reader
    ) async throws(HoursmithError) -> [DirectoryEntry] {
        let query = NameMatch.fold(typed)
        let entries = try await scoped(kind, within: projectID, reader)
        let ranked: [(NameMatch, DirectoryEntry)] = entries.compactMap { entry in
            if query.isEmpty { return (.prefix, entry) }
            return NameMatch.best([entry.name] + entry.aliases, foldedQuery: query).map { ($0, entry) }
        }
        return ranked.sorted { ($0.0, $0.1.name.lowercased(), $0.1.id) < ($1.0, $1.1.name.lowercased(), $1.1.id) }
            .prefix(max(0, limit)).map(\.1)
    }

    // MARK: Matching

    private enum Pick {
        case one(DirectoryEntry)
        case several([DirectoryEntry])
        case none
    }

    private static func pick(_ entries: [DirectoryEntry], query: String) -> Pick {
        var exact: [DirectoryEntry] = [], partial: [DirectoryEntry] = []
        for entry in entries {
            switch NameMatch.best([entry.name] + entry.aliases, foldedQuery: query) {
            case .exact?: exact.append(entry)
            case .prefix?, .substring?: partial.append(entry)
            case nil: break
            }
        }
        if exact.count == 1 { return .one(exact[0]) }
        if exact.count > 1 { return .several(exact) }
        if partial.count == 1 { return .one(partial[0]) }
        return partial.isEmpty ? .none : .several(partial)
    }

    private static func nothingMatched(
        _ kind: DirectoryKind, name: String, within projectID: Int?, entries: [DirectoryEntry], role: Role, nothingDone: String
    ) -> String {
        var sentence = "No \(kind.rawValue) matches \"\(name)\""
        if kind == .task, projectID != nil {
            let names = entries.prefix(10).map { "\($0.name) (\($0.id))" }.joined(separator: ", ")
            sentence += " on that project; its tasks: \(names.isEmpty ? "none" : names)"
        } else if kind == .user, role == .member {
            sentence += ": a member can name only themselves (your name or email)"
        } else if kind == .client, role == .member {
            sentence += " among the clients of your projects"
        }
        let finder = kind == .task ? "list_tasks" : "list_\(kind.plural)"
        return sentence + ".\(nothingDone) \(finder) with `query` finds names."
    }

    private func scoped(_ kind: DirectoryKind, within projectID: Int?, _ reader: Reader) async throws(HoursmithError) -> [DirectoryEntry] {
        let all = try await entries(kind, using: reader)
        guard let projectID, kind == .task else { return all }
        return all.filter { $0.parent?.id == projectID }
    }

    // MARK: Reading

    private static func read(_ kind: DirectoryKind, _ reader: Reader) async throws(HoursmithError) -> [DirectoryEntry] {
        let api = reader.client
        switch kind {
        case .project:
            return try await api.collectAll(limit: Lists.maxLimit) { (page, perPage) throws(HoursmithError) in
                try await api.listProjects(page: page, perPage: perPage)
            }.items.map {
                DirectoryEntry(id: $0.id, name: $0.name, aliases: $0.code.map { [$0] } ?? [], parent: $0.client, hourlyRate: $0.hourlyRate,
                               isActive: $0.isActive, memberIDs: $0.memberIDs)
            }
        case .task:
            return try await api.collectAll(limit: Lists.maxLimit) { (page, perPage) throws(HoursmithError) in
                try await api.listTasks(page: page, perPage: perPage)
            }.items.map {
                DirectoryEntry(id: $0.id, name: $0.name, parent: $0.project, hourlyRate: $0.hourlyRate, isActive: $0.isActive)
            }
        case .client where reader.me.user.role == .member:
            // Members can't list clients: theirs are the clients of their projects.
            var seen = Set<Int>()
            return try await read(.project, reader).compactMap(\.parent).filter { seen.insert($0.id).inserted }
                .map { DirectoryEntry(id: $0.id, name: $0.name) }
        case .client:
            return try await api.collectAll(limit: Lists.maxLimit) { (page, perPage) throws(HoursmithError) in
                try await api.listClients(page: page, perPage: perPage)
            }.items.map { DirectoryEntry(id: $0.id, name: $0.name, isActive: $0.isActive) }
        case .user where reader.me.user.role == .member:
            // Members can't list users: the only user they may name is themselves.
            let me = reader.me.user
            return [DirectoryEntry(id: me.id, name: me.name, aliases: [me.email], isActive: me.isActive)]
        case .user:
            return try await api.collectAll(limit: Lists.maxLimit) { (page, perPage) throws(HoursmithError) in
                try await api.listUsers(page: page, perPage: perPage)
            }.items.map { DirectoryEntry(id: $0.id, name: $0.name, aliases: [$0.email], isActive: $0.isActive) }
        }
    }
}
