import Foundation
import Testing
@testable import MCPCore

/// Every message on its way to the `LineWriter` passes whole through the output filter
/// (`FilteredSink`): in one piece or in several, with the secret or an invisible character inside
/// one piece or across two.
@Suite struct LineWriterTests {
    /// Hides "SECRET" wherever it is.
    struct HidesSecret: Redacting {
        func redact(_ text: String) -> String { text.replacingOccurrences(of: "SECRET", with: "[x]") }
        func redacted(utf8 text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
            let original = String(decoding: text, as: UTF8.self)
            let hidden = redact(original)
            return hidden == original ? nil : Array(hidden.utf8)
        }
    }

    /// Writes `messages` through a writer with the redaction; the lines that came out.
    static func written(_ messages: [SerializedMessage]) throws -> [String] {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let writer = FilteredSink(filter: OutputFilter(redaction: HidesSecret()), next: LineWriter(descriptor: ends[1]) { _ in })
        for message in messages { writer.send(message) }
        close(ends[1])
        defer { close(ends[0]) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            output += chunk[0..<count]
        }
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func everyMessageIsRedactedWholeHoweverItIsCut() throws {
        let lines = try Self.written([
            SerializedMessage(Array(#"{"a":"SECRET"}"#.utf8)),
            SerializedMessage(pieces: [Array(#"{"a":"SEC"#.utf8), Array(#"RET","b":"SECRET"}"#.utf8)]),
            SerializedMessage(pieces: [Array(#"{"a":"#.utf8), Array(#""plain"}"#.utf8)]),
            // U+200B (E2 80 8B) cut between two pieces, inside the secret; U+202E escaped.
            SerializedMessage(pieces: [Array(#"{"a":"SEC"#.utf8) + [0xE2], [0x80, 0x8B] + Array(#"RET","b":"x\u202Ey"}"#.utf8)]),
        ])
        #expect(lines == [#"{"a":"[x]"}"#, #"{"a":"[x]","b":"[x]"}"#, #"{"a":"plain"}"#, #"{"a":"[x]","b":"xy"}"#],
                "a zero-width space split across pieces, or escaped, neither survives nor hides the secret")
    }

    /// A piece marked as filtered already (the cached tool list) is written as it is; the others
    /// are filtered each whole.
    @Test func aPieceFilteredAlreadyIsNotReadAgain() throws {
        let lines = try Self.written([
            SerializedMessage(pieces: [Array("{\"a\":\"SECRET\u{200B}\",".utf8), Array("\"b\":\"SECRET\"".utf8), Array(",\"c\":\"SECRET\"}".utf8)],
                              filtered: [1]),
        ])
        #expect(lines == [#"{"a":"[x]","b":"SECRET","c":"[x]"}"#], "the marked piece is trusted as filtered: not read again")
    }
}
