import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// Which tools a client sees: by the token's role (the contract's role rules), and by options.
@Suite struct SurfaceTests {
    /// Every tool of the catalog (/work/shared/tools.md, and issue 18's two), by toolset.
    static let everyTool = [
        "get_current_user", "list_users",
        "list_clients", "get_client", "create_client", "update_client", "delete_client",
        "list_projects", "get_project", "create_project", "update_project", "archive_project",
        "list_tasks", "get_task", "create_task", "update_task", "archive_task",
        "list_time_entries", "get_time_entry", "create_time_entry", "update_time_entry", "delete_time_entry",
        "start_timer", "stop_timer", "get_running_timer", "find_missing_time", "create_time_entries",
        "list_expenses", "get_expense", "create_expense", "update_expense", "delete_expense",
        "list_invoices", "get_invoice", "create_invoice",
        "get_time_report",
    ]
    /// Managers may not delete clients, write expenses or create invoices.
    static let managerCannot: Set = ["delete_client", "create_expense", "update_expense", "delete_expense", "create_invoice"]
    /// Members: their own time, their projects and tasks read-only, reports of their time, themselves.
    static let memberCan: Set = [
        "get_current_user", "list_projects", "get_project", "list_tasks", "get_task", "list_time_entries",
        "get_time_entry", "create_time_entry", "update_time_entry", "delete_time_entry", "start_timer", "stop_timer",
        "get_running_timer", "find_missing_time", "create_time_entries", "get_time_report",
    ]
    static let readOnlyTools: Set = [
        "get_current_user", "list_users", "list_clients", "get_client", "list_projects", "get_project", "list_tasks",
        "get_task", "list_time_entries", "get_time_entry", "get_running_timer", "find_missing_time", "list_expenses", "get_expense",
        "list_invoices", "get_invoice", "get_time_report",
    ]

    @Test(arguments: [
        (Fixture.Token.owner, Set(everyTool)),
        (Fixture.Token.admin, Set(everyTool)),
        (Fixture.Token.agencyOwner, Set(everyTool)),
        (Fixture.Token.manager, Set(everyTool).subtracting(managerCannot)),
        (Fixture.Token.member, memberCan),
        (Fixture.Token.member2, memberCan),
    ])
    func eachRoleSeesWhatItMayUse(token: String, expected: Set<String>) async throws {
        try await withHarness(token: token) { harness in
            let names = try await harness.server.toolNames()
            #expect(Set(names) == expected)
            #expect(names == Self.everyTool.filter(expected.contains), "listed in catalog order")
        }
    }

