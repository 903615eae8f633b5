/// A JSON object: members in the order they were added or read.
///
/// **A key appears at most once.** Setting a key that is there replaces its value in place;
/// setting it to nil removes it. When a text repeats a key, the last value wins, as if the earlier
/// members were not there: the reader leaves them out (`{"a":1,"b":2,"a":3}` reads as
/// `{"b":2,"a":3}`), and so does a writer copying a document's text. Lookup, removal, equality
/// and writing therefore all see the same members.
///
/// Lookups are linear, which is the fastest choice for the small objects JSON APIs exchange.
package struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    package private(set) var keys: [String]
    package private(set) var values: [JSON]

    package init() {
        keys = []
        values = []
    }

    package init(_ members: some Sequence<(String, JSON)>) {
        self.init()
        for (key, value) in members { self[key] = value }
    }

    /// A literal's keys should be distinct (checked in debug builds); a repeated one keeps its
    /// last value, as everywhere.
    package init(dictionaryLiteral elements: (String, JSON)...) {
        var keys = elements.map(\.0), values = elements.map(\.1)
        if Set(keys).count != keys.count {
            assertionFailure("a JSON object literal repeats a key")
            JSONObject.keepLastOfRepeatedKeys(&keys, &values)
        }
        self.keys = keys
        self.values = values
    }

    /// Members whose keys are known to be distinct: for the reader, which has checked.
    init(uncheckedKeys keys: [String], values: [JSON]) {
        self.keys = keys
        self.values = values
    }

    package var count: Int { keys.count }
    package var isEmpty: Bool { keys.isEmpty }

    /// The value of `key`, or nil. Setting nil removes the member.
    package subscript(key: String) -> JSON? {
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
    package func removing(_ names: [String]) -> JSONObject {
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
    package mutating func merge(_ other: JSONObject) {
        for (key, value) in other { self[key] = value }
    }

    private func index(of key: String) -> Int? {
        keys.firstIndex(of: key)
    }

    /// Objects are equal when they have the same members, in any order.
    package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs where rhs[key] != value { return false }
        return true
    }

    /// Leaves out every member whose key appears again later, in one pass.
    static func keepLastOfRepeatedKeys(_ keys: inout [String], _ values: inout [JSON]) {
        var last: [String: Int] = [:]
        for (index, key) in keys.enumerated() { last[key] = index }
        guard last.count != keys.count else { return }
        var keptKeys: [String] = [], keptValues: [JSON] = []
        keptKeys.reserveCapacity(last.count)
        keptValues.reserveCapacity(last.count)
        for index in keys.indices where last[keys[index]] == index {
            keptKeys.append(keys[index])
            keptValues.append(values[index])
        }
        keys = keptKeys
        values = keptValues
    }
}

extension JSONObject: Sequence {
    package func makeIterator() -> some IteratorProtocol<(key: String, value: JSON)> {
        var index = 0
        let keys = keys, values = values
        return AnyIterator {
            guard index < keys.count else { return nil }
            defer { index += 1 }
            return (key: keys[index], value: values[index])
        }
    }
}

extension JSONObject: Hashable {
    /// Order-independent, as equality is.
    package func hash(into hasher: inout Hasher) {
        var combined = 0
        for index in keys.indices {
            var member = Hasher()
            member.combine(keys[index])
            member.combine(values[index])
            combined ^= member.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
