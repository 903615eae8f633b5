import Foundation
import HoursmithSandbox
import JSONCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Start-up, options and lifecycle of the built executable.
@Suite struct StartupTests {
    /// Runs the binary to completion (no stdin) and returns status, stdout, stderr.
    func runToEnd(_ arguments: [String], environment: [String: String] = [:]) async throws -> (Int32, String, String) {
        let process = try MCPProcess(environment: environment, arguments: arguments)
        process.closeInput()
        let status = try #require(await process.exitStatus())
        return (status, process.stdoutLines.joined(separator: "\n"), process.stderrText)
    }

    @Test func withoutATokenItStillAnswersAndEveryToolCallSaysWhy() async throws {
        let server = try MCPProcess(environment: ["HOURSMITH_API_URL": "http://127.0.0.1:9/api/v1"])
        let discover = try await server.request("server/discover")
        #expect(discover["result"]?["supportedVersions"]?.arrayValue?.contains("2026-07-28") == true)
        let initialize = try await server.initialize(version: "2025-06-18")
        #expect(initialize["result"]?["serverInfo"]?["name"] == "hoursmith-mcp")
        #expect(try await server.toolNames(era: .legacy).count == 36)
        for tool in ["get_current_user", "list_time_entries"] {
            let outcome = try await server.callTool(tool, [:], era: .legacy)
            #expect(outcome.isError)
            #expect(outcome.text.contains("HOURSMITH_API_TOKEN is not set"), "\(outcome.text)")
        }
        server.closeInput()
        #expect(await server.exitStatus() == 0)
        let problemLines = server.stderrText.split(separator: "\n").filter { $0.contains("HOURSMITH_API_TOKEN is not set") }
        #expect(problemLines.count == 1, "one clear line on stderr: \(server.stderrText)")
    }

    @Test(arguments: [
        ("Bearer \(Fixture.Token.owner)", "starts with \"Bearer\""),
        ("\"\(Fixture.Token.owner)\"", "quote marks"),
        ("${HOURSMITH_API_TOKEN}", "variable reference"),
        ("hsk_live_28f219e9cb0e SBXMemberwkNhFdnXsiVpzz63FfkCzJr", "spaces or line breaks"),
    ])
    func aMalformedTokenIsExplainedWithoutEverShowingIt(token: String, words: String) async throws {
        let server = try MCPProcess(environment: ["HOURSMITH_API_TOKEN": token, "HOURSMITH_API_URL": "http://127.0.0.1:9/api/v1"])
        let outcome = try await server.callTool("list_projects")
        #expect(outcome.isError)
        #expect(outcome.text.contains(words), "\(outcome.text)")
        server.closeInput()
        #expect(await server.exitStatus() == 0)
        SecretScan.check(stdout: server.stdoutLines, stderr: server.stderrText)
    }

    @Test func anAPIURLThatIsNotHTTPSIsATooLErrorNotACrash() async throws {
        let server = try MCPProcess(environment: ["HOURSMITH_API_TOKEN": Fixture.Token.owner,
                                                  "HOURSMITH_API_URL": "http://hoursmith.example.com/api/v1"])
        let outcome = try await server.callTool("get_current_user")
        #expect(outcome.isError)
        #expect(outcome.text.contains("http://hoursmith.example.com/api/v1 cannot be used"), "\(outcome.text)")
        #expect(outcome.text.contains("loopback"))
        server.closeInput()
        #expect(await server.exitStatus() == 0)
        SecretScan.check(stdout: server.stdoutLines, stderr: server.stderrText)
    }

