import HoursmithClient
import MCPCore

/// What `completion/complete` suggests for the arguments that name something: from the
/// session's ``Directory`` (read once, then kept), so typing costs no request after the first,
/// and ranked as names are matched (exact, prefix, substring; case and accents ignored). A role
/// completes only what it can see: the directory holds only that.
enum Completions {
    /// Names of `kind` that match what was typed, best first, each name once.
    static func names(
        _ kind: DirectoryKind, _ typed: String, within projectID: Int? = nil, _ call: ToolCall
    ) async throws -> Completion {
        let found = try await call.directory.candidates(
            kind, matching: typed, within: projectID, limit: Lists.maxLimit, using: call.reader)
        var seen = Set<String>()
        return Completion(matches: found.map(\.name).filter { seen.insert($0).inserted })
    }

    /// Names of the tasks of the project `projectName` names (of every project when it names
    /// none, or not exactly one).
    static func tasks(_ typed: String, project projectName: String?, _ call: ToolCall) async throws -> Completion {
        var projectID: Int?
        if let projectName, !projectName.trimmingSpaces.isEmpty {
            // The best match, if it is exact or the only one: never a read per keystroke.
            let found = try await call.directory.candidates(.project, matching: projectName, limit: 2, using: call.reader)
            let folded = NameMatch.fold(projectName)
            if let best = found.first, found.count == 1 || NameMatch.best([best.name] + best.aliases, foldedQuery: folded) == .exact {
                projectID = best.id
            }
        }
        return try await names(.task, typed, within: projectID, call)
    }

    /// Ids of `kind` (for a template's `{project_id}`): typed digits match ids that start with
    /// them, and any text matches names, so a person finds the id by the name.
    static func ids(_ kind: DirectoryKind, _ typed: String, _ call: ToolCall) async throws -> Completion {
        let text = typed.trimmingSpaces
        var byID: [DirectoryEntry] = []
        if !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) {
            byID = try await call.directory.entries(kind, using: call.reader)
                .filter { String($0.id).hasPrefix(text) }.sorted { $0.id < $1.id }
        }
        let byName = try await call.directory.candidates(kind, matching: text, limit: Lists.maxLimit, using: call.reader)
        var seen = Set<Int>()
        return Completion(matches: (byID + byName).filter { seen.insert($0.id).inserted }.map { String($0.id) })
    }

    /// The fixed `words` that match what was typed (prefix before substring), in their order.
    static func words(_ words: [String], _ typed: String) -> Completion {
        let folded = NameMatch.fold(typed)
        guard !folded.isEmpty else { return Completion(matches: words) }
        let ranked = words.enumerated().compactMap { index, word in
            NameMatch.best([word], foldedQuery: folded).map { ($0, index, word) }
        }
        return Completion(matches: ranked.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2))
    }
}
