import Testing
import JSONCore
@testable import MCPCore

@Suite struct EraTests {
    @Test func modernRequestsNeedVersionAndCapabilities() async throws {
        let harness = ServerHarness(tools: [echoTool()])
        let noCapabilities: JSON = ["jsonrpc": "2.0", "id": 1, "method": "tools/list",
                                    "params": ["_meta": ["io.modelcontextprotocol/protocolVersion": "2026-07-28"]]]
        #expect(await harness.request(noCapabilities)?["error"]?["code"] == -32602)
        let noVersion: JSON = ["jsonrpc": "2.0", "id": 2, "method": "tools/list",
                               "params": ["_meta": ["io.modelcontextprotocol/clientCapabilities": [:]]]]
        #expect(await harness.request(noVersion)?["error"]?["code"] == -32602)
        // No _meta at all and no handshake: neither era can serve it.
        #expect(await harness.request(legacy(3, "tools/list"))?["error"]?["code"] == -32602)
    }

    @Test func unsupportedVersionsAreMinus32022WithWhatIsSupported() async throws {
        let harness = ServerHarness()
        for (index, requested) in ["1900-01-01", "2025-06-18"].enumerated() {
            let request: JSON = ["jsonrpc": "2.0", "id": .int(index), "method": "server/discover", "params": ["_meta": [
                "io.modelcontextprotocol/protocolVersion": .string(requested), "io.modelcontextprotocol/clientCapabilities": [:]]]]
            let error = try #require(await harness.request(request)?["error"])
            #expect(error["code"] == -32022)
            #expect(error["data"]?["requested"] == .string(requested))
            let supported = try #require(error["data"]?["supported"]?.arrayValue)
            #expect(supported.contains("2026-07-28"))
            #expect(supported.contains("2024-11-05"))
        }
    }

    @Test func discoverDescribesTheServer() async throws {
        let harness = ServerHarness()
        let result = try #require(await harness.request(modern("d", "server/discover"))?["result"])
        #expect(result["resultType"] == "complete")
        #expect(result["supportedVersions"]?.arrayValue?.first == "2026-07-28")
        #expect(result["capabilities"]?["tools"] != nil)
        #expect(result["instructions"] == "Be kind.")
        #expect(result["ttlMs"]?.intValue ?? -1 >= 0)
        #expect(result["cacheScope"] == "public")
        #expect(result["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "test-server")
        #expect(result["_meta"]?["io.modelcontextprotocol/serverInfo"]?["version"] == "1.2.3")
    }

    @Test func modernResultsCarryResultTypeAndListsCarryCacheHints() async throws {
        let harness = ServerHarness(tools: [echoTool()])
        let ping = try #require(await harness.request(modern(1, "ping"))?["result"])
        #expect(ping["resultType"] == "complete")
        let list = try #require(await harness.request(modern(2, "tools/list"))?["result"])
        #expect(list["resultType"] == "complete")
        #expect(list["cacheScope"] == "private")
        #expect(list["ttlMs"]?.intValue == 3_600_000)
        let call = try #require(await harness.request(modern(3, "tools/call", ["name": "echo", "arguments": ["text": "hi"]]))?["result"])
        #expect(call["resultType"] == "complete")
        #expect(call["structuredContent"] == ["echo": "hi"])
    }

