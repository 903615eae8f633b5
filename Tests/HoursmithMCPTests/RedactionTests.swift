import Testing
@testable import HoursmithMCP

/// What the redactor hides, and what it leaves: text that `setup` and `doctor` print passes through it.
@Suite struct RedactionTests {
    @Test func hidesSecretsAndLeavesMaskedTokensAsTheyAre() {
        let secret = "Abcdefghijklmnopqrstuvwxyz012345"
        #expect(Redaction.redact("token hsk_live_4f8a2c1bdedf_\(secret) here") == "token hsk_live_4f8a2c1bdedf_[redacted] here")
        #expect(Redaction.redact("hsk_somethingLongEnoughToBeASecret") == "hsk_[redacted]")
        #expect(Redaction.redact("token hsk_live_4f8a2c1bdedf_… works") == "token hsk_live_4f8a2c1bdedf_… works",
                "a token masked by APIToken.redacted has no secret left to hide")
        #expect(Redaction.redact("tokens start with hsk_live_") == "tokens start with hsk_live_")
    }
}
