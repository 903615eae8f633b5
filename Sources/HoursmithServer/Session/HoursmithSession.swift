import Foundation
import HoursmithClient
import ConcurrencyHelpers
import MCPCore

/// The server's one connection to Hoursmith: the client (or why there is none), and who the
/// token belongs to (`GET /me`), fetched once and kept for the session.
///
/// A failed `/me` is not kept: the next tool call asks again, so a plan upgraded or a network
/// restored mid-session is noticed, and a 401 or 402 is reported on every call.
final class HoursmithSession: Sendable {
    enum Access: Sendable {
        case ready(HoursmithClient)
        /// No usable token or API URL: every tool call answers with this sentence.
        case unavailable(String)
    }

    let access: Access
    /// The session's clients, projects, tasks and users, for names.
    let directory = Directory()
    private let state = Locked<MeState>(.unknown)
    private let onRoleKnown: @Sendable (Role) -> Void

    private enum MeState {
        case unknown
        case loading(Task<Result<Me, HoursmithError>, Never>)
        case known(Me)
    }

    init(access: Access, onRoleKnown: @escaping @Sendable (Role) -> Void = { _ in }) {
        self.access = access
        self.onRoleKnown = onRoleKnown
    }

    /// The client, or a tool error saying why there is none.
    func client() throws(ToolError) -> HoursmithClient {
        switch access {
        case .ready(let client): return client
        case .unavailable(let problem): throw ToolError(problem)
        }
    }

    /// The token's user and workspace, once known.
    var knownMe: Me? {
        state.withLock { if case .known(let me) = $0 { me } else { nil } }
    }

    var knownRole: Role? { knownMe?.user.role }

    /// The token's user and workspace: from memory, or from one `GET /me` shared by every
    /// caller that asks while it is under way.
    func me() async throws(HoursmithError) -> Me {
        let client: HoursmithClient
        switch access {
        case .ready(let ready): client = ready
        case .unavailable(let problem): throw HoursmithError(kind: .invalidToken, message: problem)
        }
        enum Step {
            case done(Me)
            case wait(Task<Result<Me, HoursmithError>, Never>)
        }
        let step: Step = state.withLock { current in
            switch current {
            case .known(let me):
                return .done(me)
            case .loading(let task):
                return .wait(task)
            case .unknown:
                let task = Task { () -> Result<Me, HoursmithError> in
                    do throws(HoursmithError) { return .success(try await client.me()) } catch { return .failure(error) }
                }
                current = .loading(task)
                return .wait(task)
            }
        }
        let task: Task<Result<Me, HoursmithError>, Never>
        switch step {
        case .done(let me): return me
        case .wait(let loading): task = loading
        }
        // A load another call started may outlast this call's deadline: wait until then at most.
        let result = await client.waitForShared(task, path: "/me")
        let newlyKnown: Role? = state.withLock { current in
            // Only the caller that finds its own load still in place settles it.
            guard case .loading(let loading) = current, loading == task else { return nil }
            switch result {
            case .success(let me):
                current = .known(me)
                return me.user.role
            case .failure:
                current = .unknown
                return nil
            }
        }
        if let newlyKnown { onRoleKnown(newlyKnown) }
        return try result.get()
    }

    /// Runs `body` — one tool call — with every request it makes bounded by the call's deadline
    /// (`context.deadline`): the client's own error, in its own words, comes before the server's.
    func withDeadline<T>(of context: RequestContext, _ body: () async throws -> T) async rethrows -> T {
        guard case .ready(let client) = access else { return try await body() }
        return try await client.withDeadline(in: context.deadline - .now, limit: context.timeLimit, body)
    }
}
