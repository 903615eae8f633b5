import Testing
import JSONCore
@testable import MCPCore

/// The bytes of every kind of reply, as the JSON-RPC envelope and each revision's result shape
/// (schema.ts of 2025-06-18 and 2026-07-28) define them.
@Suite struct ReplyWriterTests {
    static let configuration = ServerConfiguration(name: "srv", title: "Server", version: "1.0")
    static let serverInfo = #"{"io.modelcontextprotocol/serverInfo":{"name":"srv","title":"Server","version":"1.0"}}"#

    func text(_ message: SerializedMessage) -> String {
        String(decoding: message.bytes, as: UTF8.self)
    }

    func writer(_ id: RequestID?, _ version: ProtocolVersion?) -> ReplyWriter {
        ReplyWriter(id: id, version: version, configuration: Self.configuration)
    }

    @Test func aLegacyResultIsTheEnvelopeAndTheBodyOnly() {
        let reply = writer(RequestID(1), .v2025_06_18).result(["a": 1], cache: CacheHint(timeToLive: 5, scope: .public))
        #expect(text(reply) == #"{"jsonrpc":"2.0","id":1,"result":{"a":1}}"#)
    }

    @Test func aResultBeforeAnyRevisionIsBare() {
        #expect(text(writer(.string("p"), nil).result([:])) == #"{"jsonrpc":"2.0","id":"p","result":{}}"#)
    }

    @Test func aModernResultSaysItIsCompleteAndWhoAnswered() {
        let reply = writer(.string("x"), .v2026_07_28).result([:])
        #expect(text(reply) == #"{"jsonrpc":"2.0","id":"x","result":{"resultType":"complete","_meta":"# + Self.serverInfo + "}}")
    }

    @Test func aModernCacheableResultCarriesItsCacheHints() {
        let reply = writer(RequestID(2), .v2026_07_28).result(["a": true], cache: CacheHint(timeToLive: 300, scope: .private))
        #expect(text(reply) == #"{"jsonrpc":"2.0","id":2,"result":{"a":true,"ttlMs":300,"cacheScope":"private","resultType":"complete","_meta":"#
            + Self.serverInfo + "}}")
    }

    @Test func aResultsOwnMetaIsKeptAndServerInfoAdded() throws {
        let reply = writer(RequestID(3), .v2026_07_28).result(["_meta": ["k": "v"]])
        let json = try JSON.parse(reply.bytes)
        #expect(json["result"]?["_meta"]?["k"] == "v")
        #expect(json["result"]?["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "srv")
    }

    @Test func aResultInPiecesIsWrittenFromThemWithTheSameEnvelope() {
        let tools: [UInt8] = Array(#"[{"name":"t"}]"#.utf8)
        let modern = writer(RequestID(4), .v2026_07_28)
            .result(pieces: ReplyWriter.member("tools", json: tools), then: ["nextCursor": "c"], cache: CacheHint(timeToLive: 0, scope: .private))
        #expect(modern.pieces.contains(tools), "the cached array is a piece of its own")
        #expect(text(modern) == #"{"jsonrpc":"2.0","id":4,"result":{"tools":[{"name":"t"}],"nextCursor":"c","ttlMs":0,"cacheScope":"private","#
            + #""resultType":"complete","_meta":"# + Self.serverInfo + "}}")
        let legacy = writer(RequestID(4), .v2024_11_05).result(pieces: [Array(#""isError":true"#.utf8)])
        #expect(text(legacy) == #"{"jsonrpc":"2.0","id":4,"result":{"isError":true}}"#)
    }

    @Test func anErrorHasNoResultDecorationAndANullIDWhenUnknown() {
        let error = writer(nil, .v2026_07_28).error(.parseError("bad"))
        #expect(text(error) == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: bad"}}"#)
        let withData = writer(.string("q"), nil).error(JSONRPCError(code: -32022, message: "Unsupported protocol version", data: ["requested": "1"]))
        #expect(text(withData) == #"{"jsonrpc":"2.0","id":"q","error":{"code":-32022,"message":"Unsupported protocol version","data":{"requested":"1"}}}"#)
    }
}
