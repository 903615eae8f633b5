import Foundation

/// A URI template of RFC 6570's simplest form — literal text and `{variable}` expressions, e.g.
/// `hoursmith://projects/{project_id}` — and the matching of URIs against it.
///
/// A variable matches one or more characters up to the literal that follows it; it never spans
/// `/`, `?` or `#`, so `hoursmith://projects/1/tasks` does not match the template above. Values
/// are percent-decoded.
package struct URITemplate: Sendable, Equatable, CustomStringConvertible {
    enum Part: Sendable, Equatable {
        case literal(String)
        case variable(String)
    }

    package let text: String
    let parts: [Part]

    /// A template from its text. Only simple expressions (`{name}`, a name of letters, digits and
    /// `_`) are allowed, never two in a row: anything else is a programming error.
    package init(_ text: String) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.literal(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else { preconditionFailure("unclosed expression in \(text)") }
            let name = String(rest[rest.index(after: open)..<close])
            precondition(!name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") },
                         "only simple {name} expressions are supported: \(text)")
            if case .variable? = parts.last { preconditionFailure("two expressions in a row: \(text)") }
            parts.append(.variable(name))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        self.text = text
        self.parts = parts
    }

    package var description: String { text }

    /// The variables' names, in order.
    package var variables: [String] {
        parts.compactMap { if case .variable(let name) = $0 { name } else { nil } }
    }

    /// The variables' values when `uri` matches; nil when it does not.
    package func match(_ uri: String) -> [String: String]? {
        var values: [String: String] = [:]
        var rest = Substring(uri)
        for (index, part) in parts.enumerated() {
            switch part {
            case .literal(let literal):
                guard rest.hasPrefix(literal) else { return nil }
                rest = rest.dropFirst(literal.count)
            case .variable(let name):
                // Up to the next literal's first occurrence, or to the end.
                var end = rest.endIndex
                if index + 1 < parts.count, case .literal(let next) = parts[index + 1] {
                    guard let found = rest.range(of: next) else { return nil }
                    end = found.lowerBound
                }
                let raw = rest[..<end]
                guard !raw.isEmpty, !raw.contains(where: { "/?#".contains($0) }),
                      let value = raw.removingPercentEncoding, !value.isEmpty
                else { return nil }
                values[name] = value
                rest = rest[end...]
            }
        }
        return rest.isEmpty ? values : nil
    }
}
