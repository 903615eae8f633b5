/// The one redaction: what every string that came from the API or the environment passes through
/// before it is shown anywhere, as the second step of the server's one output filter — each stdout
/// message whole, each log line, each line of `--check`, `setup` and `doctor` (which also hide the
/// tokens they read elsewhere) — so a secret cannot get out through a field nobody thought of.
///
/// It hides, wherever they appear inside a string and in any letter case:
/// - the configured secrets: the token, and the secret part of a token of the documented shape
///   (a token becomes `hsk_live_<public id>_[redacted]`, a secret part `[redacted]`);
/// - anything token-shaped: an `hsk_` word with at least 12 more letters, digits or underscores
///   (`hsk_live_<12 hex>_…` keeps its public id, which Settings → API also shows; any other becomes
///   `hsk_[redacted]`). Short mentions such as "tokens start with hsk_live_" stay as they are.
///
/// Matching is on ASCII letters, which is all a token holds; a pass is linear in the text times
/// the length of the longest secret, and allocates only when it hides something.
package struct SecretRedaction: Sendable {
    /// A text to hide and what replaces it: `needle` is lowercased ASCII.
    private struct Secret: Sendable {
        let needle: [UInt8]
        let replacement: [UInt8]
    }

    /// Longest first, so that a whole token is hidden as one.
    private let secrets: [Secret]
    /// Whether a byte, in either case, can start something to hide: most bytes are passed over
    /// with one lookup.
    private let starts: [Bool]

    /// Redaction of `token` (its whole value and its secret part), besides token shapes.
    package init(token: APIToken?) {
        self.init(secrets: token.map(Self.secrets(of:)) ?? [])
    }

    /// Redaction of the secrets in an environment: the token in `HOURSMITH_API_TOKEN` when it is
    /// one; when it was refused for its form (quoted, with `Bearer`, broken across lines, another
    /// prefix), each word of it, and each part of a word between underscores, of 8 characters or
    /// more.
    package init(environment: [String: String]) {
        self.init(rawToken: environment["HOURSMITH_API_TOKEN"])
    }

    /// Redaction of a token given as it was typed or read: the token when it is one; when it was
    /// refused for its form, each word of it (see ``init(environment:)``).
    package init(rawToken raw: String?) {
        guard let raw else {
            self.init(secrets: [])
            return
        }
        do throws(APITokenProblem) {
            self.init(token: try APIToken.parse(raw).token)
        } catch {
            switch error {
            case .quoted, .bearerPrefix, .whitespaceInside, .wrongPrefix:
                // Each word, and each part of it between underscores (a secret part on its own).
                let words = raw.utf8.split { !Self.isTokenByte($0) && $0 != UInt8(ascii: "-") }
                let parts = words.flatMap { $0.split(separator: UInt8(ascii: "_")) }
                self.init(secrets: Set((words + parts).map(Self.folded))
                    // (A word of digits only could be part of a JSON number: the whole token covers it.)
                    .filter { $0.count >= Self.minimumSecretLength && $0 != Array("bearer".utf8) && !$0.allSatisfy(Self.isDigit) }
                    .map { Secret(needle: $0, replacement: Array(Self.mask.utf8)) })
            case .notSet, .empty, .unexpandedVariable, .docsPlaceholder, .docsExample:
                // Placeholders hold no secret, and problems quote some of them.
                self.init(secrets: [])
            }
        }
    }

    private init(secrets: [Secret]) {
        self.secrets = secrets.sorted { $0.needle.count > $1.needle.count }
        var starts = [Bool](repeating: false, count: 256)
        for first in secrets.compactMap(\.needle.first) + [Self.shapePrefix[0]] {
            starts[Int(first)] = true
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) { starts[Int(first - 0x20)] = true }
        }
        self.starts = starts
    }

    /// Secrets shorter than this are not searched on their own (the whole token always is).
    static let minimumSecretLength = 8

    private static func secrets(of token: APIToken) -> [Secret] {
        var secrets = [Secret(needle: folded(token.valueForClientConfig.utf8), replacement: Array(token.redacted.utf8))]
        // A secret made only of digits could be part of a JSON number: the whole token still covers it.
        if let secret = token.secretPart, secret.utf8.count >= minimumSecretLength, !secret.utf8.allSatisfy(isDigit) {
            secrets.append(Secret(needle: folded(secret.utf8), replacement: Array(mask.utf8)))
        }
        return secrets
    }

    /// What stands for a hidden secret, everywhere.
    package static let mask = "[redacted]"

    // MARK: Redacting

    /// `text` with every secret and token shape hidden.
    package func redact(_ text: String) -> String {
        var text = text
        let hidden = text.withUTF8 { redacted(utf8: $0) }
        return hidden.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// UTF-8 text with every secret and token shape hidden, or nil when there is none in it.
    package func redacted(utf8 text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        starts.withUnsafeBufferPointer { redacted(utf8: text, starts: $0) }
    }

    private func redacted(utf8 text: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Bool>) -> [UInt8]? {
        var output: [UInt8]? = nil
        var copied = 0
        var index = 0
        func replace(from start: Int, upTo end: Int, with replacement: some Sequence<UInt8>) {
            if output == nil { output = []; output?.reserveCapacity(text.count) }
            output?.append(contentsOf: text[copied..<start])
            output?.append(contentsOf: replacement)
            copied = end
            index = end
        }
        scan: while index < text.count {
            guard starts[Int(text[index])] else {
                index += 1
                continue
            }
            for secret in secrets where Self.matches(secret.needle, in: text, at: index) {
                // A secret that starts with the letter of an escape (`\n`, `\u…`) goes with its
                // backslash, so that what is left stays valid JSON text.
                let start = Self.isEscaped(text, at: index, after: copied) ? index - 1 : index
                replace(from: start, upTo: index + secret.needle.count, with: secret.replacement)
                continue scan
            }
            if Self.matches(Self.shapePrefix, in: text, at: index), index == 0 || !Self.isTokenByte(text[index - 1]) {
                var end = index + Self.shapePrefix.count
                while end < text.count, Self.isTokenByte(text[end]) { end += 1 }
                let word = text[index..<end]
                if word.count >= Self.shapePrefix.count + Self.minimumShapeSecret, let masked = Self.maskedShape(word) {
                    replace(from: index, upTo: end, with: masked)
                } else {
                    index = end
                }
                continue
            }
            index += 1
        }
        guard var output else { return nil }
        output.append(contentsOf: text[copied...])
        return output
    }

    /// Whether the byte at `index` follows a backslash that escapes it (an odd run of them, none
    /// before `floor`, where text was already replaced).
    private static func isEscaped(_ text: UnsafeBufferPointer<UInt8>, at index: Int, after floor: Int) -> Bool {
        var run = 0
        while index - run - 1 >= floor, text[index - run - 1] == UInt8(ascii: "\\") { run += 1 }
        return run % 2 == 1
    }

    // MARK: Token shapes

    private static let shapePrefix = Array("hsk_".utf8)
    /// Shorter than this after `hsk_`, a word holds no secret worth hiding.
    private static let minimumShapeSecret = 12

    /// What shows of a token-shaped word: `hsk_live_<12 lowercase hex>_<anything>` keeps its
    /// public id, anything else is `hsk_[redacted]`. Nil for `hsk_live_<id>_` alone, a token
    /// already masked (`hsk_live_<id>_[redacted]`), with no secret in it.
    private static func maskedShape(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8]? {
        let parts = word.split(separator: UInt8(ascii: "_"), omittingEmptySubsequences: false)
        if parts.count >= 4, folded(parts[1]) == Array("live".utf8), parts[2].count == APIToken.publicIDLength,
           parts[2].allSatisfy({ isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }) {
            return parts.count == 4 && parts[3].isEmpty ? nil : Array("hsk_live_".utf8) + parts[2] + Array("_\(mask)".utf8)
        }
        return Array("hsk_\(mask)".utf8)
    }

    // MARK: Bytes

    private static func matches(_ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard text.count - index >= needle.count else { return false }
        for offset in 0..<needle.count where lowercased(text[index + offset]) != needle[offset] { return false }
        return true
    }

    private static func folded(_ bytes: some Sequence<UInt8>) -> [UInt8] { bytes.map(lowercased) }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lowercased(byte)) || byte == UInt8(ascii: "_")
    }
}
