import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// The account toolset, end to end: get_current_user (from the session's /me, no request) and
/// list_users (owners, admins, managers).
@Suite struct AccountTests {
    struct Role: Sendable, CustomTestStringConvertible {
        let token: String
        let userID: Int
        let role: String
        var testDescription: String { role }
    }

    static let roles = [
        Role(token: Fixture.Token.owner, userID: Fixture.User.owner, role: "owner"),
        Role(token: Fixture.Token.admin, userID: Fixture.User.admin, role: "admin"),
        Role(token: Fixture.Token.manager, userID: Fixture.User.manager, role: "manager"),
        Role(token: Fixture.Token.member, userID: Fixture.User.member, role: "member"),
    ]

    @Test(arguments: roles)
    func everyRoleGetsItsOwnUserWithoutARequest(_ role: Role) async throws {
        try await withHarness(token: role.token) { harness in
            #expect(try await harness.server.toolNames().contains("get_current_user"))
            harness.sandbox.clearRequests()
            let me = try await harness.call("get_current_user").content()
            #expect(harness.requestLines.isEmpty, "answered from the session's /me: \(harness.requestLines)")

            let snapshot = harness.sandbox.snapshot()
            let user = try #require(snapshot.users[role.userID])
            let workspace = try #require(snapshot.workspaces[Fixture.Workspace.main])
            #expect(me["user"]?["id"]?.intValue == role.userID)
            #expect(me["user"]?["role"]?.stringValue == role.role)
            #expect(me["user"]?["email"]?.stringValue == user.email)
            #expect(me["user"]?["first_name"]?.stringValue == user.firstName)
            #expect(me["workspace"]?["name"]?.stringValue == workspace.name)
            #expect(me["workspace"]?["timezone"]?.stringValue == workspace.timezone)
            #expect(me["workspace"]?["week_start"]?.stringValue == workspace.weekStart)
            #expect(me["today"]?.stringValue == harness.sandbox.today, "today in the workspace's timezone")
        }
    }

    @Test func todayFollowsTheWorkspacesTimezoneNotTheMachines() async throws {
        // Far east and far west of UTC: at most one of them shares the machine's date at any moment.
        for zone in ["Pacific/Kiritimati", "Pacific/Pago_Pago"] {
            var configuration = SandboxConfiguration.relaxed
            configuration.timezone = zone
            try await withHarness(token: Fixture.Token.member, sandbox: configuration) { harness in
                let me = try await harness.call("get_current_user").content()
                #expect(me["workspace"]?["timezone"]?.stringValue == zone)
                #expect(me["today"]?.stringValue == harness.sandbox.today, "\(zone)")
            }
        }
    }

    @Test func ownersListUsersByNameWithPagesAndFilters() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let snapshot = harness.sandbox.snapshot()
            let expected = snapshot.users.values
                .filter { $0.workspaceID == Fixture.Workspace.main && !$0.isRemoved }
                .sorted { ($0.firstName, $0.lastName) < ($1.firstName, $1.lastName) }

            let first = try await harness.call("list_users", ["detail": "full"]).content()
            #expect(first["users"]?.arrayValue?.compactMap { $0["id"]?.intValue } == expected.map(\.id))
            #expect(first["total_entries"]?.intValue == expected.count)
            #expect(first["next_page"] == .null)
            #expect(first["truncated"] == false)
            let arjun = try #require(first["users"]?.arrayValue?.first { $0["id"]?.intValue == Fixture.User.admin })
            #expect(arjun["email"] == "arjun@northwind.example")
            #expect(arjun["role"] == "admin")
            #expect(arjun["weekly_capacity_hours"]?.doubleValue == 40)
            let concise = try await harness.call("list_users").content()
            let short = try #require(concise["users"]?.arrayValue?.first { $0["id"]?.intValue == Fixture.User.admin })
            #expect(short == ["id": .int(Fixture.User.admin), "name": "Arjun Mehta", "email": "arjun@northwind.example", "role": "admin"])

            let second = try await harness.call("list_users", ["page": 2, "per_page": 2]).content()
            #expect(second["users"]?.arrayValue?.compactMap { $0["id"]?.intValue } == expected[2..<4].map(\.id))
            #expect(second["page"] == 2)
            #expect(second["per_page"] == 2)
            #expect(second["next_page"] == 3)

            let inactive = try await harness.call("list_users", ["is_active": false]).content()
            #expect(inactive["users"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [Fixture.User.inactive])
            let active = try await harness.call("list_users", ["is_active": true]).content()
            #expect(active["total_entries"]?.intValue == expected.count - 1)
        }
    }

    @Test func allUsersWithALimitIsTruncatedAndReportsProgress() async throws {
        try await withHarness(token: Fixture.Token.admin) { harness in
            let total = harness.sandbox.snapshot().users.values.filter { $0.workspaceID == Fixture.Workspace.main }.count
            let limited = try await harness.call("list_users", ["all": true, "per_page": 2, "limit": 3],
                                                 meta: ["progressToken": "u1"]).content()
            #expect(limited["users"]?.arrayValue?.count == 3)
            #expect(limited["truncated"] == true)
            #expect(limited["total_entries"]?.intValue == total)
            #expect(limited["note"]?.stringValue?.contains("first 3 of \(total) users") == true)

            let progress = harness.server.messages.filter {
                $0["method"] == "notifications/progress" && $0["params"]?["progressToken"] == "u1"
            }
            #expect(!progress.isEmpty, "progress was reported for the token given")
            #expect(progress.last?["params"]?["progress"]?.doubleValue == 3)
            #expect(progress.last?["params"]?["total"]?.doubleValue == 3)

            let everyone = try await harness.call("list_users", ["all": true]).content()
            #expect(everyone["users"]?.arrayValue?.count == total)
            #expect(everyone["truncated"] == false)

            let mixed = try await harness.call("list_users", ["all": true, "page": 2])
            #expect(mixed.isError)
            #expect(mixed.text.contains("`page`"))
            let tooMany = try await harness.call("list_users", ["per_page": 5000])
            #expect(tooMany.isError)
            #expect(tooMany.text.contains("per_page"))
        }
    }

    @Test func managersListUsers() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            #expect(try await harness.server.toolNames().contains("list_users"))
            let users = try await harness.call("list_users", ["is_active": true]).content()
            let names = users["users"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(names == ["Arjun Mehta", "Lena Novak", "Maria Lopez", "Olivia Hart", "Sam Carter"])
        }
    }

    @Test func membersMayNotListUsersAndAreToldWhyWithoutARequest() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let names = try await harness.server.toolNames()
            #expect(!names.contains("list_users"))
            #expect(names.contains("get_current_user"))

            harness.sandbox.clearRequests()
            let refused = try await harness.call("list_users")
            #expect(refused.isError)
            #expect(refused.text.contains("Your Hoursmith role is Member"))
            #expect(refused.text.contains("can't list the workspace's users"))
            #expect(harness.requestLines.isEmpty, "refused by role without a request: \(harness.requestLines)")
        }
    }
}
