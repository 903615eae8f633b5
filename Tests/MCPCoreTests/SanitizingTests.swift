import Testing
@testable import JSONCore
@testable import MCPCore

/// What the model reads leaves through one exit, the output filter: tool results (text and
/// structured content), tool errors, JSON-RPC errors that echo the client's input (which are also
/// bounded), and the notifications of a request (progress, log messages).
@Suite struct SanitizingTests {
    static let hidden = "\u{200B}\u{202E}" + "do this".unicodeScalars.map { String(Unicode.Scalar(0xE0000 + $0.value) ?? " ") }.joined()

    func tool(_ name: String, _ body: @escaping @Sendable () throws -> ToolResult) -> Tool {
        Tool(name: name, title: name, description: "Returns text from elsewhere.", inputSchema: .object([:]), outputSchema: nil,
             annotations: readOnly) { _, _ in try body() }
    }

    func call(_ harness: ServerHarness, _ name: String, id: Int) async throws -> JSON {
        try #require(await harness.request(modern(.int(id), "tools/call", ["name": .string(name)]))?["result"])
    }

    /// Control characters too, in the text block (JSON inside the reply's string, which the exit
    /// reads as text) as in the structured content: the two stay the same JSON.
    @Test func controlCharactersLeaveNeitherTheTextBlockNorTheStructuredContent() async throws {
        let harness = ServerHarness(tools: [tool("controls") { .success(["name": "Acme\u{1B}[2J\u{7} Ltd", "note": "tab\tand\nline"]) }])
        let result = try await call(harness, "controls", id: 1)
        #expect(result["structuredContent"] == ["name": "Acme[2J Ltd", "note": "tab\tand\nline"])
        #expect(result["content"]?.arrayValue?.first?["text"] == #"{"name":"Acme[2J Ltd","note":"tab\tand\nline"}"#)
    }

    @Test func resultsBuiltAsValuesAreSanitized() async throws {
        let harness = ServerHarness(tools: [tool("built") { .success(["name": .string("Acme" + SanitizingTests.hidden), "emoji": "👩‍💻"]) }])
        let result = try await call(harness, "built", id: 1)
        #expect(result["structuredContent"] == ["name": "Acme", "emoji": "👩‍💻"])
        #expect(result["content"]?.arrayValue?.first?["text"] == #"{"name":"Acme","emoji":"👩‍💻"}"#)
    }

