import Foundation

/// A Hoursmith API token: the only value in the program that holds the secret.
///
/// Its `description`, `debugDescription`, reflection (`dump`, `Mirror`) and string interpolation
/// show only the public part, `hsk_live_4f8a2c1bdedf_…`; the secret leaves this type only as the
/// `Authorization` header, which the client's transport builds, and as ``valueForClientConfig``.
package struct APIToken: Sendable, Equatable {
    /// The whole token, secret included. Never exposed.
    private let value: String

    /// The token's public id (`4f8a2c1bdedf`), when the token has the documented shape.
    let publicID: String?

    private init(value: String, publicID: String?) {
        self.value = value
        self.publicID = publicID
    }

    /// The token as it may be shown, its secret masked as ``SecretRedaction`` masks it:
    /// `hsk_live_4f8a2c1bdedf_[redacted]`, or `hsk_[redacted]` for a token whose shape is not the
    /// documented one.
    package var redacted: String {
        publicID.map { "\(APIToken.livePrefix)\($0)_\(SecretRedaction.mask)" } ?? "hsk_\(SecretRedaction.mask)"
    }

    /// The value of the `Authorization` header.
    var authorizationHeaderValue: String { "Bearer \(value)" }

    /// The whole token, for the one other place it must go: the MCP client config file that
    /// `hoursmith-mcp setup` was asked to write it into.
    package var valueForClientConfig: String { value }

    /// The secret part of a token of the documented shape.
    var secretPart: String? {
        guard publicID != nil else { return nil }
        return String(value.dropFirst(APIToken.livePrefix.count + APIToken.publicIDLength + 1))
    }
}

// MARK: - Parsing

extension APIToken {
    /// A token that was accepted, and a warning for the log when its shape is unusual.
    package struct Parsed: Sendable {
        package let token: APIToken
        /// Set when the token starts with `hsk_` but does not have the documented shape; the token
        /// is used anyway, since Hoursmith may change the shape.
        package let warning: String?
    }

    static let livePrefix = "hsk_live_"
    static let publicIDLength = 12
    static let secretLength = 32
    /// The example token printed in Hoursmith's docs, in two parts so that no complete token
    /// shape appears in the source.
    private static let docsExample = (publicID: "4f8a2c1bdedf", secret: "9X3kQp7vT2nM5wRzL8sJyB6FhA1uC0gE")

    /// Reads a token from the raw value of `HOURSMITH_API_TOKEN` (nil when unset).
    ///
    /// Surrounding white space and line breaks are trimmed. Values that cannot be a token — empty,
    /// an unexpanded variable, `Bearer …`, quoted, with white space inside, the docs' placeholder or
    /// example, not starting with `hsk_` — are refused with a problem that says how to fix it.
    package static func parse(_ raw: String?) throws(APITokenProblem) -> Parsed {
        guard let raw else { throw .notSet }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { throw .empty }
        if looksLikeUnexpandedVariable(text) { throw .unexpandedVariable }
        if text.lowercased().hasPrefix("bearer") && text.dropFirst(6).first?.isWhitespace == true {
            throw .bearerPrefix
        }
        // The docs' placeholders (`hsk_…`, `hsk_live_…paste your token here…`) all elide the secret.
        if text.hasPrefix("hsk_") && (text.contains("…") || text.contains("...")) { throw .docsPlaceholder }
        if isQuoted(text) { throw .quoted }
        if text.contains(where: { $0.isWhitespace }) { throw .whitespaceInside }
        if text.hasPrefix(livePrefix + docsExample.publicID + "_") { throw .docsExample }
        guard text.hasPrefix("hsk_") else { throw .wrongPrefix }

        if let publicID = documentedPublicID(of: text) {
            return Parsed(token: APIToken(value: text, publicID: publicID), warning: nil)
        }
        let warning = "HOURSMITH_API_TOKEN starts with hsk_ but does not have the usual shape "
            + "hsk_live_<12 hex digits>_<32 letters and digits>; using it anyway. "
            + "If Hoursmith rejects it, copy the token again from Settings → API."
        return Parsed(token: APIToken(value: text, publicID: nil), warning: warning)
    }

