import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// Proxies named in the environment: plain http (the loopback sandbox) never goes through one,
/// whichever variable names it; https goes through one in a CONNECT tunnel, so the proxy sees the
/// host name and never the request. End to end, with a recording proxy on loopback.
@Suite struct ProxyTests {
    /// Every variable libcurl reads a proxy from, pointing at `proxy`.
    static func proxyEnvironment(_ proxy: RecordingProxy) -> [String: String] {
        var environment: [String: String] = [:]
        for name in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
            environment[name] = proxy.url
        }
        return environment
    }

    @Test func plainHTTPGoesStraightToTheLoopbackAPINeverThroughAProxy() async throws {
        let proxy = try RecordingProxy()
        defer { proxy.stop() }
        // Start-up's GET /me succeeding is the first proof: a proxy would have refused it.
        try await withHarness(token: Fixture.Token.member, environment: Self.proxyEnvironment(proxy)) { harness in
            let projects = try await harness.call("list_projects").content()
            #expect(projects["projects"]?.arrayValue?.isEmpty == false)
            _ = try await harness.call("stop_timer", ["time_entry_id": .int(Fixture.TimeEntry.samRunningTimer)])
            #expect(proxy.received.isEmpty, "the proxy heard: \(proxy.received)")
            #expect(harness.server.stderrText.contains("it is reached directly, never through the proxy"))
            #expect(!harness.server.stderrText.contains(proxy.url), "a proxy URL (it may hold a password) is never shown")
        }
    }

    @Test func httpsGoesThroughTheProxyInATunnelThatHidesTheToken() async throws {
        let proxy = try RecordingProxy()
        defer { proxy.stop() }
        var environment = Self.proxyEnvironment(proxy)
        environment["HOURSMITH_API_TOKEN"] = SecretScan.canary
        environment["HOURSMITH_API_URL"] = "https://hoursmith.invalid/api/v1"
        let server = try MCPProcess(environment: environment, arguments: ["--check"])
        let heard = try await proxy.waitForConnections(1)
        #expect(await server.exitStatus() == 1, "the proxy refused the tunnel")
        let first = try #require(heard.first)
        #expect(first.hasPrefix("CONNECT hoursmith.invalid:443 HTTP/1.1"), "\(first)")
        for text in proxy.received {
            #expect(!text.lowercased().contains("authorization"), "\(text)")
            #expect(!text.contains(SecretScan.canarySecret))
            #expect(!text.contains("/api/v1"), "only the host, never the request: \(text)")
        }
        SecretScan.check(stdout: server.stdoutLines, stderr: server.stderrText)
    }
}