    @Test(arguments: [
        ("2024-11-05", "2024-11-05"), ("2025-03-26", "2025-03-26"), ("2025-06-18", "2025-06-18"),
        ("2025-11-25", "2025-11-25"), ("2099-01-01", "2025-11-25"), ("2026-07-28", "2025-11-25"),
    ])
    func initializeNegotiatesALegacyVersion(requested: String, answered: String) async throws {
        let harness = ServerHarness()
        let reply = try #require(await harness.request(legacy(1, "initialize", [
            "protocolVersion": .string(requested), "capabilities": [:], "clientInfo": ["name": "c", "version": "1"]])))
        let result = try #require(reply["result"])
        #expect(result["protocolVersion"] == .string(answered))
        #expect(result["serverInfo"]?["name"] == "test-server")
        #expect(result["capabilities"]?["tools"]?["listChanged"] == true)
        #expect(result["instructions"] == "Be kind.")
        #expect(result["resultType"] == nil)
        // serverInfo.title exists from 2025-06-18 on.
        #expect((result["serverInfo"]?["title"] != nil) == (answered >= "2025-06-18"))
    }

    @Test func aSecondInitializeIsAnError() async throws {
        let harness = ServerHarness()
        await harness.initialize()
        let reply = try #require(await harness.request(legacy(2, "initialize", ["protocolVersion": "2025-06-18", "capabilities": [:]])))
        #expect(reply["error"]?["code"] == -32600)
    }

    @Test func oneProcessServesBothErasAtOnce() async throws {
        let harness = ServerHarness(tools: [echoTool()])
        await harness.initialize("2024-11-05")
        let legacyList = try #require(await harness.request(legacy(1, "tools/list"))?["result"])
        #expect(legacyList["resultType"] == nil)
        #expect(legacyList["tools"]?.arrayValue?.first?["title"] == nil)
        let modernList = try #require(await harness.request(modern(2, "tools/list"))?["result"])
        #expect(modernList["resultType"] == "complete")
        #expect(modernList["tools"]?.arrayValue?.first?["title"] == "Echo")
        // ping works in either era, before and after the handshake.
        #expect(await ServerHarness().request(legacy(3, "ping"))?["result"] == [:])
    }

    @Test func toolFieldsFollowTheRevision() async throws {
        let tool = echoTool()
        let old = tool.json(for: .v2024_11_05)
        #expect(old.objectValue?.keys == ["name", "description", "inputSchema"])
        let annotated = tool.json(for: .v2025_03_26)
        #expect(annotated["annotations"]?["title"] == "Echo")
        #expect(annotated["annotations"]?["readOnlyHint"] == true)
        #expect(annotated["outputSchema"] == nil)
        let current = tool.json(for: .v2025_06_18)
        #expect(current["title"] == "Echo")
        #expect(current["outputSchema"]?["type"] == "object")
        #expect(current["annotations"]?["title"] == nil)
        #expect(current["annotations"]?.objectValue?.keys == ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"])
    }

    @Test func structuredContentOnlyWhereTheRevisionHasIt() async throws {
        for (version, hasStructured) in [("2024-11-05", false), ("2025-03-26", false), ("2025-06-18", true), ("2025-11-25", true)] {
            let harness = ServerHarness(tools: [echoTool()])
            await harness.initialize(version)
            let result = try #require(await harness.request(legacy(1, "tools/call", ["name": "echo", "arguments": ["text": "x"]]))?["result"])
            #expect((result["structuredContent"] != nil) == hasStructured, "version \(version)")
            #expect(result["content"]?.arrayValue?.first?["text"] == #"{"echo":"x"}"#)
        }
    }

    @Test func logLevelsAreChecked() async throws {
        let harness = ServerHarness()
        var meta = modernMeta.objectValue ?? [:]
        meta["io.modelcontextprotocol/logLevel"] = "loud"
        let request: JSON = ["jsonrpc": "2.0", "id": 1, "method": "ping", "params": ["_meta": .object(meta)]]
        #expect(await harness.request(request)?["error"]?["code"] == -32602)
        #expect(await harness.request(modern(2, "logging/setLevel", ["level": "debug"]))?["error"]?["code"] == -32601)
        await harness.initialize()
        #expect(await harness.request(legacy(3, "logging/setLevel", ["level": "debug"]))?["result"] == [:])
        #expect(await harness.request(legacy(4, "logging/setLevel", ["level": "loud"]))?["error"]?["code"] == -32602)
    }

    @Test func listChangedIsSentOnlyToALegacySession() async throws {
        let harness = ServerHarness()
        harness.server.toolListChanged()
        #expect(harness.sink.messages.isEmpty)
        await harness.initialize()
        harness.server.toolListChanged()
        #expect(await harness.sink.wait(for: 2).last?["method"] == "notifications/tools/list_changed")
    }
}
