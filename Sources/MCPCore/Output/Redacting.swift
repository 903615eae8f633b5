/// What hides secrets in everything the server writes, as the second step of its ``OutputFilter``.
/// MCPCore knows no secrets; the executable installs one that hides API tokens.
package protocol Redacting: Sendable {
    /// `text` with every secret hidden; the same string when there is none in it.
    func redact(_ text: String) -> String

    /// UTF-8 text with every secret hidden, or nil when there is none in it (the common case,
    /// which allocates nothing).
    func redacted(utf8 text: UnsafeBufferPointer<UInt8>) -> [UInt8]?
}

/// Hides nothing: for servers with no secrets, and tests.
package struct NoRedaction: Redacting {
    package init() {}
    package func redact(_ text: String) -> String { text }
    package func redacted(utf8 text: UnsafeBufferPointer<UInt8>) -> [UInt8]? { nil }
}