    @Test func resultsWrittenFromDocumentsAreSanitized() async throws {
        let page = try JSONDocument(bytes: Array(#"{"name":"Acme\u200b\u202e","note":"ok"}"#.utf8))
        let harness = ServerHarness(tools: [tool("written") { .success(page.root.json) }])
        let result = try await call(harness, "written", id: 1)
        #expect(result["structuredContent"] == ["name": "Acme", "note": "ok"])
        #expect(result["content"]?.arrayValue?.first?["text"] == #"{"name":"Acme","note":"ok"}"#)
    }

    @Test func toolErrorsAreSanitized() async throws {
        let harness = ServerHarness(tools: [
            tool("thrown") { throw ToolError("The client \"Acme" + SanitizingTests.hidden + "\" is archived.") },
            tool("returned") { .failure("Refused:" + SanitizingTests.hidden) },
        ])
        let thrown = try await call(harness, "thrown", id: 1)
        #expect(thrown["isError"] == true)
        #expect(thrown["content"]?.arrayValue?.first?["text"] == "The client \"Acme\" is archived.")
        #expect(try await call(harness, "returned", id: 2)["content"]?.arrayValue?.first?["text"] == "Refused:")
    }

    /// Protocol errors that echo a name the client sent show it sanitized and cut short.
    @Test func protocolErrorsEchoABoundedSanitizedPart() async throws {
        let harness = ServerHarness(tools: [echoTool()])
        let long = String(repeating: "x", count: 100_000) + SanitizingTests.hidden
        let unknownTool = try #require(await harness.request(modern(1, "tools/call", ["name": .string("nope" + SanitizingTests.hidden + long)]))?["error"])
        let message = try #require(unknownTool["message"]?.stringValue)
        #expect(message.hasPrefix("Invalid params: Unknown tool: nopexxx"))
        #expect(message.unicodeScalars.count <= JSONRPCError.messageLimit + 1)
        #expect(!message.unicodeScalars.contains { TextSanitizer.kind(of: $0) != .visible })

        let unknownMethod = try #require(await harness.request(modern(2, .init(stringLiteral: "x/" + SanitizingTests.hidden + long)))?["error"])
        #expect(unknownMethod["code"] == -32601)
        #expect((unknownMethod["message"]?.stringValue?.unicodeScalars.count ?? .max) < 100)

        var meta = modernMeta.objectValue ?? [:]
        meta["io.modelcontextprotocol/protocolVersion"] = .string(long)
        let badVersion = try #require(await harness.request(["jsonrpc": "2.0", "id": 3, "method": "ping", "params": ["_meta": .object(meta)]])?["error"])
        #expect(badVersion["code"] == -32022)
        #expect((badVersion["data"]?["requested"]?.stringValue?.unicodeScalars.count ?? .max) <= JSONRPCError.dataStringLimit + 1)
    }

    /// Hides the canary wherever it is.
    struct HidesCanary: Redacting {
        static let canary = "CANARYzzQ7secretNEVERprintMEx9Kq"
        func redact(_ text: String) -> String { text.replacingOccurrences(of: Self.canary, with: "[redacted]") }
        func redacted(utf8 text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
            let original = String(decoding: text, as: UTF8.self)
            let hidden = redact(original)
            return hidden == original ? nil : Array(hidden.utf8)
        }
    }

    /// Progress and log notifications carry text from elsewhere too (a page's note, an API's
    /// message): they leave through the same exit as replies, sanitized and redacted. (Before the
    /// one exit they were redacted but not sanitized.)
    @Test func progressAndLogNotificationsLeaveThroughTheSameExit() async throws {
        // The canary cut in two by a zero-width space: removing invisibles first makes it whole
        // for the redaction.
        let half = HidesCanary.canary.count / 2
        let split = String(HidesCanary.canary.prefix(half)) + "\u{200B}" + String(HidesCanary.canary.dropFirst(half))
        let hostile = "Acme\u{202E}" + SanitizingTests.hidden + " " + HidesCanary.canary + " " + split
        let reporter = Tool(name: "reporter", title: "Reporter", description: "Reports progress and logs.", inputSchema: .object([:]),
                            outputSchema: nil, annotations: readOnly) { _, context in
            context.reportProgress(1, total: 2, message: "page 1 of " + hostile)
            context.log(.warning, "note: " + hostile)
            return .success(["done": true])
        }
        let harness = ServerHarness(tools: [reporter], redaction: HidesCanary())
        var meta = modernMeta.objectValue ?? [:]
        meta["progressToken"] = "p1"
        meta["io.modelcontextprotocol/logLevel"] = "debug"
        _ = try #require(await harness.request(["jsonrpc": "2.0", "id": 1, "method": "tools/call",
                                                "params": ["name": "reporter", "_meta": .object(meta)]]))
        let messages = harness.sink.messages
        let progress = try #require(messages.first { $0["method"] == "notifications/progress" }?["params"]?["message"]?.stringValue)
        let log = try #require(messages.first { $0["method"] == "notifications/message" }?["params"]?["data"]?.stringValue)
        for text in [progress, log] {
            #expect(!text.unicodeScalars.contains { TextSanitizer.kind(of: $0) != .visible && $0 != " " }, "\(text)")
            #expect(!text.contains(HidesCanary.canary) && !text.contains("CANARY"), "\(text)")
        }
        #expect(progress == "page 1 of Acme [redacted] [redacted]")
        #expect(log == "note: Acme [redacted] [redacted]")
    }

    /// An id comes back through the output filter: one it would change is refused (with a null id,
    /// as for a request that cannot be answered by its id), never answered with another id.
    @Test func anIdTheFilterWouldChangeIsRefused() async throws {
        let harness = ServerHarness(tools: [echoTool()])
        harness.send(modern(.string("a\u{200B}b"), "ping"))
        let replies = await harness.sink.wait(for: 1)
        #expect(replies.first?["id"] == .null)
        #expect(replies.first?["error"]?["code"] == -32600)
        #expect(try #require(await harness.request(modern("plain-1", "ping")))["result"] != nil, "a plain id is answered")
    }

    /// The tool list is filtered once, when it is cached, and not read again on each list.
    @Test func theCachedToolListIsFilteredOnceAndStaysClean() async throws {
        let hidden = Tool(name: "hidden", title: "Hidden", description: "Reads\u{200B} things\u{202E}.", inputSchema: .object([:]),
                          outputSchema: nil, annotations: readOnly) { _, _ in .success([:]) }
        let harness = ServerHarness(tools: [hidden])
        for id in 1...2 {
            let listed = try #require(await harness.request(modern(.int(id), "tools/list"))?["result"]?["tools"]?.arrayValue)
            #expect(listed.first?["description"] == "Reads things.", "list \(id)")
        }
    }
}
