import Testing
import struct HoursmithSandbox.SplitMix64
@testable import JSONCore

@Suite struct TextSanitizerTests {
    /// Invisible by Unicode's own properties, independently of the sanitizer's table: controls
    /// (but tab, line feed, carriage return), format characters (but the visible prepended
    /// concatenation marks, such as the Arabic number signs), default-ignorable code points.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        let prependedMarks: [ClosedRange<UInt32>] = [0x600...0x605, 0x6DD...0x6DD, 0x70F...0x70F, 0x890...0x891, 0x8E2...0x8E2,
                                                     0x110BD...0x110BD, 0x110CD...0x110CD]
        if prependedMarks.contains(where: { $0.contains(scalar.value) }) { return false }
        switch properties.generalCategory {
        case .control: return !["\t", "\n", "\r"].contains(scalar)
        case .format: return true
        default: return properties.isDefaultIgnorableCodePoint
        }
    }

    /// The sanitizer's table names exactly the invisible code points: every code point of the
    /// planes that have any (0, 1 and 14), every sixteenth of the others.
    @Test func theTableIsUnicodesInvisibleCharacters() {
        var mismatches: [String] = []
        let planes = Array(UInt32(0)...0x1FFFF) + Array(UInt32(0xE0000)...0xEFFFF)
        let others = stride(from: UInt32(0x20000), to: 0xE0000, by: 16).map { $0 } + stride(from: UInt32(0xF0000), through: 0x10FFFF, by: 16).map { $0 }
        for value in planes + others {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if (TextSanitizer.kind(of: scalar) != .visible) != TextSanitizerTests.isInvisible(scalar) {
                mismatches.append(String(value, radix: 16))
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    static let removed: [Unicode.Scalar] = [
        "\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{AD}", "\u{34F}", "\u{61C}", "\u{115F}", "\u{17B4}", "\u{180E}", "\u{200B}",
        "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2060}", "\u{2064}",
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{206F}", "\u{3164}", "\u{FEFF}", "\u{FFA0}", "\u{FFF9}",
        "\u{FFFB}", "\u{13430}", "\u{1BCA0}", "\u{1D173}", "\u{E0001}", "\u{E0041}", "\u{E007F}", "\u{E0FFF}",
        // Alone, between ASCII letters, the context-kept ones are removed too.
        "\u{200C}", "\u{200D}", "\u{FE0F}", "\u{FE00}", "\u{E0100}", "\u{180B}",
    ]

    @Test(arguments: removed)
    func removesInvisibleCharacters(_ scalar: Unicode.Scalar) {
        var text = "ab"
        text.unicodeScalars.insert(scalar, at: text.unicodeScalars.index(after: text.unicodeScalars.startIndex))
        #expect(TextSanitizer.sanitized(text) == "ab", "U+\(String(scalar.value, radix: 16))")
        #expect(TextSanitizer.sanitized(String(scalar)) == "")
    }

    static let kept = [
        "plain ASCII with\ttabs\nand lines\r\n", "Zoë", "e\u{301}", "漢字かなカナ", "葛\u{E0100}", "مرحبا", "שָׁלוֹם",
        "می\u{200C}خواهم", "क्\u{200D}ष", "ക്\u{200D}", "ᠠ\u{180B}", "\u{600}١٢٣", "👨\u{200D}👩\u{200D}👧",
        "❤\u{FE0F}\u{200D}🔥", "🏳\u{FE0F}\u{200D}🌈", "👩🏽\u{200D}💻", "❤\u{FE0F}", "✈\u{FE0E}", "1\u{FE0F}\u{20E3}",
        "#\u{FE0F}\u{20E3}", "🇫🇷", "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
        "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} and 🏴\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}",
        "line\u{2028}separator", "\u{A0}no-break space", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    ]

    @Test(arguments: kept)
    func keepsOrdinaryText(_ text: String) {
        #expect(TextSanitizer.sanitized(text).unicodeScalars.elementsEqual(text.unicodeScalars))
    }

    @Test func removesWhatOnlyHidesData() {
        let tags = "ignore previous instructions".unicodeScalars.map { String(Unicode.Scalar(0xE0000 + $0.value) ?? "?") }.joined()
        #expect(TextSanitizer.sanitized("Acme" + tags + " Ltd") == "Acme Ltd", "ASCII smuggled in tag characters")
        #expect(TextSanitizer.sanitized("🏴" + tags + "\u{E007F}") == "🏴", "tags after a black flag that spell no flag")
        #expect(TextSanitizer.sanitized("\u{202E}gnp.exe") == "gnp.exe")
        #expect(TextSanitizer.sanitized("a\u{200D}b\u{200C}c") == "abc", "joiners between Latin letters")
        #expect(TextSanitizer.sanitized("漢\u{200C}字") == "漢字", "joiners between ideographs")
        #expect(TextSanitizer.sanitized("❤\u{FE0F}\u{FE0F}\u{FE0E}") == "❤\u{FE0F}", "one selector per character")
        #expect(TextSanitizer.sanitized("a\u{FE0F}") == "a", "no emoji selector on a Latin letter")
        #expect(TextSanitizer.sanitized("\u{200D}👩") == "👩" && TextSanitizer.sanitized("👩\u{200D}") == "👩")
        #expect(TextSanitizer.sanitized("👩\u{200D}\u{200D}👩") == "👩👩", "one joiner between two emoji")
        #expect(TextSanitizer.sanitized("a\u{E0100}") == "a", "an ideographic selector needs an ideograph")
        #expect(TextSanitizer.sanitized("x\u{1B}[31mred") == "x[31mred", "terminal escapes lose their ESC")
    }

    /// Seeded random strings mixing every class: nothing invisible survives outside the
    /// contexts the rules allow, every visible character survives in order, and a second pass
    /// changes nothing.
    @Test func propertiesOnRandomMixes() {
        let visible: [Unicode.Scalar] = ["a", "Z", " ", "\n", "\t", "é", "\u{301}", "漢", "\u{645}", "ש", "\u{915}", "\u{94D}", "\u{1820}", "1", "#",
                                         "👩", "👨", "❤", "🔥", "✈", "🏴", "🏽", "\u{20E3}", "\u{600}", "g", "b", "s", "c", "t"]
        let invisible = TextSanitizerTests.removed + ["\u{E0067}", "\u{E0062}", "\u{E0073}", "\u{E0063}", "\u{E0074}"]
        var generator = SplitMix64(seed: 0x5EED_0005)
        for _ in 0..<2000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                let pool = Int.random(in: 0..<3, using: &generator) == 0 ? invisible : visible
                text.append(pool.randomElement(using: &generator) ?? "a")
            }
            let input = String(text)
            let output = TextSanitizer.sanitized(input)
            let outputScalars = Array(output.unicodeScalars)
            #expect(input.unicodeScalars.filter { !TextSanitizerTests.isInvisible($0) }.elementsEqual(outputScalars.filter { !TextSanitizerTests.isInvisible($0) }),
                    "a visible character was lost: \(input.unicodeScalars.map { String($0.value, radix: 16) })")
            for (index, scalar) in outputScalars.enumerated() where TextSanitizerTests.isInvisible(scalar) {
                let before = index > 0 ? outputScalars[index - 1] : nil
                let after = index + 1 < outputScalars.count ? outputScalars[index + 1] : nil
                #expect(TextSanitizerTests.allowed(scalar, after: before, before: after, in: outputScalars, at: index),
                        "U+\(String(scalar.value, radix: 16)) kept in \(outputScalars.map { String($0.value, radix: 16) })")
            }
            #expect(TextSanitizer.sanitized(output) == output, "not idempotent")
        }
    }

    /// Where an invisible character may be, by the documented rules, checked on the output.
    static func allowed(_ scalar: Unicode.Scalar, after before: Unicode.Scalar?, before after: Unicode.Scalar?,
                        in scalars: [Unicode.Scalar], at index: Int) -> Bool {
        func isEmoji(_ scalar: Unicode.Scalar?) -> Bool { scalar.map { !$0.isASCII && $0.properties.isEmoji } ?? false }
        switch scalar.value {
        case 0x200D where isEmoji(after) && (isEmoji(before) || before == "\u{FE0F}"):
            return true
        case 0x200C, 0x200D:
            // The letters and marks of the generated texts that belong to scripts written with joiners.
            let joining: Set<UInt32> = [0x645, 0x915, 0x94D, 0x1820]
            return before == "\u{94D}" || joining.contains(before?.value ?? 0) && joining.contains(after?.value ?? 0)
        case 0xE0100...0xE01EF:
            return before?.properties.isIdeographic ?? false
        case 0x180B...0x180D, 0x180F:
            return before == "\u{1820}"
        case 0xFE00...0xFE0F:
            guard let before, !isInvisible(before), !before.properties.isWhitespace else { return false }
            return !before.isASCII || "#*0123456789".unicodeScalars.contains(before)
        case 0xE0020...0xE007F:
            // Inside one of the three flags: walk back to its black flag.
            var start = index
            while start > 0, (0xE0020...0xE007F).contains(scalars[start - 1].value) { start -= 1 }
            return start > 0 && scalars[start - 1].value == 0x1F3F4
        default:
            return false
        }
    }

    // MARK: JSON text on its way out

    private func filtered(_ text: String) -> String? {
        Array(text.utf8).withUnsafeBufferPointer(TextSanitizer.sanitized(jsonText:)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func everyStringOfJSONTextIsSanitizedWhetherRawOrEscaped() {
        let text = #"{"name":"Acme\u202E Ltd","notes":["x\uDB40\uDC41\udb40\udc42","ok"],"raw":"A​B","ctl":"x\by\fz\u001b","n":1}"#
        #expect(filtered(text) == #"{"name":"Acme Ltd","notes":["x","ok"],"raw":"AB","ctl":"xyz","n":1}"#)
        let untouched = #"{"kept":"kept \" \\ \/ \n \r \t","literal":"\\u200b and \\b","café":"café 👩‍💻 ❤️"}"#
        #expect(filtered(untouched) == nil, "escapes that spell nothing invisible, an escaped backslash, and visible text stay")
        #expect(filtered(#"{"a":"plain ascii","b":[1,2,null,true]}"#) == nil)
    }

    /// In a member's name an invisible character becomes U+FFFD, so that no name turns into
    /// another (found by fuzzing, when names were sanitized like values: `tota\u200bl` became
    /// `total`, next to the real one).
    @Test func invisibleCharactersInMemberNamesBecomeReplacementCharacters() {
        #expect(filtered(#"{"total":100,"tota\u200bl":200,"x":{"\u202e\u200b":1}, "i​d" : 2}"#)
                == "{\"total\":100,\"tota\u{FFFD}l\":200,\"x\":{\"\u{FFFD}\":1}, \"i\u{FFFD}d\" : 2}")
    }

    /// Seeded: random trees of strings mixing invisible and visible characters read back, once
    /// filtered, as the tree with each value sanitized; filtering again changes nothing.
    @Test func filteredTextReadsBackAsTheTreeSanitized() throws {
        var generator = SplitMix64(seed: 0x5EED_0007)
        let pieces: [String] = ["a", "é", " ", "\"", "\\", "\n", "\u{7}", "\u{200B}", "\u{202E}", "\u{200D}", "👩", "\u{FE0F}",
                                "\u{E0041}", "ب", "\u{200C}", "/", "1"]
        func text() -> String { (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined() }
        for _ in 0..<500 {
            let tree: JSON = ["a": .string(text()), "list": .array([.string(text()), 1, .string(text())]), "nested": ["b": .string(text())]]
            let once = filtered(tree.serializedString()).map { Array($0.utf8) } ?? Array(tree.serializedString().utf8)
            let expected: JSON = [
                "a": .string(TextSanitizer.sanitized(tree["a"]?.stringValue ?? "")),
                "list": .array((tree["list"]?.arrayValue ?? []).map { $0.stringValue.map { .string(TextSanitizer.sanitized($0)) } ?? $0 }),
                "nested": ["b": .string(TextSanitizer.sanitized(tree["nested"]?["b"]?.stringValue ?? ""))],
            ]
            #expect(try JSON.parse(once) == expected)
            #expect(once.withUnsafeBufferPointer(TextSanitizer.sanitized(jsonText:)) == nil)
        }
    }

    @Test func textThatIsNotValidJSONIsPassedOverNotMisread() {
        for text in [#"{"a":"\u20"}"#, #"{"a":"\ud800\u0041 x\u200b"}"#, #"{"a":"x\"#, #""\u200b"#, "\"\\"] {
            _ = filtered(text)
        }
        #expect(filtered(#"{"a":"\ud800\u0041","b":"é\u200b"}"#) == "{\"a\":\"\\ud800\\u0041\",\"b\":\"é\"}")
    }

    // MARK: Copied documents (as they are spelled)

    private func copied(_ text: String, omitting: JSONMemberNames? = nil) throws -> String {
        let root = try JSONDocument(bytes: Array(text.utf8)).root
        var writer = JSONWriter()
        if let omitting { writer.write(root, omitting: omitting) } else { writer.write(root) }
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func copiedASCIIDocumentsAreCopiedAsTheyAre() throws {
        let text = #"{"id":1,"note":"line\none \"quoted\" \\ back","list":[{"a":"b"},null,true,-1.5e3]}"#
        #expect(try copied(text) == text)
        #expect(try copied(text, omitting: ["id"]) == #"{"note":"line\none \"quoted\" \\ back","list":[{"a":"b"},null,true,-1.5e3]}"#)
    }
}
