import Foundation
import HoursmithSandbox
import Testing
@testable import HoursmithClient

/// A run of creates (create_time_entries): each with the caller's own `Idempotency-Key`, and,
/// inside `paced { }`, waiting on the pacers as a page walk's requests do.
@Suite struct PacedWritesTests {
    static func draft(_ today: LocalDate, notes: String) -> TimeEntryDraft {
        TimeEntryDraft(projectID: Fixture.Project.acmeWebsite, taskID: Fixture.Task.acmeDesign, spentDate: today.adding(days: 40),
                       hours: 1, notes: notes)
    }

    @Test func createsInsidePacedWaitForRoomAndOthersDoNot() async throws {
        let harness = try Harness { $0.pacing = [RequestPacing(limit: 3, window: .seconds(10))] }
        let client = harness.client
        for index in 0..<4 { _ = try await client.createTimeEntry(Self.draft(harness.today, notes: "unpaced \(index)")) }
        #expect(harness.clock.sleeps.isEmpty, "a single call is sent at once; only a 429 would make it wait")

        let before = harness.clock.sleeps.count
        try await client.paced {
            for index in 0..<4 { _ = try await client.createTimeEntry(Self.draft(harness.today, notes: "paced \(index)")) }
        }
        let waits = harness.clock.sleeps.dropFirst(before)
        #expect(!waits.isEmpty && waits.allSatisfy { $0 > .zero && $0 <= .seconds(10) }, "\(waits)")
        #expect(harness.requests("POST", "/time_entries").count == 8)
    }

    @Test func theCallersKeyIsSentAndAResendLogsNothingNew() async throws {
        let harness = try Harness()
        let draft = Self.draft(harness.today, notes: "keyed")
        let first = try await harness.client.createTimeEntry(draft, idempotencyKey: "batch-key-1")
        let again = try await harness.client.createTimeEntry(draft, idempotencyKey: "batch-key-1")
        #expect(again.id == first.id)
        #expect(harness.sandbox.snapshot().timeEntries.rows.filter { $0.notes == "keyed" }.count == 1)
        #expect(harness.requests("POST", "/time_entries").map { $0.headers["idempotency-key"] } == ["batch-key-1", "batch-key-1"])
    }
}
