/// A JSON object: members in the order they were added or read.
///
/// Lookups are linear, which is the fastest choice for the small objects JSON APIs exchange.
/// A key set twice keeps its first position and its last value; the reader keeps the last value
/// of a key that appears more than once, as most JSON readers do.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var keys: [String]
    public private(set) var values: [JSON]

    public init() {
        keys = []
        values = []
    }

    public init(_ members: some Sequence<(String, JSON)>) {
        self.init()
        for (key, value) in members { self[key] = value }
    }

    /// A literal's keys are distinct (checked in debug builds), so its members are appended as
    /// they are, without looking for duplicates.
    public init(dictionaryLiteral elements: (String, JSON)...) {
        assert(Set(elements.map(\.0)).count == elements.count, "a JSON object literal repeats a key")
        keys = elements.map(\.0)
        values = elements.map(\.1)
    }

    /// Members appended without a duplicate check: for the reader, which resolves duplicates
    /// on lookup (the last occurrence wins) so that reading stays linear in the input.
    init(uncheckedKeys keys: [String], values: [JSON]) {
        self.keys = keys
        self.values = values
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The value of `key`, or nil. Setting nil removes the member.
    public subscript(key: String) -> JSON? {
        get { index(of: key).map { values[$0] } }
        set {
            if let index = index(of: key) {
                if let newValue {
                    values[index] = newValue
                } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// The object without the named members, in one pass.
    public func removing(_ names: [String]) -> JSONObject {
        var kept = JSONObject()
        kept.keys.reserveCapacity(keys.count)
        kept.values.reserveCapacity(values.count)
        for index in keys.indices where !names.contains(keys[index]) {
            kept.keys.append(keys[index])
            kept.values.append(values[index])
        }
        return kept
    }

    /// Adds or replaces every member of `other`.
    public mutating func merge(_ other: JSONObject) {
        for (key, value) in other { self[key] = value }
    }

    private func index(of key: String) -> Int? {
        // From the end, so that the last of duplicated keys wins.
        var index = keys.count - 1
        while index >= 0 {
            if keys[index] == key { return index }
            index -= 1
        }
        return nil
    }

    /// Objects are equal when they have the same members, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs where rhs[key] != value { return false }
        return true
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSON)> {
        var index = 0
        let keys = keys, values = values
        return AnyIterator {
            guard index < keys.count else { return nil }
            defer { index += 1 }
            return (key: keys[index], value: values[index])
        }
    }
}
