/// A source whose lists may not be final when the server starts — the tools, prompts and
/// resources a user may use depend on their role, learnt a moment later. While it is not settled,
/// the server holds its list requests (`tools/list` and `server/discover` for tools) in
/// ``settle(within:)``, off the reader thread, other requests going on.
package protocol Settling: Sendable {
    /// Whether the lists are already the ones the source means to give.
    var isSettled: Bool { get }
    /// Returns once the lists are settled, or after `limit` at most.
    func settle(within limit: Duration) async
}

extension Settling {
    /// A source whose lists never change is settled from the start.
    package var isSettled: Bool { true }
    package func settle(within limit: Duration) async {}
}
