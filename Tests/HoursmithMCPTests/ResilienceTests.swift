import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// Plans, tokens, retries and the token's secrecy, end to end.
@Suite struct ResilienceTests {
    /// Valid arguments for any tool, made from its input schema: a value for each required
    /// property (ids 1, dates "today", the first enum value, …).
    static func minimalArguments(_ tool: JSON) -> JSONObject {
        var arguments = JSONObject()
        let properties = tool["inputSchema"]?["properties"]?.objectValue ?? [:]
        for name in tool["inputSchema"]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            let schema = properties[name] ?? [:]
            let type = schema["type"]?.stringValue ?? schema["type"]?.arrayValue?.first?.stringValue
            switch type {
            case "integer", "number": arguments[name] = 1
            case "boolean": arguments[name] = false
            case "array": arguments[name] = [1]
            default:
                if let first = schema["enum"]?.arrayValue?.first { arguments[name] = first }
                else if schema["pattern"] != nil { arguments[name] = "today" }
                else { arguments[name] = "x" }
            }
        }
        return arguments
    }

    @Test(arguments: [(Fixture.Token.soloPlan, "Solo"), (Fixture.Token.freePlan, "Free")])
    func onFreeAndSoloPlansEveryCallSaysWhichPlanAndWhatIsNeeded(token: String, plan: String) async throws {
        try await withHarness(token: token, waitForRole: false) { harness in
            let result = try #require(try await harness.server.request("tools/list")["result"])
            let tools = try #require(result["tools"]?.arrayValue)
            #expect(tools.count == 36, "the role is unknown: everything is listed")
            for tool in tools {
                let name = try #require(tool["name"]?.stringValue)
                let outcome = try await harness.call(name, Self.minimalArguments(tool))
                #expect(outcome.isError, "\(name)")
                #expect(outcome.text.contains("Studio or Agency") && outcome.text.contains("on \(plan)"), "\(name): \(outcome.text)")
            }
            #expect(!harness.requestLines.contains { !$0.hasPrefix("GET /me") }, "nothing but /me was asked")
        }
    }

    @Test(arguments: [Fixture.Token.revoked, Fixture.Token.inactiveMember])
    func aRevokedTokenIsExplainedOnEveryCall(token: String) async throws {
        try await withHarness(token: token, waitForRole: false) { harness in
            for tool in ["get_current_user", "list_time_entries", "delete_client"] {
                let outcome = try await harness.call(tool, tool == "delete_client" ? ["client_id": 4] : [:])
                #expect(outcome.isError)
                #expect(outcome.text.contains("rejected the API token") && outcome.text.contains("Settings → API"), "\(outcome.text)")
            }
            #expect(harness.sandbox.snapshot().clients[Fixture.Client.umbrella] != nil)
        }
    }

    @Test(arguments: [SandboxFault.failAfterProcessing(500), .dropConnection(afterProcessing: true)])
    func aCreateRetriedAfterAFailureMakesExactlyOneObject(fault: SandboxFault) async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let before = harness.sandbox.snapshot().timeEntries.count
            harness.sandbox.clearRequests()
            harness.sandbox.inject(fault, method: "POST", path: "/time_entries")
            let created = try await harness.call("create_time_entry", [
                "project_id": .int(Fixture.Project.acmeWebsite), "task_id": .int(Fixture.Task.acmeDesign),
                "hours": 1.5, "notes": "retried once"]).content()
            #expect(created["time_entry"]?["notes"] == "retried once")
            let after = harness.sandbox.snapshot()
            #expect(after.timeEntries.count == before + 1)
            #expect(after.timeEntries.rows.filter { $0.notes == "retried once" }.count == 1)
            let posts = harness.sandbox.requests().filter { $0.method == "POST" }
            #expect(posts.count == 2)
            let keys = Set(posts.compactMap { $0.headers["idempotency-key"] })
            #expect(keys.count == 1, "both tries carry the same Idempotency-Key")
        }
    }

    @Test func aRateLimitIsWaitedOutAndTheReadRetried() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            harness.sandbox.clearRequests()
            harness.sandbox.inject(.rateLimited(retryAfter: 1), method: "GET", path: "/clients")
            let clients = try await harness.call("list_clients").content()
            #expect(clients["total_entries"] == 5)
            #expect(harness.requestLines == ["GET /clients", "GET /clients"])
            #expect(harness.server.stderrText.contains("rate limited"))
        }
    }

    @Test func aFailedStopIsReportedNotRepeated() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            harness.sandbox.clearRequests()
            harness.sandbox.inject(.status(500), times: 5, method: "POST", path: "/time_entries/\(Fixture.TimeEntry.samRunningTimer)/stop")
            let outcome = try await harness.call("stop_timer", ["time_entry_id": .int(Fixture.TimeEntry.samRunningTimer)])
            #expect(outcome.isError)
            #expect(outcome.text.contains("server error"))
            #expect(harness.requestLines.filter { $0.hasPrefix("POST") }.count == 1, "a stop is not repeated after a 5xx")
        }
    }

    @Test func theSecretNeverLeavesTheProcessEvenWithDebugLogsAndErrors() async throws {
        let sandbox = try await makeSandbox()
        let token = sandbox.mintToken(user: Fixture.User.member, secret: SecretScan.canarySecret)
        #expect(token == SecretScan.canary || token.hasSuffix(SecretScan.canarySecret))
        let server = try MCPProcess(sandboxURL: sandbox.baseURL, token: token, extra: ["HOURSMITH_LOG_LEVEL": "debug"])
        _ = try await server.callTool("get_current_user")
        _ = try await server.callTool("list_time_entries", ["all": true, "limit": 300])
        _ = try await server.callTool("get_time_entry", ["time_entry_id": .int(Fixture.TimeEntry.lenaMobile)]) // 404
        _ = try await server.callTool("list_time_entries", ["user_id": .int(Fixture.User.owner)])               // 403
        _ = try await server.callTool("list_clients")                                                            // role
        sandbox.revoke(token: token)
        _ = try await server.callTool("list_projects")                                                           // 401
        sandbox.inject(.redirect(location: "http://127.0.0.1:9/elsewhere"), method: "GET", path: "/projects")
        _ = try await server.callTool("list_projects")                                                           // redirect
        server.closeInput()
        #expect(await server.exitStatus() == 0)
        #expect(!server.stderrText.isEmpty, "debug logging wrote something to scan")
        SecretScan.check(stdout: server.stdoutLines, stderr: server.stderrText)
        #expect(!server.stderrText.contains(SecretScan.canarySecret))
        #expect(!server.stdoutLines.joined().contains(SecretScan.canarySecret))
        sandbox.shutdown()
    }
}
