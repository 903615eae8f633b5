import ConcurrencyHelpers

/// A failure the sandbox can be told to produce, to test a client's resilience.
package enum SandboxFault: Sendable {
    /// Waits, then serves normally.
    case delay(milliseconds: Int)
    /// Answers this status (a `server_error` JSON body) without processing.
    case status(Int)
    /// Processes the request (creating what it creates), then answers this status.
    case failAfterProcessing(Int)
    /// Closes the connection without answering, before or after processing.
    case dropConnection(afterProcessing: Bool)
    /// Processes, then sends a Content-Length longer than the body and closes.
    case truncatedBody
    /// Processes, then answers 200 with an HTML body.
    case nonJSONBody
    /// Answers a redirect to `location` without processing.
    case redirect(location: String, status: Int = 302)
    /// Answers 429 `rate_limited` with this Retry-After, without processing.
    case rateLimited(retryAfter: Int)
    /// Processes, then answers with the body rewritten (status and headers kept): an API that
    /// says more, or other, than the contract.
    case rewriteBody(@Sendable ([UInt8]) -> [UInt8])
    /// Holds the request, unprocessed, until the gate opens; then serves normally. For tests
    /// that need something to happen while a request is on its way, without timing. A gate never
    /// opened is an API that never answers (until the sandbox shuts down).
    case hold(SandboxGate)
    /// Processes, then sends the answer one byte every `everyMilliseconds`: an API (or a proxy)
    /// that drips, never idle long enough for an idle timeout.
    case drip(everyMilliseconds: Int)
    /// Answers exactly this, without processing: any status, header or body an API — or
    /// something in between — could send.
    case answer(status: Int, headers: [(String, String)] = [], body: String = "")
}

/// A gate held requests wait at (see `SandboxFault.hold`). It opens once, for good; a sandbox
/// that shuts down opens its gates, so that no connection thread is left waiting.
package final class SandboxGate: Sendable {
    /// Whether the gate is open. Held requests block their connection's thread on it.
    private let state = LockedCondition(false)

    package init() {}

    package var isOpen: Bool { state.current }

    /// Lets every held request through, now and later.
    package func open() {
        state.withLock { $0 = true }
    }

    func wait() {
        state.wait(until: { $0 })
    }
}

/// Injected faults waiting for matching requests.
final class FaultQueue: Sendable {
    private struct Rule {
        let fault: SandboxFault
        var remaining: Int
        let method: String?
        let path: String?
    }

    private let rules = Locked([Rule]())
    /// Every gate a `hold` fault was given, so that shutting down can open them all.
    private let gates = Locked([SandboxGate]())

    func add(_ fault: SandboxFault, times: Int, method: String?, path: String?) {
        guard times > 0 else { return }
        if case .hold(let gate) = fault { gates.withLock { $0.append(gate) } }
        rules.withLock { $0.append(Rule(fault: fault, remaining: times, method: method?.uppercased(), path: path)) }
    }

    /// The fault for a request, if a rule matches it (the first added wins); uses up one of its times.
    func take(method: String, path: String) -> SandboxFault? {
        rules.withLock { rules in
            guard let index = rules.firstIndex(where: { rule in
                (rule.method == nil || rule.method == method) && (rule.path.map { FaultQueue.path(path, isUnder: $0) } ?? true)
            }) else { return nil }
            let fault = rules[index].fault
            rules[index].remaining -= 1
            if rules[index].remaining == 0 { rules.remove(at: index) }
            return fault
        }
    }

    func clear() { rules.withLock { $0.removeAll() } }

    /// Opens every gate ever given, releasing held requests.
    func openGates() { gates.withLock { $0.forEach { $0.open() } } }

    /// `/time_entries/5/stop` is under `/time_entries` and `/time_entries/5`; `/time_entriesX` is not.
    static func path(_ path: String, isUnder prefix: String) -> Bool {
        guard path.hasPrefix(prefix) else { return false }
        return path.count == prefix.count || prefix.hasSuffix("/") || path.dropFirst(prefix.count).first == "/"
    }
}
