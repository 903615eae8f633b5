import Foundation

/// How people's names for things are matched: case- and accent-insensitive ("cafe" finds
/// "Café Crème"), an exact match before a prefix before a substring.
enum NameMatch: Int, Comparable, Sendable {
    case exact, prefix, substring

    /// The text folded for comparison: no case, no accents, no width variants, trimmed.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).trimmingSpaces
    }

    /// How `texts` (a name and its aliases, e.g. a project's code) match the folded query; nil
    /// when none does.
    static func best(_ texts: [String], foldedQuery query: String) -> NameMatch? {
        guard !query.isEmpty else { return nil }
        var best: NameMatch?
        for text in texts {
            let folded = fold(text)
            let match: NameMatch? = folded == query ? .exact
                : folded.hasPrefix(query) ? .prefix
                : folded.contains(query) ? .substring : nil
            if let match, match < (best ?? .substring) || best == nil { best = match }
        }
        return best
    }

    static func < (lhs: NameMatch, rhs: NameMatch) -> Bool { lhs.rawValue < rhs.rawValue }
}
