import Foundation
import HoursmithClient
import ConcurrencyHelpers
import MCPCore

/// The server's one connection to Hoursmith: the client (or why there is none), and who the
/// token belongs to (`GET /me`), fetched once and kept for the session.
///
/// A failed `/me` is not kept: the next request asks again, so a plan upgraded or a network
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
    /// Who the token belongs to: one `GET /me` shared by every caller that asks while it is under
    /// way, kept once it succeeds.
    private let meLoad: SingleFlight<Me, HoursmithError>

    init(access: Access, onRoleKnown: @escaping @Sendable (Role) -> Void = { _ in }) {
        self.access = access
        meLoad = SingleFlight { me in onRoleKnown(me.user.role) }
    }

    /// The client, or a tool error saying why there is none.
    func client() throws(ToolError) -> HoursmithClient {
        switch access {
        case .ready(let client): return client
        case .unavailable(let problem): throw ToolError(problem)
        }
    }

    /// The token's user and workspace, once known.
    var knownMe: Me? { meLoad.loaded }

    var knownRole: Role? { knownMe?.user.role }

    /// The token's user and workspace: from memory, or from the one `GET /me` under way (or a new
    /// one), waited for until the call's deadline at most.
    func me() async throws(HoursmithError) -> Me {
        let client: HoursmithClient
        switch access {
        case .ready(let ready): client = ready
        case .unavailable(let problem): throw HoursmithError(kind: .invalidToken, message: problem)
        }
        return try await meLoad.value {
            do throws(HoursmithError) { return .success(try await client.me()) } catch { return .failure(error) }
        } wait: { load in
            await client.waitForShared(load, path: "/me")
        }.get()
    }

    /// Runs `body` — one request — with every API request it makes bounded by the call's deadline
    /// (`context.deadline`): the client's own error, in its own words, comes before the server's.
    func withDeadline<T>(of context: RequestContext, _ body: () async throws -> T) async rethrows -> T {
        guard case .ready(let client) = access else { return try await body() }
        return try await client.withDeadline(in: context.deadline - .now, limit: context.timeLimit, body)
    }
}
