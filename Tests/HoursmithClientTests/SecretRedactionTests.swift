import JSONCore
import Testing
import struct HoursmithSandbox.SplitMix64
@testable import HoursmithClient

/// The one redaction: the configured secret in any case anywhere inside a string, token shapes,
/// and what it leaves alone.
@Suite struct SecretRedactionTests {
    static let publicID = "0123456789ab"
    static let secret = "Q7zzCANARYsecretNEVERshowMEx9Kq4"
    static let token = "hsk_live_\(publicID)_\(secret)"

    static func redaction() throws -> SecretRedaction {
        SecretRedaction(token: try APIToken.parse(token).token)
    }

    @Test func hidesTheTokenAndItsSecretInAnyCaseAnywhereInAString() throws {
        let redaction = try Self.redaction()
        let masked = "hsk_live_\(Self.publicID)_[redacted]"
        #expect(redaction.redact("echo \(Self.token) and \(Self.secret) again") == "echo \(masked) and [redacted] again")
        #expect(redaction.redact("x\(Self.secret.lowercased())y") == "x[redacted]y", "inside a word")
        #expect(redaction.redact(Self.secret.uppercased()) == "[redacted]")
        #expect(redaction.redact(Self.token.uppercased()) == masked, "the whole token, upper case")
        #expect(redaction.redact("https://h.example/cb?t=\(Self.secret)&u=1") == "https://h.example/cb?t=[redacted]&u=1")
        #expect(redaction.redact("{\"\(Self.secret)\":[\"\(Self.secret)\"]}") == "{\"[redacted]\":[\"[redacted]\"]}")
    }

    @Test func hidesTokenShapesOfOtherTokensInAnyCase() {
        let redaction = SecretRedaction(token: nil)
        let other = "hsk_live_4f8a2c1bdedf_Abcdefghijklmnopqrstuvwxyz012345"
        #expect(redaction.redact("token \(other) here") == "token hsk_live_4f8a2c1bdedf_[redacted] here")
        #expect(redaction.redact(other.uppercased()) == "hsk_[redacted]", "an upper-case public id is not one")
        #expect(redaction.redact("hsk_somethingLongEnoughToBeASecret") == "hsk_[redacted]")
        #expect(redaction.redact("HSK_somethingLongEnoughToBeASecret.") == "hsk_[redacted].")
    }

    @Test func leavesMaskedTokensMentionsAndOrdinaryTextAsTheyAre() throws {
        let redaction = try Self.redaction()
        for text in [
            "token hsk_live_4f8a2c1bdedf_… works", "tokens start with hsk_live_", "Mint a token in Settings → API",
            "ahsk_somethingLongEnoughToBeASecret", "Café, 2.5 h, 👩‍💻", "",
        ] {
            #expect(redaction.redact(text) == text)
            var copy = text
            #expect(copy.withUTF8 { redaction.redacted(utf8: $0) } == nil, "nothing hidden, nothing allocated: \(text)")
        }
    }

    /// A value refused for its form may still be a real token: its words are hidden. Placeholders
    /// are not secrets, and the problems that quote them stay readable.
    @Test func anEnvironmentTokenRefusedForItsFormIsHiddenToo() {
        for raw in ["\"\(Self.token)\"", "Bearer \(Self.token)", "hsk_live_\(Self.publicID)_Q7zzCANARYsecret\nNEVERshowMEx9Kq4",
                    "sk_\(Self.secret)"] {
            let redaction = SecretRedaction(environment: ["HOURSMITH_API_TOKEN": raw])
            let shown = redaction.redact("the API said: \(raw.lowercased()) / \(Self.secret)")
            #expect(!shown.lowercased().contains("canarysecret"), "\(raw) → \(shown)")
        }
        let placeholder = SecretRedaction(environment: ["HOURSMITH_API_TOKEN": "${HOURSMITH_API_TOKEN}"])
        let problem = APITokenProblem.unexpandedVariable.message
        #expect(placeholder.redact(problem) == problem)
        #expect(SecretRedaction(environment: [:]).redact(Self.secret) == Self.secret, "no token, no secret to know")
    }

    /// Seeded: the secret, in a random mix of cases, at random places in random text, never
    /// survives; and text the secret was not put in comes back unchanged.
    @Test func theSecretNeverSurvivesInRandomText() throws {
        let redaction = try Self.redaction()
        var random = SplitMix64(seed: 0x5EC2E7)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ -\"{}:,é→")
        func noise(_ count: Int) -> String {
            String((0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
        }
        for _ in 0..<500 {
            var text = noise(Int(random.next() % 60))
            let plain = text
            #expect(redaction.redact(plain) == plain || plain.lowercased().contains("hsk_"))
            for _ in 0..<Int(random.next() % 3 + 1) {
                let mixed = String(Self.secret.map { random.next() % 2 == 0 ? Character($0.lowercased()) : Character($0.uppercased()) })
                text += mixed + noise(Int(random.next() % 20))
            }
            let shown = redaction.redact(text)
            #expect(!shown.lowercased().contains(Self.secret.lowercased()), "\(text) → \(shown)")
        }
    }

    /// Whatever it hides in JSON text, the text stays JSON: a refused token's words of digits
    /// alone are not hidden (the whole token still is), and a secret that starts at an escape's
    /// letter goes with its backslash.
    @Test func whatItHidesInJSONTextLeavesJSONText() throws {
        let digits = SecretRedaction(environment: ["HOURSMITH_API_TOKEN": "Bearer 123456789012"])
        let numbers = "{\"total\":1234567890123,\"id\":123456789012}"
        #expect(digits.redact(numbers) == numbers)

        // A secret whose first letter is "n": in `\n…` it starts at the escape's letter.
        let secret = "n" + String(Self.secret.dropFirst())
        let redaction = SecretRedaction(token: try APIToken.parse("hsk_live_\(Self.publicID)_\(secret)").token)
        let backslash = "\\"
        let afterEscape = "{\"note\":\"a" + backslash + secret + " b\"}"           // {"note":"a\n<rest> b"}
        let afterEscapedBackslash = "{\"note\":\"a" + backslash + backslash + secret + " b\"}"
        #expect(try JSON.parse(Array(afterEscape.utf8)) != JSON.null, "the test's text is JSON")
        #expect(redaction.redact(afterEscape) == "{\"note\":\"a[redacted] b\"}", "the escape goes with the secret")
        #expect(redaction.redact(afterEscapedBackslash) == "{\"note\":\"a" + backslash + backslash + "[redacted] b\"}",
                "an escaped backslash stays")
        for text in [afterEscape, afterEscapedBackslash] {
            #expect((try? JSON.parse(Array(redaction.redact(text).utf8))) != nil, "still JSON")
        }
    }
}
