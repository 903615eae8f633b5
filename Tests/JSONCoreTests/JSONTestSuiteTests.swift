import Foundation
import Testing
@testable import JSONCore

/// The reader against the JSONTestSuite parsing corpus (nst/JSONTestSuite, MIT; the files and
/// their licence are in `JSONTestSuite/`): every `y_` text is accepted, every `n_` text refused,
/// and every `i_` text — where RFC 8259 leaves the choice to the parser — answered as
/// ``implementationDefined`` says, which the README documents.
@Suite struct JSONTestSuiteTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("JSONTestSuite").appendingPathComponent("test_parsing")

    static func cases(_ prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The reader's choice for each `i_` case: true, accepted; false, refused.
    /// - Numbers of any size are accepted and kept as their literal, exactly (beyond `Double`
    ///   they are refused only where finite numbers are asked for: `JSONDocument(finiteNumbers:)`).
    /// - Text must be UTF-8, with no byte order mark: invalid UTF-8, UTF-16 and a BOM are refused.
    /// - A `\u` escape must not leave a surrogate unpaired: lone or inverted surrogates are refused.
    /// - Nesting up to 512 levels is accepted.
    static let implementationDefined: [String: Bool] = [
        "i_number_double_huge_neg_exp.json": true, "i_number_huge_exp.json": true, "i_number_neg_int_huge_exp.json": true,
        "i_number_pos_double_huge_exp.json": true, "i_number_real_neg_overflow.json": true,
        "i_number_real_pos_overflow.json": true, "i_number_real_underflow.json": true, "i_number_too_big_neg_int.json": true,
        "i_number_too_big_pos_int.json": true, "i_number_very_big_negative_int.json": true,
        "i_object_key_lone_2nd_surrogate.json": false, "i_string_1st_surrogate_but_2nd_missing.json": false,
        "i_string_1st_valid_surrogate_2nd_invalid.json": false, "i_string_UTF-16LE_with_BOM.json": false,
        "i_string_UTF-8_invalid_sequence.json": false, "i_string_UTF8_surrogate_U+D800.json": false,
        "i_string_incomplete_surrogate_and_escape_valid.json": false, "i_string_incomplete_surrogate_pair.json": false,
        "i_string_incomplete_surrogates_escape_valid.json": false, "i_string_invalid_lonely_surrogate.json": false,
        "i_string_invalid_surrogate.json": false, "i_string_invalid_utf-8.json": false,
        "i_string_inverted_surrogates_U+1D11E.json": false, "i_string_iso_latin_1.json": false,
        "i_string_lone_second_surrogate.json": false, "i_string_lone_utf8_continuation_byte.json": false,
        "i_string_not_in_unicode_range.json": false, "i_string_overlong_sequence_2_bytes.json": false,
        "i_string_overlong_sequence_6_bytes.json": false, "i_string_overlong_sequence_6_bytes_null.json": false,
        "i_string_truncated-utf-8.json": false, "i_string_utf16BE_no_BOM.json": false, "i_string_utf16LE_no_BOM.json": false,
        "i_structure_500_nested_arrays.json": true, "i_structure_UTF-8_BOM_empty_object.json": false,
    ]

    @Test func theCorpusIsThere() {
        #expect(JSONTestSuiteTests.cases("y_").count == 95)
        #expect(JSONTestSuiteTests.cases("n_").count == 188)
        #expect(Set(JSONTestSuiteTests.cases("i_")) == Set(JSONTestSuiteTests.implementationDefined.keys))
    }

    @Test(arguments: cases("y_"))
    func acceptsEveryValidText(_ name: String) throws {
        let bytes = try JSONTestSuiteTests.bytes(name)
        let json = try JSON.parse(bytes)
        let document = try JSONDocument(bytes: bytes)
        #expect(document.root.json == json)
        // What is written reads back as the same value.
        #expect(try JSON.parse(json.serialized()) == json)
    }

    @Test(arguments: cases("n_"))
    func refusesEveryInvalidText(_ name: String) throws {
        let bytes = try JSONTestSuiteTests.bytes(name)
        #expect(throws: JSONParseError.self) { try JSON.parse(bytes) }
        #expect(throws: JSONParseError.self) { try JSONDocument(bytes: bytes) }
    }

    @Test(arguments: cases("i_"))
    func answersImplementationDefinedTextsAsDocumented(_ name: String) throws {
        let bytes = try JSONTestSuiteTests.bytes(name)
        let accepted = (try? JSON.parse(bytes)) != nil
        #expect(accepted == JSONTestSuiteTests.implementationDefined[name], "\(name)")
        #expect(((try? JSONDocument(bytes: bytes)) != nil) == accepted)
    }
}
