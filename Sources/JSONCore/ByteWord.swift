/// Byte-parallel tests on eight bytes at once (a little-endian `UInt64` loaded from text), for
/// the indexer, the writer and the sanitizer.
///
/// Each test sets the high bit of exactly the bytes it finds (no carry crosses from one byte into
/// the next), so a result can be counted, or its lowest set bit taken as the first byte found.
enum ByteWord {
    static var highs: UInt64 { 0x8080_8080_8080_8080 }
    private static var lows: UInt64 { 0x7F7F_7F7F_7F7F_7F7F }

    /// The eight bytes at `offset`, as a little-endian word.
    @inline(__always)
    static func load(_ base: UnsafeRawPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: (base + offset).loadUnaligned(as: UInt64.self))
    }

    /// `byte` in every byte of a word.
    @inline(__always)
    static func broadcast(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// The bytes that are zero.
    @inline(__always)
    static func zeros(in word: UInt64) -> UInt64 {
        // A 7-bit value plus 0x7F reaches the high bit unless it is zero.
        ~(((word & lows) &+ lows) | word) & highs
    }

    /// The bytes equal to `byte`.
    @inline(__always)
    static func bytes(equalTo byte: UInt8, in word: UInt64) -> UInt64 {
        zeros(in: word ^ broadcast(byte))
    }

    /// The bytes below 0x20 (ASCII controls).
    @inline(__always)
    static func controls(in word: UInt64) -> UInt64 {
        ~(((word & lows) &+ 0x6060_6060_6060_6060) | word) & highs
    }

    /// The bytes that are not ASCII.
    @inline(__always)
    static func nonASCII(in word: UInt64) -> UInt64 { word & highs }

    /// The bytes from 0x7F (DEL) up: DEL and the bytes that are not ASCII.
    @inline(__always)
    static func fromDelete(in word: UInt64) -> UInt64 {
        (((word & lows) &+ 0x0101_0101_0101_0101) | word) & highs
    }

    /// The bytes a JSON string cannot hold as they are: quotes, backslashes, controls.
    @inline(__always)
    static func escapes(in word: UInt64) -> UInt64 {
        let low = word & lows
        let kept = ((low ^ broadcast(0x22)) &+ lows) & ((low ^ broadcast(0x5C)) &+ lows) & (low &+ 0x6060_6060_6060_6060)
        return ~(kept | word) & highs
    }

    /// What ends the plain run of a string being read: ``escapes(in:)`` and non-ASCII bytes.
    @inline(__always)
    static func stringSpecials(in word: UInt64) -> UInt64 {
        escapes(in: word) | nonASCII(in: word)
    }

    /// How many bytes a result marks.
    @inline(__always)
    static func count(_ marks: UInt64) -> Int {
        Int(truncatingIfNeeded: ((marks >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }

    /// The offset in the word of the first byte a (non-zero) result marks.
    @inline(__always)
    static func first(_ marks: UInt64) -> Int { marks.trailingZeroBitCount >> 3 }
}
