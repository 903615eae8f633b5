import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// The time toolset's timers (start_timer, stop_timer, get_running_timer), end to end.
@Suite struct TimerTests {
    // MARK: start_timer

    @Test func startingATimerStopsTheOtherOneAndSaysSo() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            harness.sandbox.clearRequests()
            let started = try await harness.call("start_timer", [
                "project_id": .int(Fixture.Project.acmeMobile), "task_id": .int(Fixture.Task.mobileDesign), "notes": "Settings screen",
            ]).content()
            let id = try #require(started["time_entry"]?["id"]?.intValue)
            #expect(started["stopped_timer"]?["id"]?.intValue == Fixture.TimeEntry.samRunningTimer)
            let message = try #require(started["message"]?.stringValue)
            #expect(message.contains("Your other timer was stopped: time entry \(Fixture.TimeEntry.samRunningTimer)"), "\(message)")

            let snapshot = harness.sandbox.snapshot()
            let new = try #require(snapshot.timeEntries[id: id])
            #expect(new.isRunning && new.userID == Fixture.User.member && new.notes == "Settings screen")
            #expect(new.spentDate == harness.sandbox.today)
            #expect(snapshot.timeEntries[id: Fixture.TimeEntry.samRunningTimer]?.isRunning == false)
            // One look for the running timer, then the start: nothing else.
            #expect(harness.requestLines == ["GET /time_entries", "POST /time_entries"])
            let look = try #require(harness.sandbox.requests().first?.query)
            #expect(look["is_running"] == "true" && look["user_id"] == String(Fixture.User.member))
            let body = try JSON.parse(try #require(harness.sandbox.requests().last).bodyText)
            #expect(body["hours"] == nil, "no hours: the API starts a timer")

            // Now only the new one runs; stop it, and a new start stops nothing.
            _ = try await harness.call("stop_timer").content()
            let alone = try await harness.call("start_timer", [
                "project_id": .int(Fixture.Project.acmeWebsite), "task_id": .int(Fixture.Task.acmeDesign), "spent_date": "yesterday",
            ]).content()
            #expect(alone["stopped_timer"] == .null)
            #expect(alone["message"]?.stringValue?.contains("No other timer was running") == true)
            let yesterday = try #require(harness.sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.samYesterday]).spentDate
            #expect(alone["time_entry"]?["spent_date"]?.stringValue == yesterday)
        }
    }

    @Test func restartingAnEntryStopsItsOwnersOtherTimer() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let mine = try await harness.call("start_timer", ["time_entry_id": .int(Fixture.TimeEntry.mariaToday)]).content()
            #expect(mine["time_entry"]?["is_running"] == true)
            #expect(mine["time_entry"]?["hours"]?.doubleValue ?? 0 >= 1.5, "hours keep counting from 1.5")
            #expect(mine["stopped_timer"] == .null)
            #expect(harness.requestLines.suffix(1) == ["POST /time_entries/\(Fixture.TimeEntry.mariaToday)/restart"])

            // Sam's entry, while Sam's timer runs: Sam's timer is the one stopped, not Maria's.
            let sams = try await harness.call("start_timer", ["time_entry_id": .int(Fixture.TimeEntry.samYesterday)]).content()
            #expect(sams["stopped_timer"]?["id"]?.intValue == Fixture.TimeEntry.samRunningTimer)
            #expect(sams["message"]?.stringValue?.contains("Sam Carter's other timer was stopped") == true)
            let snapshot = harness.sandbox.snapshot()
            #expect(snapshot.timeEntries[id: Fixture.TimeEntry.samYesterday]?.isRunning == true)
            #expect(snapshot.timeEntries[id: Fixture.TimeEntry.samRunningTimer]?.isRunning == false)
            #expect(snapshot.timeEntries[id: Fixture.TimeEntry.mariaToday]?.isRunning == true)

            let again = try await harness.call("start_timer", ["time_entry_id": .int(Fixture.TimeEntry.mariaToday)])
            #expect(again.isError)
            #expect(again.text.contains("already running"))
        }
    }

    @Test func startTimerArgumentErrorsSayWhatToGiveWithoutARequest() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            harness.sandbox.clearRequests()
            let nothing = try await harness.call("start_timer")
            #expect(nothing.isError)
            #expect(nothing.text.contains("Give project_id and task_id to start a new timer, or time_entry_id"))
            let projectOnly = try await harness.call("start_timer", ["project_id": .int(Fixture.Project.acmeWebsite)])
            #expect(projectOnly.isError)
            #expect(projectOnly.text.contains("both project_id and task_id"))
            let both = try await harness.call("start_timer", ["time_entry_id": 3, "project_id": .int(Fixture.Project.acmeWebsite)])
            #expect(both.isError)
            #expect(both.text.contains("not both"))
            let restartWithNotes = try await harness.call("start_timer", ["time_entry_id": 3, "notes": "more"])
            #expect(restartWithNotes.isError)
            #expect(restartWithNotes.text.contains("update_time_entry"))
            let badDate = try await harness.call("start_timer", [
                "project_id": .int(Fixture.Project.acmeWebsite), "task_id": .int(Fixture.Task.acmeDesign), "spent_date": "2026-13-01",
            ])
            #expect(badDate.isError)
            #expect(badDate.text.contains("`spent_date`"))
            #expect(harness.requestLines.isEmpty, "refused before any request: \(harness.requestLines)")
        }
    }

    @Test func membersMayNotStartTimersOnOthersEntries() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let lenas = try await harness.call("start_timer", ["time_entry_id": .int(Fixture.TimeEntry.lenaMobile)])
            #expect(lenas.isError)
            #expect(lenas.text.contains("no time entry \(Fixture.TimeEntry.lenaMobile)"))
            #expect(harness.sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.lenaMobile]?.isRunning == false)
            #expect(harness.sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.samRunningTimer]?.isRunning == true)
        }
    }

    // MARK: stop_timer

    @Test func stopTimerStopsTheCallersRunningTimerByDefault() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            harness.sandbox.clearRequests()
            let stopped = try await harness.call("stop_timer").content()
            #expect(stopped["time_entry"]?["id"]?.intValue == Fixture.TimeEntry.samRunningTimer)
            #expect(stopped["time_entry"]?["is_running"] == false)
            #expect(stopped["message"]?.stringValue?.contains("h logged") == true)
            #expect(harness.requestLines == ["GET /time_entries", "POST /time_entries/\(Fixture.TimeEntry.samRunningTimer)/stop"])
            let look = try #require(harness.sandbox.requests().first?.query)
            #expect(look["is_running"] == "true" && look["user_id"] == String(Fixture.User.member))
            let record = try #require(harness.sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.samRunningTimer])
            #expect(!record.isRunning)
            #expect(record.hours >= 100, "the hour it ran was kept: \(record.hours)")

            harness.sandbox.clearRequests()
            let none = try await harness.call("stop_timer")
            #expect(none.isError)
            #expect(none.text.contains("You have no running timer"))
            #expect(!harness.requestLines.contains { $0.hasSuffix("/stop") })

            let notRunning = try await harness.call("stop_timer", ["time_entry_id": .int(Fixture.TimeEntry.samYesterday)])
            #expect(notRunning.isError)
            #expect(notRunning.text.contains("no running timer to stop"))
        }
    }

    @Test func managersStopSomeoneElsesTimerById() async throws {
        try await withHarness(token: Fixture.Token.admin) { harness in
            let stopped = try await harness.call("stop_timer", ["time_entry_id": .int(Fixture.TimeEntry.samRunningTimer)]).content()
            #expect(stopped["time_entry"]?["user"]?["name"] == "Sam Carter")
            #expect(harness.sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.samRunningTimer]?.isRunning == false)
        }
    }

    // MARK: get_running_timer

    @Test func getRunningTimerGivesTheElapsedHoursOrNull() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let mine = try await harness.call("get_running_timer").content()
            let entry = try #require(mine["time_entry"])
            #expect(entry["id"]?.intValue == Fixture.TimeEntry.samRunningTimer)
            // Started an hour before the sandbox: the hours are the time elapsed so far.
            let hours = try #require(entry["hours"]?.doubleValue)
            #expect(hours >= 1.0 && hours < 1.5, "elapsed so far: \(hours)")
            #expect(mine["message"]?.stringValue?.hasPrefix("Your timer on Acme Website / Development") == true)

            harness.sandbox.clearRequests()
            let lenas = try await harness.call("get_running_timer", ["user_id": .int(Fixture.User.member2)])
            #expect(lenas.isError)
            #expect(lenas.text.contains("Members can't see other people's timers"), "\(lenas.text)")
            #expect(harness.sandbox.requests().map(\.status) == [403], "the API decided")
        }
    }

    @Test func getRunningTimerForOthersAndForNobody() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let sams = try await harness.call("get_running_timer", ["user_id": .int(Fixture.User.member)]).content()
            #expect(sams["time_entry"]?["id"]?.intValue == Fixture.TimeEntry.samRunningTimer)
            #expect(sams["message"]?.stringValue?.hasPrefix("Sam Carter's timer") == true)

            let mine = try await harness.call("get_running_timer").content()
            #expect(mine["time_entry"] == .null)
            #expect(mine["message"]?.stringValue?.contains("You have no running timer") == true)
            let query = try #require(harness.sandbox.requests().last?.query)
            #expect(query["user_id"] == String(Fixture.User.owner) && query["is_running"] == "true")
        }
    }
}
