import JSONCore

/// A JSON-RPC request id: a string or an integer, echoed back exactly as it was received.
///
/// Integer ids keep their literal text, so an id beyond 2^53 (or beyond `Int`) is answered with
/// the same digits, and compare by their exact value (``JSONNumber``): 2^64 and 2^64 + 1 are two
/// ids, never one. `"1"` and `1` are different ids.
package enum RequestID: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case number(JSONNumber)

    /// The id in a message, or nil when it is not a string or an integer (`null`, `1.5`, `true`…).
    package init?(_ json: JSON) {
        switch json {
        case .string(let string): self = .string(string)
        case .number(let number) where number.isIntegerLiteral: self = .number(number)
        default: return nil
        }
    }

    package init(_ value: Int) { self = .number(JSONNumber(value)) }

    package var json: JSON {
        switch self {
        case .string(let string): .string(string)
        case .number(let number): .number(number)
        }
    }

    package var description: String { json.serializedString() }

    package static func == (lhs: RequestID, rhs: RequestID) -> Bool {
        switch (lhs, rhs) {
        case (.string(let left), .string(let right)): left == right
        case (.number(let left), .number(let right)): left == right
        default: false
        }
    }

    package func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let string): hasher.combine(0); hasher.combine(string)
        case .number(let number): hasher.combine(1); hasher.combine(number)
        }
    }
}
