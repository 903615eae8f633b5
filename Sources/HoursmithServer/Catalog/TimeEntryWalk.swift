import HoursmithClient
import ConcurrencyHelpers
import MCPCore

/// The one paced walk over the time entries a filter matches, which the reports, the short days,
/// the invoice preview and the batches' look-alikes share: every page fetched in its wire form
/// (paced, a few at a time) and handed to `read` as it arrives, so that a team's month is counted
/// page by page, never decoded into models whole.
extension ToolCall {
    /// The most time entries one walk reads (about 25 paced requests).
    static let maxWalkedEntries = 50_000

    /// Every entry `filter` matches, each page read by `read` (its parts in the API's order), the
    /// call's progress told as pages arrive. More than ``maxWalkedEntries`` is a refusal that says
    /// how many matched and, in `narrower`, what to ask for instead.
    func walkTimeEntries<Part: Sendable>(
        _ filter: TimeEntryFilter, narrower: String, read: @escaping @Sendable (Page<WireItem>) async throws -> Part
    ) async throws -> [Part] {
        let walked = try await readTimeEntries(filter, limit: Self.maxWalkedEntries, reportingProgress: true, read: read)
        if walked.truncated {
            throw ToolError("\(walked.totalEntries) time entries match: more than the \(Self.maxWalkedEntries) one call reads. "
                + narrower)
        }
        return walked.items
    }

    /// As ``walkTimeEntries(_:narrower:read:)``, up to `limit` entries: more is said (`truncated`),
    /// not refused. A page `read` refuses (a `ToolError`) refuses the walk in its words.
    func readTimeEntries<Part: Sendable>(
        _ filter: TimeEntryFilter, limit: Int, reportingProgress: Bool, read: @escaping @Sendable (Page<WireItem>) async throws -> Part
    ) async throws -> Collected<Part> {
        let api = client
        let context = context
        let received = Locked(0)
        let refusal = Locked<ToolError?>(nil)
        do {
            return try await api.collectAll(limit: limit) { page, perPage in
                let wire = try await api.wirePage(.timeEntries(filter), page: page, perPage: perPage)
                let part: Part
                do {
                    part = try await read(wire)
                } catch let error as ToolError {
                    refusal.withLock { $0 = $0 ?? error }
                    throw error
                }
                if reportingProgress {
                    let count = received.withLock { $0 += wire.items.count; return $0 }
                    let expected = min(wire.totalEntries, limit)
                    context.reportProgress(Double(count), total: Double(expected), message: "\(count) of \(expected) time entries")
                }
                return Page(items: [part], page: wire.page, perPage: wire.perPage, totalPages: wire.totalPages,
                            totalEntries: wire.totalEntries, nextPage: wire.nextPage, previousPage: wire.previousPage)
            }
        } catch {
            // The walk wraps what a page throws; a reader's refusal is told in its own words.
            if let refused = refusal.current { throw refused }
            throw error
        }
    }
}