    /// A URL's password, query and fragment never show: not in the start-up line, not in a tool
    /// error, not in --check — whether the URL parses or not, from the environment or the flag.
    @Test(arguments: [
        "https://me:hunter2@hoursmith.app/api/v1?key=s3cret#frag-s3cret",
        "https://me:hunter2@hoursmith.app:notaport/api v1?key=s3cret#frag-s3cret",
        "http://me:hunter2@10.0.0.5/api/v1?key=s3cret",
    ])
    func anAPIURLIsNeverEchoedWithItsPasswordQueryOrFragment(url: String) async throws {
        var everything = ""
        for (arguments, environment) in [([String](), ["HOURSMITH_API_URL": url]), (["--api-url", url], [:])] {
            var environment = environment
            environment["HOURSMITH_API_TOKEN"] = Fixture.Token.owner
            let server = try MCPProcess(environment: environment, arguments: arguments)
            let outcome = try await server.callTool("get_current_user")
            #expect(outcome.isError)
            #expect(outcome.text.contains("cannot be used"), "\(outcome.text)")
            server.closeInput()
            #expect(await server.exitStatus() == 0)
            let (status, stdout, stderr) = try await runToEnd(arguments + ["--check"], environment: environment)
            #expect(status == 1)
            everything += server.stdoutLines.joined(separator: "\n") + server.stderrText + stdout + stderr
        }
        #expect(everything.contains("hoursmith.app") || everything.contains("10.0.0.5"), "the host is still named")
        for secret in ["hunter2", "s3cret"] {
            #expect(!everything.contains(secret), "\(secret) appeared: \(everything.suffix(1500))")
        }
    }

    @Test(arguments: [
        (["--bogus"], [String: String](), "Unknown option --bogus"),
        (["--toolsets", "time,billing"], [:], "Unknown toolset \"billing\""),
        (["--exclude-tools", "delete_everything"], [:], "Unknown tool \"delete_everything\""),
        (["--log-level", "loud"], [:], "--log-level must be one of"),
        (["--api-url"], [:], "--api-url needs a value"),
        ([], ["HOURSMITH_READ_ONLY": "maybe"], "HOURSMITH_READ_ONLY must be 1 or 0"),
        ([], ["HOURSMITH_TOOLS": "list_time_entries,nope"], "Unknown tool \"nope\""),
        (["--call-timeout", "0"], [:], "--call-timeout must be a whole number of seconds from 1 to 600"),
        ([], ["HOURSMITH_CALL_TIMEOUT": "40s"], "HOURSMITH_CALL_TIMEOUT must be a whole number of seconds"),
    ])
    func mistakesInOptionsExitTwoWithAMessage(arguments: [String], environment: [String: String], message: String) async throws {
        let (status, stdout, stderr) = try await runToEnd(arguments, environment: environment)
        #expect(status == 2)
        #expect(stdout.isEmpty)
        #expect(stderr.contains(message), "\(stderr)")
    }

    @Test func helpAndVersionPrintAndExitZero() async throws {
        let (helpStatus, help, _) = try await runToEnd(["--help"])
        #expect(helpStatus == 0)
        for word in ["--read-only", "--toolsets", "--exclude-tools", "HOURSMITH_API_TOKEN", "--check", "--call-timeout",
                     "delete_client", "get_time_report", "start_timer", "weekly_review", "hoursmith://projects/{project_id}"] {
            #expect(help.contains(word), "help mentions \(word)")
        }
        let (versionStatus, version, _) = try await runToEnd(["--version"])
        #expect(versionStatus == 0)
        #expect(version.hasPrefix("hoursmith-mcp "))
    }

