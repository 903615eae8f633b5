import Foundation
import HoursmithSandbox
import JSONCore
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs `body` with a ``Harness`` — a fresh sandbox and the built server pointed at it — and
/// always finishes it, whether `body` returns or throws: stdin closed, exit status 0 expected,
/// everything the process wrote scanned for token secrets, the sandbox stopped.
func withHarness(
    token: String?, sandbox configuration: SandboxConfiguration = .relaxed, arguments: [String] = [],
    environment: [String: String] = [:], waitForRole: Bool = true, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (Harness) async throws -> Void
) async throws {
    let harness = try await Harness.start(token: token, sandbox: configuration, arguments: arguments, environment: environment,
                                          waitForRole: waitForRole)
    do {
        try await body(harness)
    } catch {
        await harness.finish(sourceLocation: sourceLocation)
        throw error
    }
    await harness.finish(sourceLocation: sourceLocation)
}

/// One end-to-end setting: a fresh sandbox (the contract over real HTTP on loopback) and the
/// built `hoursmith-mcp` pointed at it with a token, driven over stdio. Made and finished by
/// ``withHarness(token:sandbox:arguments:environment:waitForRole:sourceLocation:_:)``.
struct Harness {
    let sandbox: Sandbox
    let server: MCPProcess
    let token: String?

    /// Starts both. With `waitForRole`, returns once the server has learnt the token's role
    /// (its start-up `GET /me`), so the tool list is already narrowed. What it started is
    /// stopped again when it fails.
    fileprivate static func start(
        token: String?, sandbox configuration: SandboxConfiguration = .relaxed, arguments: [String] = [],
        environment: [String: String] = [:], waitForRole: Bool = true
    ) async throws -> Harness {
        let sandbox = try await makeSandbox(configuration)
        var environment = environment
        if environment["HOURSMITH_LOG_LEVEL"] == nil { environment["HOURSMITH_LOG_LEVEL"] = "debug" }
        let server: MCPProcess
        do {
            server = try MCPProcess(sandboxURL: sandbox.baseURL, token: token, arguments: arguments, extra: environment)
        } catch {
            sandbox.shutdown()
            throw error
        }
        let harness = Harness(sandbox: sandbox, server: server, token: token)
        do {
            if waitForRole { try await harness.waitForStderr("Connected to Hoursmith as") }
        } catch {
            await harness.finish()
            throw error
        }
        return harness
    }

    /// The largest result budget, for tests that read long lists whole.
    static let roomy = ["HOURSMITH_MAX_RESULT_TOKENS": "330000"]

    func call(_ tool: String, _ arguments: JSONObject = [:], era: Era = .modern, meta: JSONObject = [:]) async throws -> ToolOutcome {
        try await server.callTool(tool, arguments, era: era, meta: meta)
    }

    /// The requests that reached the sandbox since the last `clearRequests()`, as `METHOD /path`.
    var requestLines: [String] {
        sandbox.requests().map { "\($0.method) \($0.path)" }
    }

    func waitForStderr(_ text: String, seconds: Int = 15) async throws {
        try await server.waitForStderr(text, seconds: seconds)
    }

    /// Ends the server (stdin closed → exit 0; a server a test already stopped is only waited
    /// for), checks what it wrote, and stops the sandbox.
    fileprivate func finish(sourceLocation: SourceLocation = #_sourceLocation) async {
        server.closeInput()
        let status = await server.exitStatus()
        #expect(status == 0, "hoursmith-mcp exited with \(String(describing: status))", sourceLocation: sourceLocation)
        SecretScan.check(stdout: server.stdoutLines, stderr: server.stderrText, sourceLocation: sourceLocation)
        for line in server.stdoutLines where (try? JSON.parse(line)) == nil {
            Issue.record("stdout carried a line that is not JSON: \(line.prefix(200))", sourceLocation: sourceLocation)
        }
        sandbox.shutdown()
    }
}

/// A fresh sandbox of `configuration`, seeded off the concurrency pool.
func makeSandbox(_ configuration: SandboxConfiguration = .relaxed) async throws -> Sandbox {
    try await Sandbox.start(configuration)
}

/// The secrets of every token the tests use; none may ever appear in what the server writes.
enum SecretScan {
    static let knownTokens = [
        Fixture.Token.owner, Fixture.Token.admin, Fixture.Token.manager, Fixture.Token.member, Fixture.Token.member2,
        Fixture.Token.inactiveMember, Fixture.Token.agencyOwner, Fixture.Token.soloPlan, Fixture.Token.freePlan,
        Fixture.Token.revoked, canary,
    ]

    /// A token minted in tests with a secret no output could contain by chance.
    static let canarySecret = "CANARYzzQ7secretNEVERprintMEx9Kq"
    static let canary = "hsk_live_0000deadbeef_\(canarySecret)"

    static func secret(of token: String) -> String {
        String(token.split(separator: "_").last ?? "")
    }

    static func check(stdout: [String], stderr: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let everything = stdout.joined(separator: "\n") + "\n" + stderr
        for token in knownTokens {
            let secret = secret(of: token)
            #expect(!everything.contains(secret), "a token secret (\(secret.prefix(8))…) appeared in the output",
                    sourceLocation: sourceLocation)
        }
        // No complete token shape of any kind, either.
        #expect(everything.firstRange(of: #/hsk_live_[0-9a-f]{12}_[A-Za-z0-9]{32}/#) == nil,
                "a whole token appeared in the output", sourceLocation: sourceLocation)
    }
}

/// Direct calls to the sandbox's API, for setting the scene behind the server's back.
struct SandboxAPI {
    let baseURL: String
    let token: String

    @discardableResult
    func send(_ method: String, _ path: String, _ body: JSON? = nil) async throws -> (status: Int, json: JSON?) {
        guard let url = URL(string: baseURL + path) else { throw HarnessError("bad path \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("hoursmith-mcp-tests/1", forHTTPHeaderField: "User-Agent")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.serialized())
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, try? JSON.parse(Array(data)))
    }
}
