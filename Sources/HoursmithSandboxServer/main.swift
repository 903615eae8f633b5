// hoursmith-sandbox: the Hoursmith sandbox for people. Serves the seeded API on 127.0.0.1 and
// prints the base URL and a token per role and plan (to stdout: this is test tooling, not the
// MCP server), until SIGINT or SIGTERM.
import Dispatch
import Foundation
import HoursmithSandbox

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
    Usage: hoursmith-sandbox [--port N] [--timezone ZONE] [--relaxed]

    Serves the Hoursmith REST API sandbox (seeded, in memory) on 127.0.0.1 until Ctrl-C.

      --port N         port to listen on (default 8787; 0 picks a free one)
      --timezone ZONE  the main workspace's IANA time zone (default America/New_York)
      --relaxed        lift the rate limits (default: the contract's 100 per 15 s)
      --help           show this help
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("hoursmith-sandbox: \(message)\n\n\(usage)\n".utf8))
    exit(2)
}

var configuration = SandboxConfiguration(port: 8787)
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--help", "-h":
        say(usage)
        exit(0)
    case "--port":
        guard let value = arguments.popFirst(), let port = UInt16(value) else { fail("--port needs a number from 0 to 65535") }
        configuration.port = port
    case "--timezone":
        guard let zone = arguments.popFirst() else { fail("--timezone needs an IANA zone name") }
        configuration.timezone = zone
    case "--relaxed":
        let relaxed = SandboxConfiguration.relaxed
        configuration.requestsPerWindow = relaxed.requestsPerWindow
        configuration.reportRequestsPerWindow = relaxed.reportRequestsPerWindow
    default:
        fail("unknown argument \(argument)")
    }
}

let sandbox: Sandbox
do {
    sandbox = try Sandbox(configuration)
} catch {
    FileHandle.standardError.write(Data("hoursmith-sandbox: \(error)\n".utf8))
    exit(1)
}

let tokens: [(String, String)] = [
    ("owner (Olivia Hart)", Fixture.Token.owner),
    ("admin (Arjun Mehta)", Fixture.Token.admin),
    ("manager (Maria Lopez)", Fixture.Token.manager),
    ("member (Sam Carter)", Fixture.Token.member),
    ("member (Lena Novak)", Fixture.Token.member2),
    ("deactivated member, 401", Fixture.Token.inactiveMember),
    ("revoked, 401", Fixture.Token.revoked),
    ("agency plan owner", Fixture.Token.agencyOwner),
    ("solo plan, 402", Fixture.Token.soloPlan),
    ("free plan, 402", Fixture.Token.freePlan),
]
let width = tokens.map(\.0.count).max() ?? 0
say("Hoursmith sandbox serving \(sandbox.baseURL) (today is \(sandbox.today) in \(configuration.timezone))")
say("Rate limit: " + (configuration.requestsPerWindow >= 1_000_000 ? "relaxed" : "\(configuration.requestsPerWindow) requests per \(configuration.windowSeconds) s per token"))
say()
say("Tokens:")
for (label, token) in tokens {
    say("  \(label.padding(toLength: width, withPad: " ", startingAt: 0))  \(token)")
}
say()
say("Try it:")
say("  HOURSMITH_API_URL=\(sandbox.baseURL) HOURSMITH_API_TOKEN=\(Fixture.Token.owner)")
say("  curl -H 'User-Agent: curl' -H 'Authorization: Bearer \(Fixture.Token.owner)' \(sandbox.baseURL)/me")
say()
say("Ctrl-C stops it.")
fflush(nil)  // every stream: stdout may be a pipe

var sources: [any DispatchSourceSignal] = []
for signalNumber in [SIGINT, SIGTERM] {
    signal(signalNumber, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
    source.setEventHandler {
        sandbox.shutdown()
        exit(0)
    }
    source.resume()
    sources.append(source)
}
dispatchMain()

/// What hoursmith-sandbox tells the person who started it, on its stdout (it is no MCP server:
/// its stdout carries no JSON-RPC).
func say(_ text: String = "") {
    print(text) // allow-stdout: the sandbox's own output, for a person
}