    @Test func theFullListIsInCatalogOrderAndEveryToolIsWellFormed() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let result = try #require(try await harness.server.request("tools/list")["result"])
            let tools = try #require(result["tools"]?.arrayValue)
            #expect(tools.compactMap { $0["name"]?.stringValue } == Self.everyTool)
            for tool in tools {
                let name = tool["name"]?.stringValue ?? "?"
                #expect(tool["title"]?.stringValue?.isEmpty == false, "\(name) has a title")
                #expect((tool["description"]?.stringValue?.count ?? 0) >= 9, "\(name) has a description for a model")
                #expect(tool["inputSchema"]?["additionalProperties"] == false, "\(name) refuses unknown arguments")
                for (property, schema) in tool["inputSchema"]?["properties"]?.objectValue ?? [:] where property.hasSuffix("_id") {
                    #expect(schema["description"]?.stringValue?.isEmpty == false, "\(name).\(property) has a description")
                }
                #expect(tool["outputSchema"]?["type"] == "object", "\(name) has an output schema")
                let hints = try #require(tool["annotations"]?.objectValue)
                #expect(hints.keys.sorted() == ["destructiveHint", "idempotentHint", "openWorldHint", "readOnlyHint"])
                #expect(hints["readOnlyHint"] == .bool(Self.readOnlyTools.contains(name)), "\(name) readOnlyHint")
                let destructive = ["delete_client", "archive_project", "archive_task", "delete_time_entry", "delete_expense",
                                   "create_invoice"].contains(name)
                #expect(hints["destructiveHint"] == .bool(destructive), "\(name) destructiveHint")
                #expect(hints["openWorldHint"] == true)
                if Self.readOnlyTools.contains(name) { #expect(hints["idempotentHint"] == true) }
                if name.hasPrefix("create_") || name == "start_timer" { #expect(hints["idempotentHint"] == false, "\(name)") }
                if name.hasPrefix("update_") || (destructive && name != "create_invoice") || name == "stop_timer" { #expect(hints["idempotentHint"] == true, "\(name)") }
            }
        }
    }

    @Test(arguments: [
        (["--read-only"], [String: String](), readOnlyTools),
        ([], ["HOURSMITH_READ_ONLY": "1"], readOnlyTools),
        (["--read-only", "--tools", "create_client,list_clients"], [:], Set(["list_clients"])),
        (["--toolsets", "time,reports"], [:], Set(everyTool.filter { $0.contains("time") || $0.contains("timer") })),
        (["--toolsets", "reports", "--tools", "get_current_user"], [:], Set(["get_time_report", "get_current_user"])),
        ([], ["HOURSMITH_TOOLSETS": "invoices", "HOURSMITH_EXCLUDE_TOOLS": "create_invoice"], Set(["list_invoices", "get_invoice"])),
        (["--tools", "list_clients,delete_client", "--exclude-tools", "delete_client"], [:], Set(["list_clients"])),
        (["--exclude-tools", "delete_client,delete_expense"], [:], Set(everyTool).subtracting(["delete_client", "delete_expense"])),
    ])
    func optionsNarrowTheListAndReadOnlyAndExclusionsWin(arguments: [String], environment: [String: String], expected: Set<String>) async throws {
        try await withHarness(token: Fixture.Token.owner, arguments: arguments, environment: environment) { harness in
            let names = try await harness.server.toolNames()
            #expect(Set(names) == expected)
        }
    }

    @Test func aToolLeftOutByOptionsDoesNotExist() async throws {
        try await withHarness(token: Fixture.Token.owner, arguments: ["--read-only"]) { harness in
            let reply = try await harness.server.request("tools/call", ["name": "delete_client", "arguments": ["client_id": 4]])
            #expect(reply["error"]?["code"] == -32602)
            #expect(harness.sandbox.snapshot().clients[Fixture.Client.umbrella] != nil)
        }
    }

    @Test func aLegacyClientHearsThatTheListNarrowedOnceTheRoleIsKnown() async throws {
        let sandbox = try await makeSandbox()
        // Hold /me so that the handshake happens before the role is known.
        let gate = SandboxGate()
        sandbox.inject(.hold(gate), method: "GET", path: "/me")
        let server = try MCPProcess(sandboxURL: sandbox.baseURL, token: Fixture.Token.member)
        try await server.initialize(version: "2025-06-18")
        #expect(try await server.toolNames(era: .legacy).count == 36, "before the role is known, every tool is listed")
        gate.open()
        try await server.waitForMessage("notifications/tools/list_changed") { $0["method"] == "notifications/tools/list_changed" }
        #expect(Set(try await server.toolNames(era: .legacy)) == Self.memberCan)
        server.closeInput()
        #expect(await server.exitStatus() == 0)
        sandbox.shutdown()
    }

    @Test func whileTheRoleIsUnknownEveryToolIsListedAndTheAPIDecides() async throws {
        let sandbox = try await makeSandbox()
        sandbox.inject(.status(503), times: 6, method: "GET", path: "/me")
        let server = try MCPProcess(sandboxURL: sandbox.baseURL, token: Fixture.Token.member, extra: ["HOURSMITH_LOG_LEVEL": "debug"])
        try await sandbox.waitForRequests(3) { $0.path == "/me" }
        #expect(try await server.toolNames().count == 36)
        server.closeInput()
        #expect(await server.exitStatus() == 0)
        sandbox.shutdown()
    }
}
