import Foundation
import JSONCore

/// A change to a field that may be null: leave it alone, set it, or clear it (send null).
///
/// Fields that cannot be null are plain optionals in the "changes" structs (nil: leave alone).
package enum FieldUpdate<Value: Sendable & Equatable>: Sendable, Equatable {
    case keep
    case set(Value)
    case clear

    /// `.set(value)` for a value, `.clear` for nil.
    package init(_ value: Value?) {
        self = value.map(FieldUpdate.set) ?? .clear
    }
}

extension JSONObject {
    /// Sets `key` when `value` is not nil.
    mutating func set(_ key: String, _ value: JSON?) {
        if let value { self[key] = value }
    }

    /// Sets `key` to the value or to null, or leaves it out, as `update` says.
    mutating func set<Value>(_ key: String, _ update: FieldUpdate<Value>, _ encode: (Value) -> JSON) {
        switch update {
        case .keep: break
        case .set(let value): self[key] = encode(value)
        case .clear: self[key] = .null
        }
    }
}
