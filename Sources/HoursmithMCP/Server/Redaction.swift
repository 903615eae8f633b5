/// Hides anything shaped like a Hoursmith API token (`hsk_…`) in text bound for a log or a
/// message: the token's public id may stay, its secret never does.
///
/// `hsk_live_4f8a2c1bdedf_<32-character secret>` becomes `hsk_live_4f8a2c1bdedf_[redacted]`;
/// any other `hsk_` word long enough to hold a secret becomes `hsk_[redacted]`. Short mentions
/// such as "tokens start with hsk_live_" are left alone. The logger runs every line through this.
enum Redaction {
    static func redact(_ text: String) -> String {
        guard text.contains("hsk_") else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var rest = text[...]
        while let range = rest.range(of: "hsk_") {
            // Only where a token could start: not inside a longer word.
            let startsWord = range.lowerBound == rest.startIndex
                ? output.last.map { !isTokenCharacter($0) } ?? true
                : !isTokenCharacter(rest[rest.index(before: range.lowerBound)])
            output += rest[..<range.lowerBound]
            var end = range.upperBound
            while end < rest.endIndex, isTokenCharacter(rest[end]) { end = rest.index(after: end) }
            let word = rest[range.lowerBound..<end]
            let couldBeSecret = word.count >= "hsk_".count + minimumSecretLength
            output += startsWord && couldBeSecret ? redactWord(word) : String(word)
            rest = rest[end...]
        }
        output += rest
        return output
    }

    /// Shorter than this after `hsk_`, a word holds no secret worth hiding.
    private static let minimumSecretLength = 12

    private static func redactWord(_ word: Substring) -> String {
        let parts = word.split(separator: "_", omittingEmptySubsequences: false)
        // hsk_live_<12 hex>_<secret>: keep the public id, which Settings → API also shows.
        if parts.count >= 4, parts[1] == "live", parts[2].count == 12,
           parts[2].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
            // `hsk_live_<id>_` alone is a token already masked (`hsk_live_<id>_…`): no secret in it.
            return parts.count == 4 && parts[3].isEmpty ? String(word) : "hsk_live_\(parts[2])_[redacted]"
        }
        return "hsk_[redacted]"
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
    }
}
