import Foundation
import HoursmithSandbox
@testable import HoursmithServer
import JSONCore
import Testing

/// `hoursmith-mcp --demo`, end to end: the built server started with no sandbox beside it, no
/// network address and no usable token, serving the demo workspace from inside its own process.
/// What it answers is checked against a sandbox seeded here the same way (same day, same zone).
@Suite struct DemoTests {
    /// A real-looking token and an unreachable API URL in the environment: the demo must not use
    /// (or print) either.
    static let environment = [
        "HOURSMITH_API_TOKEN": SecretScan.canary, "HOURSMITH_API_URL": "https://127.0.0.1:9/api/v1",
        "TZ": "Europe/Paris", "HOURSMITH_LOG_LEVEL": "debug",
    ]

    @Test func anOwnersSessionOnTheDemoIsFullAndSaysItIsTheDemo() async throws {
        let server = try MCPProcess(environment: Self.environment, arguments: ["--demo"])
        try await server.waitForStderr("Demo workspace ready")
        #expect(server.stderrText.contains("HOURSMITH_API_TOKEN and HOURSMITH_API_URL are set but not used"))

        let initialize = try await server.initialize()
        #expect(initialize["result"]?["instructions"]?.stringValue?.hasPrefix("DEMO:") == true)
        #expect(try await server.toolNames(era: .legacy) == Catalog.tools.map(\.name), "every tool, as an owner")

        // Who: the demo, named as such, in this computer's time zone.
        let reference = try await seeded()
        let me = try await server.callTool("get_current_user", era: .legacy).content()
        #expect(me["demo"] == true && me["note"]?.stringValue?.contains("demo workspace") == true)
        #expect(me["user"]?["first_name"] == "Olivia" && me["user"]?["role"] == "owner")
        #expect(me["workspace"]?["name"] == "Northwind Studio" && me["workspace"]?["timezone"] == "Europe/Paris")
        #expect(me["today"]?.stringValue == reference.today)
        #expect(try await server.readJSON("hoursmith://me") == me, "the me resource says the same")

        // Lists, a created and deleted entry, a refused guarded delete, a report.
        let projects = try await server.callTool("list_projects", ["is_active": true], era: .legacy).content()
        #expect(projects["projects"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Acme Mobile App", "Acme Website", "Stark Dashboard"])
        let kept = try await server.callTool("create_time_entry", [
            "project": "Acme Website", "task": "Design", "hours": 1.5, "notes": .string("Kept until the server stops; pasted \(SecretScan.canary)"),
        ], era: .legacy).content()
        #expect(kept["time_entry"]?["notes"]?.stringValue?.contains("[redacted]") == true, "the environment's token stays hidden")
        let keptID = try #require(kept["time_entry"]?["id"]?.intValue)
        let created = try await server.callTool("create_time_entry", [
            "project": "Acme Website", "task": "Development", "hours": 0.75, "notes": "Demo entry", "spent_date": "yesterday",
        ], era: .legacy).content()
        let id = try #require(created["time_entry"]?["id"]?.intValue)
        #expect(id == keptID + 1 && created["time_entry"]?["hours"] == 0.75)
        #expect(try await server.callTool("delete_time_entry", ["time_entry_id": .int(id)], era: .legacy).content()["deleted"] == true)
        let gone = try await server.callTool("get_time_entry", ["time_entry_id": .int(id)], era: .legacy)
        #expect(gone.isError && gone.text.contains("\(id)"), "\(gone.text)")
        let guarded = try await server.callTool("delete_client", ["client": "Acme Corp"], era: .legacy)
        #expect(guarded.isError && guarded.text.contains("active projects"), "\(guarded.text)")

        let report = try await server.callTool("get_time_report", ["group_by": "project", "period": "last_month"], era: .legacy)
            .content()["report"]
        let expected = try reference.report(from: report?["from"]?.stringValue, to: report?["to"]?.stringValue)
        func hours(_ rows: [JSON]) -> [String: Double] {
            Dictionary(rows.compactMap { row in row["name"]?.stringValue.map { ($0, row["total_hours"]?.doubleValue ?? -1) } },
                       uniquingKeysWith: { first, _ in first })
        }
        let rows = report?["results"]?.arrayValue ?? []
        #expect(!rows.isEmpty && hours(rows) == hours(expected), "the demo's report is the API's")

        server.closeInput()
        #expect(await server.exitStatus() == 0)
        SecretScan.check(stdout: server.stdoutLines, stderr: server.stderrText)
        #expect(!server.stderrText.contains("127.0.0.1:9"), "the API URL is not used")

        // A second launch starts from the seed again: what the first one made is not there.
        let second = try MCPProcess(environment: Self.environment, arguments: ["--demo"])
        let again = try await second.callTool("get_time_entry", ["time_entry_id": .int(keptID)])
        #expect(again.isError, "\(again.text)")
        let seeded = try await second.callTool("get_time_entry", ["time_entry_id": .int(Fixture.TimeEntry.samYesterday)]).content()
        #expect(seeded["time_entry"]?["id"]?.intValue == Fixture.TimeEntry.samYesterday)
        second.closeInput()
        #expect(await second.exitStatus() == 0)
    }

