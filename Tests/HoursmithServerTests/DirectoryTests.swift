import Foundation
import HoursmithClient
import HoursmithSandbox
import Testing
@testable import HoursmithServer

/// The directory reads each kind once, shared by every lookup meanwhile; a lookup waits for that
/// read until its own call's deadline only, and the read goes on for the next lookup.
@Suite struct DirectoryTests {
    @Test func aLookupWaitsForTheSharedReadUntilItsOwnDeadlineOnly() async throws {
        let sandbox = try await Sandbox.start(.relaxed)
        defer { sandbox.shutdown() }
        let client = try HoursmithClient(configuration: HoursmithConfiguration(
            token: try APIToken.parse(Fixture.Token.owner).token, version: "test", baseURL: sandbox.baseURL))
        let reader = Directory.Reader(client: client, me: try await client.me())
        let directory = Directory()
        let gate = SandboxGate()
        defer { gate.open() }
        sandbox.inject(.hold(gate), method: "GET", path: "/projects")

        let started = ContinuousClock.now
        await #expect(throws: HoursmithError.self) {
            try await client.withDeadline(in: .milliseconds(300), limit: .seconds(1)) {
                _ = try await directory.entries(.project, using: reader)
            }
        }
        #expect(ContinuousClock.now - started < .seconds(10), "the lookup gave up at its deadline, not with the read")
        #expect(sandbox.requests().filter { $0.method == "GET" && $0.path == "/projects" }.count == 1)

        gate.open()
        let projects = try await directory.entries(.project, using: reader)
        #expect(projects.contains { $0.id == Fixture.Project.acmeWebsite })
        #expect(sandbox.requests().filter { $0.method == "GET" && $0.path == "/projects" }.count == 1,
                "the next lookup took what the held read brought: no second read")
    }
}
