/// A failure the sandbox can be told to produce, to test a client's resilience.
public enum SandboxFault: Sendable {
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

    func add(_ fault: SandboxFault, times: Int, method: String?, path: String?) {
        guard times > 0 else { return }
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

    /// `/time_entries/5/stop` is under `/time_entries` and `/time_entries/5`; `/time_entriesX` is not.
    static func path(_ path: String, isUnder prefix: String) -> Bool {
        guard path.hasPrefix(prefix) else { return false }
        return path.count == prefix.count || prefix.hasSuffix("/") || path.dropFirst(prefix.count).first == "/"
    }
}
