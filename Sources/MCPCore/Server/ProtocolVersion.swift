/// An MCP protocol revision, and what each one knows about.
///
/// Legacy revisions (2025-11-25 and earlier) are negotiated once by `initialize`; modern ones
/// (2026-07-28) are named on every request in `_meta`. Answers leave out what the revision in use
/// does not define.
public struct ProtocolVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ rawValue: String) {
        guard ProtocolVersion.supported.contains(where: { $0.rawValue == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    private init(known rawValue: String) { self.rawValue = rawValue }

    public static let v2024_11_05 = ProtocolVersion(known: "2024-11-05")
    public static let v2025_03_26 = ProtocolVersion(known: "2025-03-26")
    public static let v2025_06_18 = ProtocolVersion(known: "2025-06-18")
    public static let v2025_11_25 = ProtocolVersion(known: "2025-11-25")
    public static let v2026_07_28 = ProtocolVersion(known: "2026-07-28")

    /// Every revision served, newest first.
    public static let supported: [ProtocolVersion] = [.v2026_07_28, .v2025_11_25, .v2025_06_18, .v2025_03_26, .v2024_11_05]
    /// The revisions negotiated with `initialize`.
    public static let legacy: [ProtocolVersion] = supported.filter { !$0.isModern }
    /// The newest legacy revision: the answer to an `initialize` that asks for one we do not serve.
    public static let latestLegacy = ProtocolVersion.v2025_11_25

    public var description: String { rawValue }

    public static func < (lhs: ProtocolVersion, rhs: ProtocolVersion) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Per-request `_meta` instead of a handshake; `resultType` on results; cache hints on lists.
    public var isModern: Bool { self >= .v2026_07_28 }
    /// Tool annotations (`readOnlyHint`…) and a progress notification's `message`.
    public var hasToolAnnotations: Bool { self >= .v2025_03_26 }
    /// Tool `title` and `outputSchema`, `structuredContent` in results, `title` in `serverInfo`.
    public var hasStructuredOutput: Bool { self >= .v2025_06_18 }
    /// The `completions` capability (2024-11-05 serves `completion/complete` without one).
    public var hasCompletionsCapability: Bool { self >= .v2025_03_26 }
    /// JSON-RPC batches: only 2025-03-26 defines them.
    public var allowsBatches: Bool { self == .v2025_03_26 }
}

/// The `_meta` keys of the modern revisions.
public enum ModernMeta {
    public static let protocolVersion = "io.modelcontextprotocol/protocolVersion"
    public static let clientCapabilities = "io.modelcontextprotocol/clientCapabilities"
    public static let clientInfo = "io.modelcontextprotocol/clientInfo"
    public static let logLevel = "io.modelcontextprotocol/logLevel"
    public static let serverInfo = "io.modelcontextprotocol/serverInfo"
}
