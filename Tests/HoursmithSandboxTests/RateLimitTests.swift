import Foundation
import HoursmithSandbox
import JSONCore
import Testing

@Suite("Sandbox rate limits")
struct RateLimitTests {
    @Test func theSixthRequestInAWindowOfFiveIs429UntilTheWindowEnds() throws {
        let sandbox = try Sandbox(SandboxConfiguration(requestsPerWindow: 5, windowSeconds: 3))
        let api = API(sandbox)
        let statuses = (0..<5).map { _ in api.get("/clients/999").status }
        #expect(statuses == [404, 404, 404, 404, 404], "every request counts, failed ones too")
        let limited = api.get("/me")
        #expect(limited.status == 429)
        #expect(limited.errorCode == "rate_limited")
        let retryAfter = try #require(limited.headers["retry-after"].flatMap { Int($0) })
        #expect((1...3).contains(retryAfter))
        #expect(sandbox.requests().last?.status == 429)
        // Another token has its own window.
        #expect(API(sandbox, token: Fixture.Token.admin).get("/me").status == 200)
        sandbox.advanceClock(seconds: retryAfter)
        #expect(api.get("/me").status == 200, "the window ended \(retryAfter) s later, as Retry-After said")
    }

    @Test func reportsCountInTheirOwnLongerWindowToo() throws {
        let sandbox = try Sandbox(SandboxConfiguration(requestsPerWindow: 100, windowSeconds: 15,
                                                       reportRequestsPerWindow: 2, reportWindowSeconds: 600))
        let api = API(sandbox)
        let report = "/reports/time?from=2026-01-01&to=2026-01-31"
        #expect(api.get(report).status == 200)
        #expect(api.get(report).status == 200)
        let limited = api.get(report)
        #expect(limited.status == 429)
        let retryAfter = try #require(limited.headers["retry-after"].flatMap { Int($0) })
        #expect(retryAfter > 15 && retryAfter <= 600)
        #expect(api.get("/me").status == 200, "other endpoints are not held back by the report window")
    }

    @Test func aNotProcessed429CreatesNothing() throws {
        let sandbox = try Sandbox(SandboxConfiguration(requestsPerWindow: 1, windowSeconds: 60))
        let api = API(sandbox)
        #expect(api.get("/me").status == 200)
        #expect(api.post("/clients", ["name": "Too Soon"]).status == 429)
        #expect(sandbox.snapshot().clients.count == 6)
    }
}
