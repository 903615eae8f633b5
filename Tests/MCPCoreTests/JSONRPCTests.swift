import Testing
import JSONCore
@testable import MCPCore

@Suite struct JSONRPCTests {
    @Test func answersUnparseableLinesWithParseErrorAndNullID() async {
        let harness = ServerHarness()
        harness.send("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ")
        let bytes: [UInt8] = Array("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"x\":\"".utf8) + [0xFF, 0xFE] + Array("\"}".utf8)
        bytes.withUnsafeBytes { harness.server.receive(line: $0) }
        let messages = await harness.sink.wait(for: 2)
        #expect(messages.count == 2)
        for message in messages {
            #expect(message["id"] == .null)
            #expect(message["error"]?["code"] == -32700)
        }
    }

    /// Found by the fuzzer: a run of opening brackets stopped the process; it is a parse error.
    @Test func aRunOfOpeningBracketsIsAParseError() async throws {
        let harness = ServerHarness()
        harness.send("[[[[[[[[[[.")
        harness.send(String(repeating: "{\"a\":[", count: 100))
        let replies = await harness.sink.wait(for: 2)
        #expect(replies.map { $0["error"]?["code"] } == [-32700, -32700])
        #expect(await harness.request(legacy(1, "ping"))?["result"] == [:])
    }

    @Test(arguments: [
        #"{"jsonrpc":"2.0","id":null,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":true,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#,
        #"[]"#,
        #""just a string""#,
        #"{"id":1,"method":"ping"}"#,
    ])
    func answersInvalidRequestsWithMinus32600(_ line: String) async throws {
        let harness = ServerHarness()
        harness.send(line)
        let reply = try #require(await harness.sink.wait(for: 1).first)
        #expect(reply["error"]?["code"] == -32600)
        if !line.contains("\"id\":1,") { #expect(reply["id"] == .null) }
    }

    @Test func echoesIDsExactly() async throws {
        let harness = ServerHarness()
        let ids: [JSON] = [
            "abc", "", "日本語-🙂", .int(0), .int(-7), .int(9_007_199_254_740_993),
            try JSON.parse("123456789012345678901234567890"),
        ]
        for id in ids {
            let reply = try #require(await harness.request(legacy(id, "ping")))
            #expect(reply["id"]?.serializedString() == id.serializedString())
            #expect(reply["result"] == [:])
        }
        // "1" and 1 are different requests.
        #expect(RequestID(.string("1")) != RequestID(.int(1)))
    }

    @Test func unknownMethodsAreMinus32601AndUnknownNotificationsAreIgnored() async throws {
        let harness = ServerHarness()
        await harness.initialize()
        harness.send(["jsonrpc": "2.0", "method": "notifications/whatever", "params": [:]])
        let reply = try #require(await harness.request(legacy(9, "resources/list")))
        #expect(reply["error"]?["code"] == -32601)
        #expect(harness.sink.messages.count == 2) // initialize + this; nothing for the notification
    }

    @Test func paramsThatAreNotAnObjectAreInvalid() async throws {
        let harness = ServerHarness()
        harness.send(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":[1,2]}"#)
        harness.send(#"{"jsonrpc":"2.0","id":2,"method":"ping","params":"x"}"#)
        let replies = await harness.sink.wait(for: 2)
        #expect(replies.first { $0["id"] == 1 }?["error"]?["code"] == -32602)
        #expect(replies.first { $0["id"] == 2 }?["error"]?["code"] == -32600)
    }

    @Test func batchesAreServedOnlyIn2025_03_26() async throws {
        let batch = #"[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/initialized"},{"jsonrpc":"2.0","id":2,"method":"tools/list"}]"#
        for version in ["2025-06-18", "2025-11-25", "2024-11-05"] {
            let harness = ServerHarness(tools: [echoTool()])
            await harness.initialize(version)
            harness.send(batch)
            let reply = try #require(await harness.sink.wait(for: 2).last)
            #expect(reply["error"]?["code"] == -32600, "version \(version)")
        }
        let harness = ServerHarness(tools: [echoTool()])
        harness.send(batch) // before any handshake
        #expect(await harness.sink.wait(for: 1).first?["error"]?["code"] == -32600)

        await harness.initialize("2025-03-26")
        harness.send(batch)
        let replies = try #require(await harness.sink.wait(for: 3).last?.arrayValue)
        #expect(Set(replies.compactMap { $0["id"]?.intValue }) == [1, 2])
        #expect(replies.first { $0["id"] == 2 }?["result"]?["tools"]?.arrayValue?.count == 1)
    }

    @Test func aBatchWithToolCallsWaitsForThemAll() async throws {
        let harness = ServerHarness(tools: [echoTool()])
        await harness.initialize("2025-03-26")
        let calls = (1...5).map { legacy(.int($0), "tools/call", ["name": "echo", "arguments": ["text": .string("n\($0)")]]) }
        harness.send(JSON.array(calls + [["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": 99]]]))
        let replies = try #require(await harness.sink.wait(for: 2).last?.arrayValue)
        #expect(replies.count == 5)
        #expect(Set(replies.compactMap { $0["id"]?.intValue }) == [1, 2, 3, 4, 5])
    }
}
