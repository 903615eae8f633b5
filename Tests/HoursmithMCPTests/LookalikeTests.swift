import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// create_time_entry's duplicate warning: one read of the person's day before logging; the entry
/// is logged whatever it finds, and the result names the entries that look the same.
@Suite struct LookalikeTests {
    @Test func loggingWhatLooksLoggedAlreadyLogsItAndNamesTheLookalike() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let existing = try #require(harness.sandbox.snapshot().timeEntries[id: Fixture.TimeEntry.samYesterday])
            let hours = JSON.double(Double(existing.hours) / 100)

            // The same project, task and hours on the same day.
            harness.sandbox.clearRequests()
            let same = try await harness.call("create_time_entry", [
                "project_id": .int(existing.projectID), "task_id": .int(existing.taskID), "hours": hours,
                "spent_date": .string(existing.spentDate), "notes": "Something else entirely",
            ]).content()
            let created = try #require(same["time_entry"]?["id"]?.intValue)
            #expect(harness.sandbox.snapshot().timeEntries[id: created] != nil, "logged all the same")
            let named = same["possible_duplicates"]?.arrayValue ?? []
            let lookalike = try #require(named.first { $0["id"]?.intValue == Fixture.TimeEntry.samYesterday }, "\(same)")
            #expect(hundredths(lookalike["hours"]) == existing.hours)
            #expect(lookalike["notes"] == .string(orNull: existing.notes))
            #expect(named.count <= 3)
            #expect(same["note"]?.stringValue?.contains("the same person and day") == true)
            #expect(harness.requestLines == ["GET /time_entries", "POST /time_entries"], "one read, then the create")
            let look = try #require(harness.sandbox.requests().first?.query)
            #expect(look["user_id"] == String(Fixture.User.member))
            #expect(look["from"] == existing.spentDate && look["to"] == existing.spentDate)

            // The same notes (other case and spaces), on another task.
            let notes = try #require(existing.notes)
            let sameNotes = try await harness.call("create_time_entry", [
                "project_id": .int(Fixture.Project.acmeMobile), "task_id": .int(Fixture.Task.mobileDevelopment), "hours": 0.25,
                "spent_date": .string(existing.spentDate), "notes": .string("  " + notes.uppercased() + " "),
            ]).content()
            #expect(sameNotes["possible_duplicates"]?.arrayValue?.contains { $0["id"]?.intValue == Fixture.TimeEntry.samYesterday } == true)

            // A day with nothing on it: no warning at all.
            let empty = day(harness.sandbox.today, plus: 45)
            let alone = try await harness.call("create_time_entry", [
                "project": "Acme Website", "task": "Design", "hours": 1, "spent_date": .string(empty)]).content()
            #expect(alone["possible_duplicates"] == nil && alone["note"] == nil)

            // A failed look does not stop the entry from being logged.
            harness.sandbox.inject(.nonJSONBody, method: "GET", path: "/time_entries")
            let unchecked = try await harness.call("create_time_entry", [
                "project": "Acme Website", "task": "Design", "hours": 1, "spent_date": .string(empty)]).content()
            #expect(unchecked["time_entry"]?["id"]?.intValue != nil)
            #expect(unchecked["possible_duplicates"] == nil)
        }
    }
}
