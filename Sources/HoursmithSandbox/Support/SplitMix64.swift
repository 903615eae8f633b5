/// A small deterministic random number generator (SplitMix64): every test that draws random
/// values draws them from one of these with a fixed seed, so a failure is the same failure on
/// every run, and every sandbox seeds exactly the same data for the same "today".
package struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<upperBound`.
    package mutating func below(_ upperBound: Int) -> Int {
        Int(next() % UInt64(upperBound))
    }

    /// True with probability `percent`/100.
    package mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    /// One element of a non-empty array.
    package mutating func pick<T>(_ elements: [T]) -> T {
        elements[below(elements.count)]
    }
}
