/// An MCP protocol revision, and what each one knows about.
///
/// Legacy revisions (2025-11-25 and earlier) are negotiated once by `initialize`; modern ones
/// (2026-07-28) are named on every request in `_meta`. Answers leave out what the revision in use
/// does not define.
package struct ProtocolVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    package let rawValue: String

    package init?(_ rawValue: String) {
        guard ProtocolVersion.supported.contains(where: { $0.rawValue == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    private init(known rawValue: String) { self.rawValue = rawValue }

    package static let v2024_11_05 = ProtocolVersion(known: "2024-11-05")
    package static let v2025_03_26 = ProtocolVersion(known: "2025-03-26")
    package static let v2025_06_18 = ProtocolVersion(known: "2025-06-18")
    package static let v2025_11_25 = ProtocolVersion(known: "2025-11-25")
    package static let v2026_07_28 = ProtocolVersion(known: "2026-07-28")

    /// Every revision served, newest first.
    package static let supported: [ProtocolVersion] = [.v2026_07_28, .v2025_11_25, .v2025_06_18, .v2025_03_26, .v2024_11_05]
    /// The revisions negotiated with `initialize`.
    package static let legacy: [ProtocolVersion] = supported.filter { !$0.isModern }
    /// The newest legacy revision: the answer to an `initialize` that asks for one we do not serve.
    package static let latestLegacy = ProtocolVersion.v2025_11_25

    package var description: String { rawValue }

    package static func < (lhs: ProtocolVersion, rhs: ProtocolVersion) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Per-request `_meta` instead of a handshake; `resultType` on results; cache hints on lists.
    package var isModern: Bool { self >= .v2026_07_28 }
    /// Tool annotations (`readOnlyHint`…) and a progress notification's `message`.
    package var hasToolAnnotations: Bool { self >= .v2025_03_26 }
    /// Tool `title` and `outputSchema`, `structuredContent` in results, `title` in `serverInfo`.
    package var hasStructuredOutput: Bool { self >= .v2025_06_18 }
    /// The `completions` capability (2024-11-05 serves `completion/complete` without one).
    package var hasCompletionsCapability: Bool { self >= .v2025_03_26 }
    /// JSON-RPC batches: only 2025-03-26 defines them.
    package var allowsBatches: Bool { self == .v2025_03_26 }
}

/// The `_meta` keys of the modern revisions.
package enum ModernMeta {
    package static let protocolVersion = "io.modelcontextprotocol/protocolVersion"
    package static let clientCapabilities = "io.modelcontextprotocol/clientCapabilities"
    package static let clientInfo = "io.modelcontextprotocol/clientInfo"
    package static let logLevel = "io.modelcontextprotocol/logLevel"
    package static let serverInfo = "io.modelcontextprotocol/serverInfo"
}