    /// The public id of a token of the documented shape `hsk_live_<12 lowercase hex>_<32 alnum>`.
    private static func documentedPublicID(of text: String) -> String? {
        let utf8 = Array(text.utf8)
        let prefix = Array(livePrefix.utf8)
        guard utf8.count == prefix.count + publicIDLength + 1 + secretLength,
              utf8.starts(with: prefix) else { return nil }
        let idRange = prefix.count..<(prefix.count + publicIDLength)
        let isLowerHex: (UInt8) -> Bool = { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        let isAlphanumeric: (UInt8) -> Bool = {
            (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
        }
        guard utf8[idRange].allSatisfy(isLowerHex),
              utf8[idRange.upperBound] == UInt8(ascii: "_"),
              utf8[(idRange.upperBound + 1)...].allSatisfy(isAlphanumeric) else { return nil }
        return String(decoding: utf8[idRange], as: UTF8.self)
    }

    private static func looksLikeUnexpandedVariable(_ text: String) -> Bool {
        if text.hasPrefix("$") { return true }
        if text.hasPrefix("<") && text.hasSuffix(">") { return true }
        if text.hasPrefix("%") && text.hasSuffix("%") && text.count > 2 { return true }
        return false
    }

    private static func isQuoted(_ text: String) -> Bool {
        let quotes: Set<Character> = ["\"", "'", "`", "“", "”", "‘", "’"]
        guard let first = text.first, let last = text.last else { return false }
        return quotes.contains(first) || quotes.contains(last)
    }
}

// MARK: - Never showing the secret

extension APIToken: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    package var description: String { redacted }
    package var debugDescription: String { "APIToken(\(redacted))" }
    package var customMirror: Mirror { Mirror(self, children: ["redacted": redacted]) }
}

/// Why the value of `HOURSMITH_API_TOKEN` cannot be a token. Never contains the value itself.
package enum APITokenProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case notSet
    case empty
    case unexpandedVariable
    case bearerPrefix
    case quoted
    case whitespaceInside
    case docsPlaceholder
    case docsExample
    case wrongPrefix

    private static let mint = "Mint a token in Settings → API (https://hoursmith.app/settings/api)"

    /// A sentence for a person: what is wrong and how to fix it.
    package var message: String {
        switch self {
        case .notSet:
            "HOURSMITH_API_TOKEN is not set. \(Self.mint) and set HOURSMITH_API_TOKEN to it in your MCP client's config."
        case .empty:
            "HOURSMITH_API_TOKEN is empty. \(Self.mint) and paste it as the value of HOURSMITH_API_TOKEN in your MCP client's config."
        case .unexpandedVariable:
            "HOURSMITH_API_TOKEN holds a placeholder or a variable reference (like ${HOURSMITH_API_TOKEN} or <your token>), "
                + "not a token: MCP clients do not expand variables there. Paste the token itself (hsk_live_…) as the value."
        case .bearerPrefix:
            "HOURSMITH_API_TOKEN starts with \"Bearer\": set it to the token alone (hsk_live_…); the server adds the Bearer scheme itself."
        case .quoted:
            "HOURSMITH_API_TOKEN has quote marks around it: remove them, so that the value is the token alone (hsk_live_…)."
        case .whitespaceInside:
            "HOURSMITH_API_TOKEN has spaces or line breaks inside it: copy the token again as one unbroken line."
        case .docsPlaceholder:
            "HOURSMITH_API_TOKEN is a placeholder from the docs (like hsk_live_…), not a real token. \(Self.mint) and paste the whole token."
        case .docsExample:
            "HOURSMITH_API_TOKEN is the example token from Hoursmith's docs, which does not work. \(Self.mint) and use your own."
        case .wrongPrefix:
            "HOURSMITH_API_TOKEN does not look like a Hoursmith API token (those start with hsk_). \(Self.mint) and paste it."
        }
    }

    package var description: String { message }
}
