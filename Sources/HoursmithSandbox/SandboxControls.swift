import Foundation

/// What a test (or the demo) can do to a sandbox besides sending it requests — the request log,
/// injected faults, tokens, plans and roles, the clock, a snapshot of the state — the same for the
/// one served over HTTP (``Sandbox``) and the one answering in the process (``InProcessSandbox``).
package protocol SandboxControls: Sendable {
    /// The service both hand their requests to.
    var service: SandboxService { get }
    /// The seed's "today", as a day number in the main workspace's time zone.
    var todayNumber: Int { get }
}

extension SandboxControls {
    // MARK: Request log

    /// Every request that reached the server, malformed ones included, in arrival order.
    package func requests() -> [SandboxRequest] { service.log.requests }

    package func clearRequests() { service.log.clear() }

    /// Waits until `count` requests that `matches` have reached the server (at most `timeout`),
    /// and returns them: the explicit way for a test to know a request is under way.
    @discardableResult
    package func waitForRequests(
        _ count: Int = 1, timeout: Duration = .seconds(30), where matches: @escaping @Sendable (SandboxRequest) -> Bool
    ) async throws -> [SandboxRequest] {
        try await service.log.waitFor(count, where: matches, timeout: timeout)
    }

    // MARK: Faults

    /// The next `times` requests matching `method` (nil: any) and `path` (relative to `/api/v1`,
    /// a prefix at a `/` boundary, e.g. "/time_entries"; nil: any) get `fault`.
    package func inject(_ fault: SandboxFault, times: Int = 1, method: String? = nil, path: String? = nil) {
        service.faults.add(fault, times: times, method: method, path: path)
    }

    package func clearFaults() { service.faults.clear() }

    // MARK: Tokens and state

    /// A new valid token for a user (of any workspace). A given `secret` (32 ASCII letters and
    /// digits) makes it recognisable; otherwise one is made up.
    package func mintToken(user: Int, secret: String? = nil) -> String {
        precondition(secret.map(TokenShape.isValidSecret) ?? true, "A token secret is 32 ASCII letters and digits.")
        var random = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef")
        let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return service.api.store.withLock { store in
            precondition(store.users[user] != nil, "No user \(user) in the sandbox.")
            var token: String
            repeat {
                let publicID = String((0..<12).map { _ in hex[Int(random.next() % 16)] })
                let secret = secret ?? String((0..<32).map { _ in alphanumerics[Int(random.next() % UInt64(alphanumerics.count))] })
                token = "hsk_live_\(publicID)_\(secret)"
            } while store.tokens[token] != nil
            store.tokens[token] = TokenRecord(token: token, userID: user, isRevoked: false)
            return token
        }
    }

    /// Revokes a token: from the next request on it is 401.
    package func revoke(token: String) {
        service.api.store.withLock { $0.tokens[token]?.isRevoked = true }
    }

    /// `free`, `solo`, `studio` or `agency`.
    package func setPlan(_ plan: String, workspace: Int) {
        precondition(["free", "solo", "studio", "agency"].contains(plan), "Unknown plan \(plan).")
        service.api.store.withLock { $0.workspaces[workspace]?.plan = plan }
    }

    /// `owner`, `admin`, `manager` or `member`.
    package func setRole(_ role: String, user: Int) {
        precondition(["owner", "admin", "manager", "member"].contains(role), "Unknown role \(role).")
        service.api.store.withLock { $0.users[user]?.role = role }
    }

    /// Removes the user from their workspace: no longer listed, and their tokens are 401.
    package func removeMember(user: Int) {
        service.api.store.withLock { store in
            store.users[user]?.isRemoved = true
            store.users[user]?.isActive = false
        }
    }

    /// Moves the sandbox's clock `seconds` forward: rate-limit windows end that much sooner, and
    /// what is made afterwards is stamped that much later. For tests about time, instead of
    /// waiting for it to pass.
    package func advanceClock(seconds: Int) {
        service.api.advanceClock(seconds: seconds)
    }

    /// The seed's "today": YYYY-MM-DD in the main workspace's time zone when the sandbox started.
    package var today: String { CivilTime.dateText(todayNumber) }

    /// A copy of the whole state, for assertions.
    package func snapshot() -> SandboxSnapshot {
        SandboxSnapshot(service.api.store.withLock { $0 })
    }

    /// Opens every gate a held request waits at.
    package func openGates() { service.faults.openGates() }
}
