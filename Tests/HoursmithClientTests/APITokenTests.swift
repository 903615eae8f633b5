import Testing
@testable import HoursmithClient

@Suite struct APITokenTests {
    static let wellFormed = "hsk_live_0123456789ab_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
    static let secret = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"

    @Test func acceptsTheDocumentedShapeWithoutWarning() throws {
        let parsed = try APIToken.parse(Self.wellFormed)
        #expect(parsed.warning == nil)
        #expect(parsed.token.publicID == "0123456789ab")
        #expect(parsed.token.redacted == "hsk_live_0123456789ab_[redacted]")
    }

    @Test func trimsSurroundingWhitespaceAndTrailingNewline() throws {
        let parsed = try APIToken.parse("  \(Self.wellFormed)\n")
        #expect(parsed.token == (try APIToken.parse(Self.wellFormed)).token)
        #expect(parsed.token.authorizationHeaderValue == "Bearer \(Self.wellFormed)")
    }

    @Test(arguments: [
        (nil, APITokenProblem.notSet),
        ("", .empty),
        ("  \n", .empty),
        ("${HOURSMITH_API_TOKEN}", .unexpandedVariable),
        ("$HOURSMITH_API_TOKEN", .unexpandedVariable),
        ("<your token>", .unexpandedVariable),
        ("Bearer \(wellFormed)", .bearerPrefix),
        ("bearer \(wellFormed)", .bearerPrefix),
        ("\"\(wellFormed)\"", .quoted),
        ("'\(wellFormed)'", .quoted),
        ("hsk_live_0123456789ab_ABCDEFGHIJKLMNOP QRSTUVWXYZabcdef", .whitespaceInside),
        ("hsk_live_0123456789ab_ABCDEFGHIJKLMNOP\nQRSTUVWXYZabcdef", .whitespaceInside),
        ("hsk_…", .docsPlaceholder),
        ("hsk_...", .docsPlaceholder),
        ("hsk_live_…", .docsPlaceholder),
        ("hsk_live_4f8a2c1bdedf_…", .docsPlaceholder),
        ("hsk_live_…paste your token here…", .docsPlaceholder),
        ("hsk_live_4f8a2c1bdedf_" + "0000000000000000000000000000000a", .docsExample),
        ("hsk_live_4f8a2c1bdedf_" + "9X3kQp7vT2nM5wRzL8sJyB6FhA1uC0gE", .docsExample),
        ("ghp_abcdefABCDEF0123456789", .wrongPrefix),
        ("0123456789ab_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef", .wrongPrefix),
    ] as [(String?, APITokenProblem)])
    func refusesWithAProblem(raw: String?, expected: APITokenProblem) {
        #expect(throws: expected) { try APIToken.parse(raw) }
    }

    @Test func everyProblemSaysWhatToDoAndNeverEchoesTheValue() {
        let problems: [APITokenProblem] = [.notSet, .empty, .unexpandedVariable, .bearerPrefix, .quoted, .whitespaceInside, .docsPlaceholder, .docsExample, .wrongPrefix]
        for problem in problems {
            #expect(problem.message.hasPrefix("HOURSMITH_API_TOKEN"))
            #expect(problem.message.hasSuffix("."))
            #expect(!problem.message.contains(Self.secret))
            #expect(problem.description == problem.message)
        }
        // The ones that mean "get a real token" point to where tokens are minted.
        for problem in [APITokenProblem.notSet, .empty, .docsPlaceholder, .docsExample, .wrongPrefix] {
            #expect(problem.message.contains("https://hoursmith.app/settings/api"))
        }
    }

    @Test(arguments: [
        "hsk_test_0123456789ab_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef",  // not live
        "hsk_live_0123456789AB_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef",  // upper-case hex
        "hsk_live_0123456789ab_ABCDEFGHIJKLMNOPQRSTUVWXYZabcde",   // 31 characters of secret
        "hsk_live_0123456789ab_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd-f",  // not alphanumeric
    ])
    func acceptsOddShapesStartingWithHskWithAWarning(raw: String) throws {
        let parsed = try APIToken.parse(raw)
        let warning = try #require(parsed.warning)
        #expect(warning.contains("usual shape"))
        #expect(!warning.contains(String(raw.dropFirst(9))))
        #expect(parsed.token.publicID == nil)
        #expect(parsed.token.redacted == "hsk_[redacted]")
        #expect(parsed.token.authorizationHeaderValue == "Bearer \(raw)")
    }

    @Test func noDescriptionOrReflectionShowsTheSecret() throws {
        let token = try APIToken.parse(Self.wellFormed).token
        var dumped = ""
        dump(token, to: &dumped)
        var dumpedInside = ""
        dump(["config": token], to: &dumpedInside)
        let renderings = [
            token.description,
            token.debugDescription,
            "\(token)",
            String(describing: token),
            String(reflecting: token),
            dumped,
            dumpedInside,
            Mirror(reflecting: token).children.map { "\($0.label ?? ""): \($0.value)" }.joined(),
        ]
        for text in renderings {
            #expect(!text.contains(Self.secret), "leaked in: \(text)")
            #expect(text.contains("hsk_live_0123456789ab_[redacted]"), "no public id in: \(text)")
        }
    }
}
