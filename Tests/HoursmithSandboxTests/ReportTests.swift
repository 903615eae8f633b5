import HoursmithSandbox
import JSONCore
import Testing

@Suite("Sandbox time report")
struct ReportTests {
    /// Totals computed from the snapshot, independently of the sandbox's report code.
    private func expected(_ sandbox: Sandbox, from: String, to: String, key: (TimeEntryRecord) -> Int)
        -> [Int: (hours: Int, billable: Int, amount: Int)] {
        let snapshot = sandbox.snapshot()
        var totals: [Int: (hours: Int, billable: Int, amount: Int)] = [:]
        for entry in snapshot.timeEntries.rows
        where entry.workspaceID == 1 && entry.spentDate >= from && entry.spentDate <= to {
            var total = totals[key(entry)] ?? (0, 0, 0)
            total.hours += entry.hours
            if entry.billable {
                total.billable += entry.hours
                let rate = snapshot.tasks[entry.taskID]?.hourlyRate ?? snapshot.projects[entry.projectID]?.hourlyRate ?? 0
                total.amount += Int((Double(entry.hours * rate) / 100).rounded())
            }
            totals[key(entry)] = total
        }
        return totals
    }

    private func cents(_ json: JSON?) -> Int { Int(((json?.doubleValue ?? -1) * 100).rounded()) }

    @Test func totalsByProjectMatchTheEntries() throws {
        let sandbox = try makeSandbox()
        let from = shift(sandbox.today, days: -60), to = shift(sandbox.today, days: -1)
        let report = API(sandbox).get("/reports/time?from=\(from)&to=\(to)&group_by=project").json
        #expect(report["from"]?.stringValue == from)
        #expect(report["to"]?.stringValue == to)
        #expect(report["group_by"]?.stringValue == "project")
        #expect(report["currency"]?.stringValue == "USD")
        let results = report["results"]?.arrayValue ?? []
        let names = results.compactMap { $0["name"]?.stringValue }
        #expect(names == names.sorted())
        let totals = expected(sandbox, from: from, to: to) { $0.projectID }
        #expect(Set(results.compactMap { $0["id"]?.intValue }) == Set(totals.keys))
        for result in results {
            let total = try #require(totals[result["id"]?.intValue ?? 0])
            #expect(cents(result["total_hours"]) == total.hours)
            #expect(cents(result["billable_hours"]) == total.billable)
            #expect(cents(result["billable_amount"]) == total.amount)
        }
    }

    @Test(arguments: ["client", "task", "user"])
    func everyGroupingAddsUpToTheSameTotal(_ grouping: String) throws {
        let sandbox = try makeSandbox()
        let from = shift(sandbox.today, days: -30), to = shift(sandbox.today, days: -1)
        let results = API(sandbox).get("/reports/time?from=\(from)&to=\(to)&group_by=\(grouping)").json["results"]?.arrayValue ?? []
        let all = expected(sandbox, from: from, to: to) { _ in 0 }[0]?.hours ?? -1
        #expect(results.map { cents($0["total_hours"]) }.reduce(0, +) == all)
    }

    @Test func aMemberGetsTheirOwnTimeOnly() throws {
        let sandbox = try makeSandbox()
        let from = shift(sandbox.today, days: -30), to = shift(sandbox.today, days: -1)
        let sam = API(sandbox, token: Fixture.Token.member)
        let results = sam.get("/reports/time?from=\(from)&to=\(to)&group_by=user").json["results"]?.arrayValue ?? []
        #expect(results.compactMap { $0["id"]?.intValue } == [Fixture.User.member])
        let samHours = expected(sandbox, from: from, to: to) { $0.userID }[Fixture.User.member]?.hours
        #expect(cents(results.first?["total_hours"]) == samHours)
        #expect(sam.get("/reports/time?from=\(from)&to=\(to)&user_id=5").status == 403)
    }

    @Test func filtersAndValidation() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let from = shift(sandbox.today, days: -30), to = shift(sandbox.today, days: -1)
        let stark = api.get("/reports/time?from=\(from)&to=\(to)&group_by=task&client_id=5").json["results"]?.arrayValue ?? []
        let starkTasks = Set(stark.compactMap { $0["id"]?.intValue })
        #expect(starkTasks.isSubset(of: [Fixture.Task.starkDevelopment, Fixture.Task.starkQA]))
        #expect(!stark.isEmpty)
        #expect(api.get("/reports/time").errorFields == ["from", "to"])
        #expect(api.get("/reports/time?from=\(to)&to=\(from)").errorFields == ["to"])
        #expect(api.get("/reports/time?from=\(from)&to=\(to)&group_by=week").errorFields == ["group_by"])
        let running = api.get("/reports/time?from=\(sandbox.today)&to=\(sandbox.today)&group_by=user&user_id=4").json
        let samToday = running["results"]?[0]?["total_hours"]?.doubleValue ?? 0
        #expect(samToday >= 0.99, "a running timer counts with its hours so far")
    }
}
