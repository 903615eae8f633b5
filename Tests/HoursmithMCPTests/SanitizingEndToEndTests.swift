import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// Text other people wrote reaches the model without what could hide instructions in it:
/// end to end, through a list passed through as the API wrote it and a single object rebuilt.
@Suite struct SanitizingEndToEndTests {
    /// Zero-width space, right-to-left override, and "obey" in Unicode tag characters.
    static let hidden = "\u{200B}\u{202E}" + "obey".unicodeScalars.map { String(Unicode.Scalar(0xE0000 + $0.value) ?? " ") }.joined()
    static let invisible: Set<Unicode.Scalar> = ["\u{200B}", "\u{202E}", "\u{E006F}", "\u{E0062}", "\u{E0065}", "\u{E0079}"]

    @Test func namesWithInvisibleCharactersReachTheModelWithoutThem() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let created = try await harness.call("create_client", ["name": .string("Stark" + SanitizingEndToEndTests.hidden + " Industries 👩‍💻")]).content()
            let id = try #require(created["client"]?["id"]?.intValue)
            #expect(harness.sandbox.snapshot().clients[id]?.name.unicodeScalars.contains("\u{202E}") == true, "what the model asked for is sent as it is")
            #expect(created["client"]?["name"] == "Stark Industries 👩‍💻")

            let list = try await harness.call("list_clients", ["per_page": 100]).content()
            #expect(list["clients"]?.arrayValue?.contains { $0["name"] == "Stark Industries 👩‍💻" } == true)
            let single = try await harness.call("get_client", ["client_id": .int(id)]).content()
            #expect(single["client"]?["name"] == "Stark Industries 👩‍💻")

            // Nothing invisible in any line the server wrote, whether raw or escaped.
            for line in harness.server.stdoutLines {
                let decoded = try JSON.parse(line).serializedString()
                #expect(!decoded.unicodeScalars.contains { SanitizingEndToEndTests.invisible.contains($0) }, "\(line.prefix(200))")
                #expect(!line.lowercased().contains("\\u200b") && !line.lowercased().contains("\\u202e"))
                if let text = try JSON.parse(line)["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue {
                    #expect(!text.unicodeScalars.contains { SanitizingEndToEndTests.invisible.contains($0) })
                }
            }
        }
    }

    /// Control characters a name holds (an escape sequence that clears a terminal, a bell) reach
    /// the model neither in a tool's text block nor in a resource's text, which are JSON inside a
    /// string, nor in the structured content.
    @Test func controlCharactersReachNeitherATextBlockNorAResource() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let created = try await harness.call("create_project", [
                "client": "Stark Industries", "name": .string("Clear\u{1B}[2J\u{7}Screen"),
            ]).content()
            let id = try #require(created["project"]?["id"]?.intValue)
            let got = try await harness.call("get_project", ["project_id": .int(id)])
            #expect(got.structured?["project"]?["name"] == "Clear[2JScreen")
            #expect(got.text.contains("Clear[2JScreen") && !got.text.contains("u001b") && !got.text.contains("u0007"), "\(got.text.prefix(300))")
            let read = try await harness.server.request("resources/read", ["uri": .string("hoursmith://projects/\(id)")])
            let text = try #require(read["result"]?["contents"]?.arrayValue?.first?["text"]?.stringValue)
            #expect(text.contains("Clear[2JScreen") && !text.contains("u001b") && !text.contains("\u{1B}"), "\(text.prefix(300))")
        }
    }
}
