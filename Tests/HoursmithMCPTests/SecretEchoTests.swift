import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// Issue 10: an API (or a proxy) that echoes the token back — in any field of any error shape, in
/// a success body, in a redirect, in any letter case — never gets it onto stdout or stderr: not
/// in a tool result, a JSON-RPC error, a log line at any level, or `--check`.
@Suite struct SecretEchoTests {
    static let secret = SecretScan.canarySecret

    /// Every place an error body can carry text, each with the secret in another case or inside
    /// another word.
    static func hostileErrorBody(_ token: String) -> String {
        let body: JSON = [
            "error": .string(secret.lowercased()),
            "message": .string("bad token x\(token)y, really \(secret.uppercased())"),
            "plan": .string(token.uppercased()),
            "errors": [
                .init(stringLiteral: secret): [.string("is \(secret)")],
                "name": .string("prefix-\(secret)-suffix"),
            ],
        ]
        return body.serializedString()
    }

    /// Anything on stdout or stderr that could be the secret: in any case, or a whole token shape.
    static func leaks(in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.lowercased().contains(secret.lowercased()), "the secret appeared: \(text.prefix(2000))",
                sourceLocation: sourceLocation)
        #expect(text.lowercased().firstRange(of: #/hsk_live_[0-9a-f]{12}_[a-z0-9]{32}/#) == nil, "a whole token appeared",
                sourceLocation: sourceLocation)
    }

    @Test(arguments: ["debug", "info", "warning", "error"])
    func aHostileAPIEchoingTheTokenNeverGetsItOut(logLevel: String) async throws {
        let sandbox = try await makeSandbox()
        defer { sandbox.shutdown() }
        let token = sandbox.mintToken(user: Fixture.User.owner, secret: Self.secret)
        // A success body that carries it: the user's name, which the start-up log line shows.
        sandbox.inject(.rewriteBody { body in
            Array(String(decoding: body, as: UTF8.self)
                .replacingOccurrences(of: "\"name\":\"", with: "\"name\":\"\(token.uppercased()) ").utf8)
        }, times: 1, method: "GET", path: "/me")
        let server = try MCPProcess(sandboxURL: sandbox.baseURL, token: token, extra: ["HOURSMITH_LOG_LEVEL": logLevel])
        _ = try await server.callTool("get_current_user")

        for status in [400, 401, 402, 403, 404, 409, 422, 429, 500, 502] {
            sandbox.inject(.answer(status: status, headers: [("Content-Type", "application/json")], body: Self.hostileErrorBody(token)),
                           times: 5, method: "GET", path: "/clients")
            let outcome = try await server.callTool("list_clients")
            #expect(outcome.isError, "HTTP \(status)")
            sandbox.clearFaults()
        }
        sandbox.inject(.answer(status: 500, body: "<html>\(token) \(Self.secret)</html>"), times: 5, method: "GET", path: "/clients")
        _ = try await server.callTool("list_clients")
        sandbox.clearFaults()
        sandbox.inject(.redirect(location: "https://evil.example/\(Self.secret)?t=\(token)"), method: "GET", path: "/clients")
        _ = try await server.callTool("list_clients")
        // A success body with it in a client's name and notes.
        sandbox.inject(.rewriteBody { body in
            Array(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "Acme", with: "Acme \(Self.secret)").utf8)
        }, times: 1, method: "GET", path: "/clients")
        let clients = try await server.callTool("list_clients")
        #expect(!clients.isError)
        #expect(clients.text.contains("[redacted]"), "the name was shown with the secret hidden: \(clients.text.prefix(300))")
        // The client itself can send it: an unknown tool's name and a line that is not JSON are echoed in errors.
        _ = try await server.request("tools/call", ["name": .string(token), "arguments": [:]])
        server.write("{\"jsonrpc\":\"2.0\",\"id\":\(server.newID()),\"method\":\"\(Self.secret)\"}")
        server.write("not json \(token)")
        _ = try await server.request("ping")

        server.closeInput()
        #expect(await server.exitStatus() == 0)
        if logLevel == "debug" { #expect(server.stderrText.contains("[redacted]"), "debug logs show the echoes, hidden") }
        Self.leaks(in: server.stdoutLines.joined(separator: "\n"))
        Self.leaks(in: server.stderrText)
    }

    @Test func checkNeverShowsAnEchoedToken() async throws {
        let sandbox = try await makeSandbox()
        defer { sandbox.shutdown() }
        let token = sandbox.mintToken(user: Fixture.User.owner, secret: Self.secret)
        let environment = ["HOURSMITH_API_TOKEN": token, "HOURSMITH_API_URL": sandbox.baseURL]
        sandbox.inject(.rewriteBody { body in
            Array(String(decoding: body, as: UTF8.self)
                .replacingOccurrences(of: "\"name\":\"", with: "\"name\":\"\(Self.secret.lowercased()) ").utf8)
        }, times: 1, method: "GET", path: "/me")
        let ok = try MCPProcess(environment: environment, arguments: ["--check"])
        ok.closeInput()
        #expect(await ok.exitStatus() == 0)
        #expect(ok.stdoutLines.joined().contains("OK: the token works"))
        Self.leaks(in: ok.stdoutLines.joined(separator: "\n") + ok.stderrText)

        sandbox.inject(.answer(status: 403, headers: [("Content-Type", "application/json")], body: Self.hostileErrorBody(token)),
                       method: "GET", path: "/me")
        let refused = try MCPProcess(environment: environment, arguments: ["--check"])
        refused.closeInput()
        #expect(await refused.exitStatus() == 1)
        #expect(!refused.stderrText.isEmpty)
        Self.leaks(in: refused.stdoutLines.joined(separator: "\n") + refused.stderrText)
    }
}
