import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// Relative dates (`yesterday`, `this_week`, `last_month`…) resolve in the WORKSPACE's timezone
/// and week start, never the machine's (UTC here). The sandbox runs in a zone far from UTC, picked
/// now so that its date differs from UTC's, and the expected dates are computed here with
/// Foundation's `Calendar`, independently of the server's own date arithmetic.
@Suite struct TimeDateTests {
    /// The workspace calendar of a test: its zone, week start and the dates that matter now.
    struct WorkspaceDays {
        let zone: TimeZone
        let today: String
        let yesterday: String
        let thisWeek: (first: String, last: String)
        let lastMonth: (first: String, last: String)

        init(zone: TimeZone, weekStart: String, now: Date = Date()) throws {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            calendar.firstWeekday = weekStart == "sunday" ? 1 : 2
            func text(_ date: Date) -> String {
                let parts = calendar.dateComponents([.year, .month, .day], from: date)
                return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
            }
            self.zone = zone
            today = text(now)
            yesterday = text(try #require(calendar.date(byAdding: .day, value: -1, to: now)))
            let week = try #require(calendar.dateInterval(of: .weekOfYear, for: now))
            thisWeek = (text(week.start), text(week.end.addingTimeInterval(-1)))
            let month = try #require(calendar.dateInterval(of: .month, for: now))
            let previous = try #require(calendar.dateInterval(of: .month, for: month.start.addingTimeInterval(-1)))
            lastMonth = (text(previous.start), text(previous.end.addingTimeInterval(-1)))
        }
    }

    /// Pacific/Kiritimati (UTC+14) or Pacific/Pago_Pago (UTC−11): of those whose date differs from
    /// UTC's right now, the one furthest from its next midnight, so the date cannot turn mid-test.
    static func farZone(now: Date = Date()) throws -> TimeZone {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = try #require(TimeZone(identifier: "UTC"))
        let utcDay = utc.dateComponents([.year, .month, .day], from: now)
        var best: (zone: TimeZone, secondsToMidnight: TimeInterval)?
        for name in ["Pacific/Kiritimati", "Pacific/Pago_Pago"] {
            let zone = try #require(TimeZone(identifier: name))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            guard calendar.dateComponents([.year, .month, .day], from: now) != utcDay else { continue }
            let midnight = try #require(calendar.nextDate(after: now, matching: DateComponents(hour: 0, minute: 0, second: 0),
                                                          matchingPolicy: .nextTime))
            let seconds = midnight.timeIntervalSince(now)
            if best.map({ seconds > $0.secondsToMidnight }) ?? true { best = (zone, seconds) }
        }
        return try #require(best?.zone, "one of the two zones always has another date than UTC")
    }

    static func withFarHarness(token: String, _ body: (Harness, WorkspaceDays) async throws -> Void) async throws {
        let zone = try farZone()
        var configuration = SandboxConfiguration.relaxed
        configuration.timezone = zone.identifier
        try await withHarness(token: token, sandbox: configuration, environment: Harness.roomy) { harness in
            let workspace = try #require(harness.sandbox.snapshot().workspaces[Fixture.Workspace.main])
            let days = try WorkspaceDays(zone: zone, weekStart: workspace.weekStart)
            let utc = try WorkspaceDays(zone: try #require(TimeZone(identifier: "UTC")), weekStart: workspace.weekStart)
            try #require(days.today != utc.today, "the test needs a workspace date other than the machine's (UTC)")
            #expect(harness.sandbox.today == days.today, "the sandbox seeded its today in \(zone.identifier)")
            try await body(harness, days)
        }
    }

    /// The picker itself, at every hour of a UTC day: a zone whose date is not UTC's, at least an
    /// hour before its own midnight (so both zones are used, depending on when the tests run).
    @Test func theZonePickerAlwaysFindsAnotherDateFarFromMidnight() throws {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = try #require(TimeZone(identifier: "UTC"))
        let midnight = try #require(utc.date(from: DateComponents(year: 2026, month: 3, day: 1)))
        var picked: Set<String> = []
        for quarter in 0..<96 {
            let now = midnight.addingTimeInterval(Double(quarter) * 900)
            let zone = try Self.farZone(now: now)
            picked.insert(zone.identifier)
            var local = Calendar(identifier: .gregorian)
            local.timeZone = zone
            #expect(local.dateComponents([.day], from: now).day != utc.dateComponents([.day], from: now).day)
            let hour = try #require(local.dateComponents([.hour], from: now).hour)
            #expect(hour < 23, "\(zone.identifier) at \(now) is too close to its midnight")
        }
        #expect(picked == ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
    }

    @Test func dayWordsResolveInTheWorkspacesTimezone() async throws {
        try await Self.withFarHarness(token: Fixture.Token.owner) { harness, days in
            let logged = try await harness.call("create_time_entry", [
                "project_id": .int(Fixture.Project.acmeWebsite), "task_id": .int(Fixture.Task.acmeDesign), "hours": 1,
                "spent_date": "yesterday",
            ]).content()
            let id = try #require(logged["time_entry"]?["id"]?.intValue)
            #expect(harness.sandbox.snapshot().timeEntries[id: id]?.spentDate == days.yesterday,
                    "yesterday in \(days.zone.identifier)")

            let timer = try await harness.call("start_timer", [
                "project_id": .int(Fixture.Project.acmeWebsite), "task_id": .int(Fixture.Task.acmeDevelopment),
            ]).content()
            #expect(timer["time_entry"]?["spent_date"]?.stringValue == days.today, "a timer's default day is the workspace's today")

            let today = try await harness.call("list_time_entries", ["from": "today", "to": "today", "per_page": 1]).content()
            let query = try #require(harness.sandbox.requests().last?.query)
            #expect(query["from"] == days.today && query["to"] == days.today)
            #expect(today["total_entries"]?.intValue == TimeTests.visible(harness.sandbox.snapshot()).filter { $0.spentDate == days.today }.count)
        }
    }

    @Test(arguments: ["this_week", "last_month"])
    func periodsCoverWholeDaysOfTheWorkspacesCalendar(period: String) async throws {
        try await Self.withFarHarness(token: Fixture.Token.owner) { harness, days in
            let expected = period == "this_week" ? days.thisWeek : days.lastMonth
            harness.sandbox.clearRequests()
            let listed = try await harness.call("list_time_entries", ["period": .string(period), "per_page": 2000]).content()
            let query = try #require(harness.sandbox.requests().first?.query)
            #expect(query["from"] == expected.first, "\(period) starts on \(expected.first) in \(days.zone.identifier)")
            #expect(query["to"] == expected.last, "\(period) ends on \(expected.last), future days included")

            let inRange = TimeTests.visible(harness.sandbox.snapshot()).filter {
                $0.spentDate >= expected.first && $0.spentDate <= expected.last
            }
            #expect(!inRange.isEmpty, "the seed has time in \(period)")
            #expect(listed["total_entries"]?.intValue == inRange.count)
            #expect(TimeTests.ids(listed) == inRange.prefix(2000).map(\.id))
        }
    }
}