    @Test func checkSaysWhoTheTokenIsOrWhatIsWrong() async throws {
        let sandbox = try await makeSandbox()
        defer { sandbox.shutdown() }
        let (okStatus, ok, _) = try await runToEnd(["--check"], environment: [
            "HOURSMITH_API_TOKEN": Fixture.Token.manager, "HOURSMITH_API_URL": sandbox.baseURL])
        #expect(okStatus == 0)
        #expect(ok.contains("Maria Lopez"))
        #expect(ok.contains("role manager"))
        #expect(ok.contains("Northwind Studio"))
        #expect(ok.contains("plan Studio"))
        #expect(ok.contains(sandbox.baseURL))

        let (soloStatus, soloOut, solo) = try await runToEnd(["--check"], environment: [
            "HOURSMITH_API_TOKEN": Fixture.Token.soloPlan, "HOURSMITH_API_URL": sandbox.baseURL])
        #expect(soloStatus == 1)
        #expect(soloOut.isEmpty)
        #expect(solo.contains("Studio or Agency"))
        #expect(solo.contains("Solo"))

        let (revokedStatus, _, revoked) = try await runToEnd(["--check"], environment: [
            "HOURSMITH_API_TOKEN": Fixture.Token.revoked, "HOURSMITH_API_URL": sandbox.baseURL])
        #expect(revokedStatus == 1)
        #expect(revoked.contains("rejected the API token"))
        for text in [ok, solo, revoked] { SecretScan.check(stdout: [text], stderr: "") }
    }

    /// stdin closing right after the first reply, while the start-up `GET /me` is still setting up
    /// libcurl on another thread: `exit` ran the C libraries' destructors under that thread, and the
    /// server died of signal 11 in 8 of 60 runs like these. One at a time: with several at once the
    /// race is rarely lost.
    @Test func stdinClosingWhileStartUpIsStillConnectingEndsWithStatusZero() async throws {
        let sandbox = try await makeSandbox()
        defer { sandbox.shutdown() }
        var statuses: [Int32?] = []
        for _ in 0..<40 {
            let server = try MCPProcess(sandboxURL: sandbox.baseURL, token: Fixture.Token.owner)
            server.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [
                "protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "tests", "version": "1"],
            ]])
            server.closeInput()
            statuses.append(await server.exitStatus())
        }
        #expect(statuses.allSatisfy { $0 == 0 }, "exit statuses: \(statuses.map { $0.map(String.init) ?? "none" })")
    }

    @Test func sigtermLetsTheCallInFlightFinishThenExitsZero() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let gate = SandboxGate()
            harness.sandbox.inject(.hold(gate), method: "GET", path: "/projects")
            let id = harness.server.newID()
            harness.server.send(["jsonrpc": "2.0", "id": .int(id), "method": "tools/call", "params": [
                "name": "list_projects", "arguments": [:], "_meta": .object(Era.modernMeta)]])
            try await harness.waitForRequest { $0.hasPrefix("GET /projects") }
            harness.server.signal(SIGTERM)
            try await harness.waitForStderr("Stopping (SIGTERM); letting 1 request(s) finish")
            #expect(harness.server.isRunning, "it waits for the call in flight")
            gate.open()
            #expect(await harness.server.exitStatus() == 0)
            let reply = try await harness.server.response(id: .int(id), seconds: 1)
            #expect(reply["result"]?["isError"] == nil)
            #expect(reply["result"]?["structuredContent"]?["projects"]?.arrayValue?.isEmpty == false)
        }
    }

    @Test func aCancelledCallGetsNoReplyAndTheServerGoesOn() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let gate = SandboxGate()
            harness.sandbox.inject(.hold(gate), method: "GET", path: "/clients")
            let id = harness.server.newID()
            harness.server.send(["jsonrpc": "2.0", "id": .int(id), "method": "tools/call", "params": [
                "name": "list_clients", "arguments": [:], "_meta": .object(Era.modernMeta)]])
            try await harness.waitForRequest { $0.hasPrefix("GET /clients") }
            harness.server.send(["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": .int(id), "reason": "test"]])
            // Input is read in order: once this ping is answered, the cancellation has been applied.
            _ = try await harness.server.request("ping")
            gate.open()
            let after = try await harness.call("get_client", ["client_id": .int(Fixture.Client.stark)]).content()
            #expect(after["client"]?["name"] == "Stark Industries")
            // The server says when it drops the reply of a cancelled request; only then is its absence proof.
            try await harness.waitForStderr("Request \(id) (list_clients) was cancelled; no reply.")
            #expect(!harness.server.messages.contains { $0["id"] == .int(id) }, "no reply for a cancelled request")
        }
    }
}
