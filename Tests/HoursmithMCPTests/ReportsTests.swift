import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// The reports toolset, end to end: the built server over stdio, the sandbox over HTTP.
@Suite struct ReportsTests {
    @Test(arguments: [Fixture.Token.owner, Fixture.Token.admin, Fixture.Token.manager])
    func managersAndUpGetEveryonesTimeByProject(token: String) async throws {
        try await withHarness(token: token) { harness in
            let snapshot = harness.sandbox.snapshot()
            let month = previousMonth(harness.sandbox.today)
            let entries = snapshot.timeEntries.rows.filter { $0.workspaceID == Fixture.Workspace.main && $0.spentDate.hasPrefix(month) }
            let expected = totals(entries, snapshot) { $0.projectID }

            let report = try await harness.call("get_time_report", ["group_by": "project", "period": "last_month"]).content()["report"]
            #expect(report?["group_by"] == "project")
            #expect(report?["from"]?.stringValue == "\(month)-01")
            #expect(report?["currency"] == "USD")
            let rows = try #require(report?["results"]?.arrayValue)
            #expect(rows.count == expected.count)
            for row in rows {
                let id = try #require(row["id"]?.intValue)
                #expect(hundredths(row["total_hours"]) == expected[id]?.hours, "project \(id)")
                #expect(hundredths(row["billable_hours"]) == expected[id]?.billableHours, "project \(id)")
                #expect(hundredths(row["billable_amount"]) == expected[id]?.amount, "project \(id)")
                #expect(row["name"]?.stringValue == snapshot.projects[id]?.name)
            }
            #expect(hundredths(report?["totals"]?["total_hours"]) == entries.reduce(0) { $0 + $1.hours })
            #expect(hundredths(report?["totals"]?["billable_amount"]) == expected.values.reduce(0) { $0 + $1.amount })
        }
    }

