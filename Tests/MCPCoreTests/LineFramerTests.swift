import Testing
@testable import MCPCore

@Suite struct LineFramerTests {
    enum Seen: Equatable {
        case line(String)
        case oversized(Int)
    }

    func frame(_ chunks: [[UInt8]], limit: Int = 1024, finish: Bool = true) -> [Seen] {
        var framer = LineFramer(maxLineLength: limit)
        var seen: [Seen] = []
        let record: (LineFramer.Event) -> Void = { event in
            switch event {
            case .line(let bytes): seen.append(.line(String(decoding: bytes, as: UTF8.self)))
            case .oversized(let length): seen.append(.oversized(length))
            }
        }
        for chunk in chunks { chunk.withUnsafeBytes { framer.push($0, record) } }
        if finish { framer.finish(record) }
        return seen
    }

    @Test func splitsLinesAndStripsCarriageReturns() {
        #expect(frame([Array("a\nbb\r\nccc\n".utf8)]) == [.line("a"), .line("bb"), .line("ccc")])
    }

    @Test func joinsLinesSplitAcrossReadsEvenByteByByte() {
        let text = Array("{\"x\":1}\r\n{\"y\":\"é\"}\n".utf8)
        #expect(frame(text.map { [$0] }) == [.line("{\"x\":1}"), .line("{\"y\":\"é\"}")])
    }

    @Test func skipsBlankLines() {
        #expect(frame([Array("\n\r\n  \t \nx\n\n".utf8)]) == [.line("x")])
    }

    @Test func deliversAnUnterminatedLastLineAtTheEnd() {
        #expect(frame([Array("a\nlast".utf8)], finish: false) == [.line("a")])
        #expect(frame([Array("a\nlast".utf8)]) == [.line("a"), .line("last")])
    }

    @Test func discardsAnOversizedLineAndGoesOn() {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 25)
        // Over the limit inside one chunk, across chunks, and exactly at the limit.
        #expect(frame([long + [0x0A] + Array("ok\n".utf8)], limit: 10) == [.oversized(25), .line("ok")])
        #expect(frame([Array(long[0..<8]), Array(long[8...]), Array("\nok\n".utf8)], limit: 10) == [.oversized(25), .line("ok")])
        #expect(frame([Array("0123456789\n".utf8)], limit: 10) == [.line("0123456789")])
        #expect(frame([Array("0123456789\r\n".utf8)], limit: 10) == [.line("0123456789")])
    }

    /// The limit counts the line without its `\r\n`, however the input is cut into chunks
    /// (found by the framer's fuzz target: a line one byte over, with a `\r`, was kept whole but
    /// discarded when split).
    @Test func theLimitIgnoresTheLineBreakWhereverTheChunksEnd() {
        let text = Array("0123456789\r\nabcdefghijk\r\nok\n".utf8)
        let whole = frame([text], limit: 10)
        #expect(whole == [.line("0123456789"), .oversized(11), .line("ok")])
        for cut in 1..<text.count {
            #expect(frame([Array(text[..<cut]), Array(text[cut...])], limit: 10) == whole, "cut at \(cut)")
        }
        #expect(frame(text.map { [$0] }, limit: 10) == whole)
    }

    @Test func reportsAnOversizedLineThatNeverEnds() {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 30)
        #expect(frame([long], limit: 10) == [.oversized(30)])
    }

    @Test func framesASixteenMebibyteLineReadInSmallChunks() {
        let size = 16 * 1024 * 1024
        var line = [UInt8](repeating: UInt8(ascii: "a"), count: size)
        line.append(0x0A)
        var framer = LineFramer(maxLineLength: size)
        var lengths: [Int] = []
        line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let end = min(offset + 64 * 1024, buffer.count)
                framer.push(UnsafeRawBufferPointer(rebasing: buffer[offset..<end])) { event in
                    if case .line(let bytes) = event { lengths.append(bytes.count) }
                }
                offset = end
            }
        }
        #expect(lengths == [size])
    }
}