    @Test func aMembersDemoListsAMembersToolsAndRefusesTheRest() async throws {
        let server = try MCPProcess(environment: ["HOURSMITH_DEMO": "1", "HOURSMITH_DEMO_ROLE": "member"])
        try await server.waitForStderr("Demo workspace ready")
        let memberTools = Catalog.tools.filter { $0.audience.includes(.member) }.map(\.name)
        #expect(try await server.toolNames() == memberTools)
        #expect(memberTools.count < Catalog.tools.count && memberTools.contains("create_time_entry"))

        let me = try await server.callTool("get_current_user").content()
        #expect(me["demo"] == true && me["user"]?["first_name"] == "Sam" && me["user"]?["role"] == "member")
        let timer = try await server.callTool("get_running_timer").content()
        #expect(timer["time_entry"]?["id"]?.intValue == Fixture.TimeEntry.samRunningTimer)
        let refused = try await server.callTool("list_clients")
        #expect(refused.isError && refused.text.contains("member"), "\(refused.text)")
        server.closeInput()
        #expect(await server.exitStatus() == 0)
    }

    @Test func checkSaysItIsTheDemoOrWhatTheBundleLacks() async throws {
        let process = try MCPProcess(environment: Self.environment, arguments: ["--demo-role", "manager", "--check"])
        process.closeInput()
        #expect(await process.exitStatus() == 0)
        let out = process.stdoutLines.joined(separator: "\n")
        #expect(out.contains("OK: the demo workspace answers") && out.contains("Maria Lopez") && out.contains("role manager (demo)"), "\(out)")
        #expect(out.contains("Northwind Studio (demo)") && out.contains("Europe/Paris"))
        SecretScan.check(stdout: process.stdoutLines, stderr: process.stderrText)

        let conflict = try MCPProcess(environment: [:], arguments: ["--demo", "--api-url", "https://hoursmith.app/api/v1"])
        conflict.closeInput()
        #expect(await conflict.exitStatus() == 2)
        #expect(conflict.stderrText.contains("--api-url and --demo do not go together"))

        // The bundle with neither a token nor the demo: the host passes the setting's placeholder.
        let bundle = try MCPProcess(environment: ["HOURSMITH_API_TOKEN": "${user_config.api_token}", "HOURSMITH_DEMO": "false"],
                                    arguments: ["--check"])
        bundle.closeInput()
        #expect(await bundle.exitStatus() == 1)
        #expect(bundle.stderrText.contains("No API token is set in this extension's settings")
                && bundle.stderrText.contains("Demo workspace (no account needed)"), "\(bundle.stderrText)")
    }

    // MARK: The reference

    /// A demo workspace seeded here as the server seeds its own.
    private func seeded() async throws -> Reference {
        let result: Result<InProcessSandbox, any Error> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Result { try InProcessSandbox(SandboxConfiguration(timezone: "Europe/Paris"), host: "reference") })
            }
        }
        return Reference(sandbox: try result.get())
    }

    private struct Reference {
        let sandbox: InProcessSandbox
        var today: String { sandbox.today }

        /// The API's own time report by project, asked directly.
        func report(from: String?, to: String?) throws -> [JSON] {
            let from = try #require(from), to = try #require(to)
            let answer = sandbox.respond(to: InProcessRequest(
                method: "GET", target: "/api/v1/reports/time?from=\(from)&to=\(to)&group_by=project",
                headers: ["Authorization": "Bearer \(Fixture.Token.owner)", "User-Agent": "tests/1"]))
            guard case .response(200, _, let body) = answer else { throw HarnessError("the reference report failed: \(answer)") }
            return try JSON.parse(body)["results"]?.arrayValue ?? []
        }
    }
}