    /// A report the server totals itself reads the rates while its first page is on its way: with
    /// `GET /projects` held, the first page of entries is still asked for (one round trip less).
    @Test func aWalkedReportAsksForItsFirstPageWhileTheRatesAreOnTheirWay() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let snapshot = harness.sandbox.snapshot()
            let gate = SandboxGate()
            harness.sandbox.inject(.hold(gate), method: "GET", path: "/projects")
            async let outcome = harness.call("get_time_report", ["group_by": "project", "is_invoiced": false, "period": "last_month"])
            try await harness.waitForRequest { $0.hasPrefix("GET /projects") }
            try await harness.waitForRequest { $0.hasPrefix("GET /time_entries") }
            gate.open()
            let report = try await outcome.content()["report"]
            let month = previousMonth(harness.sandbox.today)
            let unbilled = snapshot.timeEntries.rows.filter {
                $0.workspaceID == Fixture.Workspace.main && $0.spentDate.hasPrefix(month) && !$0.isInvoiced
            }
            let expected = totals(unbilled, snapshot) { $0.projectID }
            #expect(hundredths(report?["totals"]?["total_hours"]) == unbilled.reduce(0) { $0 + $1.hours })
            #expect(hundredths(report?["totals"]?["billable_amount"]) == expected.values.reduce(0) { $0 + $1.amount },
                    "the amounts use the rates that were held back")
        }
    }

    @Test func reportsGroupAndFilterByClientProjectAndUser() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let snapshot = harness.sandbox.snapshot()
            let today = harness.sandbox.today
            let from = day(today, plus: -30), to = day(today, plus: -1)
            let inRange = snapshot.timeEntries.rows.filter {
                $0.workspaceID == Fixture.Workspace.main && $0.spentDate >= from && $0.spentDate <= to
            }

            let byUser = try await harness.call("get_time_report", [
                "group_by": "user", "from": .string(from), "to": "yesterday", "project_id": .int(Fixture.Project.acmeWebsite),
            ]).content()["report"]
            let expectedUsers = totals(inRange.filter { $0.projectID == Fixture.Project.acmeWebsite }, snapshot) { $0.userID }
            #expect(hours(byUser) == expectedUsers.mapValues(\.hours))
            #expect(byUser?["to"]?.stringValue == to)

            let byTask = try await harness.call("get_time_report", [
                "group_by": "task", "from": .string(from), "to": .string(to), "client_id": .int(Fixture.Client.stark),
            ]).content()["report"]
            let stark = inRange.filter { snapshot.projects[$0.projectID]?.clientID == Fixture.Client.stark }
            #expect(hours(byTask) == totals(stark, snapshot) { $0.taskID }.mapValues(\.hours))
            #expect(Set(hours(byTask).keys) == [Fixture.Task.starkDevelopment, Fixture.Task.starkQA])

            let byClient = try await harness.call("get_time_report", [
                "group_by": "client", "from": .string(from), "to": .string(to), "user_id": .int(Fixture.User.member2),
            ]).content()["report"]
            let lena = inRange.filter { $0.userID == Fixture.User.member2 }
            #expect(hours(byClient) == totals(lena, snapshot) { snapshot.projects[$0.projectID]?.clientID ?? 0 }.mapValues(\.hours))
        }
    }

    @Test func membersGetTheirOwnTimeAndAreRefusedOthersWithoutARequest() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            #expect(try await harness.server.toolNames().contains("get_time_report"))
            let snapshot = harness.sandbox.snapshot()
            let month = previousMonth(harness.sandbox.today)
            let own = snapshot.timeEntries.rows.filter { $0.userID == Fixture.User.member && $0.spentDate.hasPrefix(month) }

            let report = try await harness.call("get_time_report", ["group_by": "user", "period": "last_month"]).content()["report"]
            #expect(hours(report) == [Fixture.User.member: own.reduce(0) { $0 + $1.hours }], "only Sam's own time")

            harness.sandbox.clearRequests()
            let refused = try await harness.call("get_time_report", [
                "group_by": "project", "period": "last_month", "user_id": .int(Fixture.User.owner),
            ])
            #expect(refused.isError)
            #expect(refused.text.contains("Your Hoursmith role is Member"))
            #expect(refused.text.contains("can't report on other people's time"))
            #expect(harness.requestLines.isEmpty, "refused without spending a report: \(harness.requestLines)")

            let ownByID = try await harness.call("get_time_report", [
                "group_by": "project", "period": "last_month", "user_id": .int(Fixture.User.member),
            ]).content()["report"]
            #expect(hours(ownByID) == totals(own, snapshot) { $0.projectID }.mapValues(\.hours))
        }
    }

    @Test func argumentErrorsNameTheArgumentAndSendNothing() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            harness.sandbox.clearRequests()
            let cases: [(JSONObject, [String])] = [
                (["group_by": "project", "period": "this_week", "from": "2026-01-01"], ["`period`", "`from`/`to`"]),
                (["group_by": "project", "from": "2026-02-01", "to": "2026-01-01"], ["`from` (2026-02-01) is after `to` (2026-01-01)"]),
                (["group_by": "project", "from": "2026-04-31", "to": "2026-05-01"], ["`from`", "not a date"]),
                (["group_by": "project", "period": "lastmonth"], ["period"]),
                (["group_by": "fortnight", "period": "this_week"], ["group_by"]),
                (["group_by": "project", "period": "this_week", "client_id": 1, "client": "Acme Corp"], ["`client_id`", "`client`"]),
            ]
            for (arguments, words) in cases {
                let refused = try await harness.call("get_time_report", arguments)
                #expect(refused.isError, "\(arguments)")
                for word in words {
                    #expect(refused.text.contains(word), "\(arguments): \(refused.text)")
                }
            }
            #expect(harness.requestLines.isEmpty, "argument errors are caught before any request: \(harness.requestLines)")
        }
    }

    @Test func theReportsOwnRateLimitIsExplained() async throws {
        var tight = SandboxConfiguration.relaxed
        tight.reportRequestsPerWindow = 1
        try await withHarness(token: Fixture.Token.owner, sandbox: tight) { harness in
            let tools = try #require(try await harness.server.request("tools/list")["result"]?["tools"]?.arrayValue)
            let description = tools.first { $0["name"] == "get_time_report" }?["description"]?.stringValue ?? ""
            #expect(description.contains("100 per 15 min"), "the description warns of the tighter limit")

            let first = try await harness.call("get_time_report", ["group_by": "client", "period": "this_week"])
            #expect(!first.isError, "\(first.text)")
            let second = try await harness.call("get_time_report", ["group_by": "client", "period": "this_week"])
            #expect(second.isError)
            #expect(second.text.contains("100 reports per 15 minutes"), "\(second.text)")
            #expect(second.text.contains("try again in"), "\(second.text)")
            #expect(harness.requestLines.filter { $0 == "GET /reports/time" }.count == 2, "a long wait is not waited out")
        }
    }
}

/// Expected totals per group, in hundredths (hours) and cents (amount), from the sandbox's rows.
private struct Totals: Equatable {
    var hours = 0, billableHours = 0, amount = 0
}

private func totals(_ entries: [TimeEntryRecord], _ snapshot: SandboxSnapshot, by key: (TimeEntryRecord) -> Int) -> [Int: Totals] {
    var totals: [Int: Totals] = [:]
    for entry in entries {
        totals[key(entry), default: Totals()].hours += entry.hours
        guard entry.billable else { continue }
        let rate = snapshot.tasks[entry.taskID]?.hourlyRate ?? snapshot.projects[entry.projectID]?.hourlyRate ?? 0
        totals[key(entry), default: Totals()].billableHours += entry.hours
        totals[key(entry), default: Totals()].amount += entry.hours * rate / 100
    }
    return totals
}

/// `id → total_hours` (in hundredths) of a report's rows.
private func hours(_ report: JSON?) -> [Int: Int] {
    var result: [Int: Int] = [:]
    for row in report?["results"]?.arrayValue ?? [] {
        if let id = row["id"]?.intValue { result[id] = hundredths(row["total_hours"]) }
    }
    return result
}
