/// Removes from text what a reader cannot see but a model still reads: the characters that can
/// hide instructions in a name or a note (Unicode tag characters, zero-width characters,
/// bidirectional overrides, other invisible format characters, control characters).
///
/// **Removed**, wherever they are:
/// - control characters (C0 but tab, line feed and carriage return; DEL; C1);
/// - Unicode's default-ignorable code points and format characters: soft hyphen (U+00AD), the
///   combining grapheme joiner (U+034F), the Arabic letter mark (U+061C), Hangul fillers
///   (U+115F, U+1160, U+3164, U+FFA0), Khmer inherent vowels (U+17B4, U+17B5), the Mongolian vowel
///   separator (U+180E), zero-width space (U+200B), left-to-right and right-to-left marks
///   (U+200E, U+200F), bidirectional embeddings and overrides (U+202A–U+202E), the word joiner and
///   invisible operators (U+2060–U+2064), bidirectional isolates (U+2066–U+2069), the deprecated
///   format characters (U+206A–U+206F), the byte order mark (U+FEFF), interlinear annotation
///   characters (U+FFF9–U+FFFB), Egyptian hieroglyph format controls (U+13430–U+1343F), shorthand
///   format controls (U+1BCA0–U+1BCA3), musical format controls (U+1D173–U+1D17A), Unicode tag
///   characters (U+E0000–U+E007F), and the unassigned ignorable code points (U+2065, U+FFF0–U+FFF8,
///   U+E0080–U+E0FFF outside the selectors below).
///
/// **Kept only where they belong** (elsewhere they are removed, since alone they only hide data):
/// - the zero-width joiner (U+200D) between two emoji (👨‍👩‍👧, ❤️‍🔥);
/// - the zero-width joiner and non-joiner (U+200C) between two letters or marks of the scripts that
///   need them: Arabic, Syriac, Thaana, N'Ko (U+0600–U+08FF), the Indic scripts (U+0900–U+0DFF),
///   Myanmar (U+1000–U+109F), Khmer and Mongolian (U+1780–U+18AF) — as in Persian می‌خواهم — and
///   after an Indic sign such as a virama even at the end of a word (Malayalam ക്‍);
/// - a variation selector (U+FE00–U+FE0F) right after a letter, number, punctuation mark or
///   symbol that is not ASCII (❤️, ✈︎), or a presentation selector (U+FE0E, U+FE0F) after `#`, `*`
///   or a digit (the keycap 1️⃣); one per character;
/// - an ideographic variation selector (U+E0100–U+E01EF) right after an ideograph, and a Mongolian
///   free variation selector (U+180B–U+180D, U+180F) right after a Mongolian letter; one each;
/// - tag characters only as the three subdivision flags Unicode recommends (England, Scotland,
///   Wales: U+1F3F4, tags spelling `gbeng`, `gbsct` or `gbwls`, U+E007F).
///
/// Everything else — letters of any script, accents and other combining marks, CJK, emoji and
/// their skin tones, the Arabic number signs (U+0600–U+0605 and kin, which are visible), spaces,
/// tabs and line breaks — is kept as it is. Sanitizing is idempotent.
///
/// ASCII text without controls is never decoded: eight bytes at a time, it is seen to have
/// nothing to remove.
package enum TextSanitizer {
    /// `text` with invisible characters removed (the same string when there are none).
    package static func sanitized(_ text: String) -> String {
        var text = text
        guard let clean = text.withUTF8({ sanitized(utf8: $0) }) else { return text }
        return String(decoding: clean, as: UTF8.self)
    }

    /// The UTF-8 of valid UTF-8 text with invisible characters removed (each run of them replaced
    /// by `replacement`, when one is given), or nil when it has none. One pass; nothing is
    /// allocated unless something is removed.
    package static func sanitized(utf8: UnsafeBufferPointer<UInt8>, replacement: [UInt8] = []) -> [UInt8]? {
        guard mayHaveInvisibles(utf8) else { return nil }
        var output: [UInt8]?
        var copied = 0
        var removedRunEnd = -1
        // The scalar just kept, or nil at the start and after a removed one.
        var previous: Unicode.Scalar?
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x7F && (byte >= 0x20 || isKeptControl(byte)) {
                // Printable ASCII (most text, even in other scripts): kept, as it is.
                previous = Unicode.Scalar(byte)
                index += 1
                continue
            }
            let (scalar, length) = decode(utf8, at: index)
            var span = length
            let keep: Bool
            switch kind(of: scalar) {
            case .visible:
                if scalar.value == 0x1F3F4, let flag = subdivisionFlagLength(utf8, at: index + length) {
                    span += flag
                    previous = "\u{E007F}"
                    index += span
                    continue
                }
                keep = true
            case .removed, .tag:
                keep = false
            case .joiner:
                let next = index + length < utf8.count ? decode(utf8, at: index + length).0 : nil
                keep = previous.map { joins($0, next, zeroWidthJoiner: scalar.value == 0x200D) } ?? false
            case .variationSelector:
                keep = previous.map { takesVariationSelector($0, scalar) } ?? false
            case .ideographicSelector:
                keep = previous.map { kind(of: $0) == .visible && $0.properties.isIdeographic } ?? false
            case .mongolianSelector:
                keep = previous.map { (0x1820...0x18AA).contains($0.value) } ?? false
            }
            if keep {
                previous = scalar
            } else {
                if output == nil { output = []; output?.reserveCapacity(utf8.count) }
                output?.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<index]))
                // One replacement a run of removed characters.
                if index != removedRunEnd { output?.append(contentsOf: replacement) }
                removedRunEnd = index + span
                previous = nil
                copied = index + span
            }
            index += span
        }
        guard var output else { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied...]))
        return output
    }

    /// Whether `utf8` has a byte that is not printable ASCII (or tab, line feed, carriage return
    /// — those are counted too, and cleared by the exact check), looked at eight bytes at a time.
    static func mayHaveInvisibles(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = UnsafeRawPointer(utf8.baseAddress) {
            while index + 8 <= utf8.count {
                let word = ByteWord.load(base, at: index)
                if ByteWord.fromDelete(in: word) | ByteWord.controls(in: word) != 0 {
                    return true
                }
                index += 8
            }
        }
        for byte in utf8[index...] where byte >= 0x7F || (byte < 0x20 && !isKeptControl(byte)) { return true }
        return false
    }

    private static func isKeptControl(_ byte: UInt8) -> Bool {
        byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// One scalar of valid UTF-8 and its length.
    @inline(__always)
    private static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(utf8[index])
        let value: UInt32, length: Int
        func continuation(_ offset: Int) -> UInt32 { UInt32(utf8[index + offset] & 0x3F) }
        switch lead {
        case 0..<0x80: value = lead; length = 1
        case 0xC0..<0xE0: value = (lead & 0x1F) << 6 | continuation(1); length = 2
        case 0xE0..<0xF0: value = (lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2); length = 3
        default: value = (lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3); length = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    // MARK: The rules

    enum Kind: Equatable {
        case visible
        case removed
        /// U+200C, U+200D.
        case joiner
        /// U+FE00–U+FE0F.
        case variationSelector
        /// U+E0100–U+E01EF.
        case ideographicSelector
        /// U+180B–U+180D, U+180F.
        case mongolianSelector
        /// U+E0020–U+E007F.
        case tag
    }

    static func kind(of scalar: Unicode.Scalar) -> Kind {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: .visible
        case 0x00...0x1F, 0x7F...0x9F: .removed
        case 0xA0..<0xAD, 0xAE..<0x34F: .visible
        case 0xAD, 0x34F, 0x61C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E: .removed
        case 0x180B...0x180D, 0x180F: .mongolianSelector
        case 0x200C, 0x200D: .joiner
        case 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x206F: .removed
        case 0x3164, 0xFEFF, 0xFFA0, 0xFFF0...0xFFFB: .removed
        case 0xFE00...0xFE0F: .variationSelector
        case 0x13430...0x1343F, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A: .removed
        case 0xE0020...0xE007F: .tag
        case 0xE0100...0xE01EF: .ideographicSelector
        case 0xE0000...0xE0FFF: .removed
        default: .visible
        }
    }

    /// The three subdivision flags Unicode recommends, as the UTF-8 of their tag letters and
    /// cancel tag, which follow U+1F3F4.
    private static let subdivisionFlags: [[UInt8]] = ["gbeng", "gbsct", "gbwls"].map { code in
        var utf8: [UInt8] = []
        for scalar in code.unicodeScalars.map({ 0xE0000 + $0.value }) + [0xE007F] {
            UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { utf8.append($0) }
        }
        return utf8
    }

    /// The length of the tags of a recommended subdivision flag at `index` (after its U+1F3F4), or nil.
    private static func subdivisionFlagLength(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        for flag in subdivisionFlags where utf8.count - index >= flag.count {
            if utf8[index..<index + flag.count].elementsEqual(flag) { return flag.count }
        }
        return nil
    }

    /// Whether a joiner between `previous` (kept) and `next` joins something.
    private static func joins(_ previous: Unicode.Scalar, _ next: Unicode.Scalar?, zeroWidthJoiner: Bool) -> Bool {
        if (0x0900...0x0DFF).contains(previous.value), previous.properties.generalCategory == .nonspacingMark {
            return true
        }
        guard let next else { return false }
        if zeroWidthJoiner && isEmojiPart(previous) && isEmoji(next) { return true }
        return isJoiningLetter(previous) && isJoiningLetter(next)
    }

    private static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x7F && kind(of: scalar) == .visible && scalar.properties.isEmoji
    }

    /// An emoji, or what ends one: its presentation selector.
    private static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFE0F || isEmoji(scalar)
    }

    /// A letter or mark of a script written with joiners.
    private static func isJoiningLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0600...0x08FF, 0x0900...0x0DFF, 0x1000...0x109F, 0x1780...0x18AF:
            break
        default:
            return false
        }
        guard kind(of: scalar) == .visible else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// Whether `base` (kept) can carry the variation selector `selector`.
    private static func takesVariationSelector(_ base: Unicode.Scalar, _ selector: Unicode.Scalar) -> Bool {
        guard kind(of: base) == .visible else { return false }
        if base.isASCII {
            let isKeycapBase = base == "#" || base == "*" || ("0"..."9").contains(base)
            return isKeycapBase && (selector.value == 0xFE0E || selector.value == 0xFE0F)
        }
        switch base.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
