import Foundation
import HoursmithSandbox
import ConcurrencyHelpers
import Testing
@testable import HoursmithClient

/// `collectAll` over real pages of the sandbox.
@Suite struct WalkTests {
    @Test func walksTimeEntriesInTheAPIsOrder() async throws {
        let harness = try Harness { $0.maxConcurrentPages = 3 }
        let client = harness.client
        let received = Locked<[Int]>([])
        let result = try await client.collectAll(limit: 4_500, perPage: 1_000, progress: { count, _ in received.withLock { $0.append(count) } }) { page, perPage in
            try await client.listTimeEntries(page: page, perPage: perPage)
        }
        #expect(result.items.count == 4_500)
        #expect(result.truncated)
        #expect(result.totalEntries > 10_000)
        #expect(Set(result.items.map(\.id)).count == 4_500, "no entry twice")
        let ordered = zip(result.items, result.items.dropFirst()).allSatisfy { earlier, later in
            earlier.spentDate > later.spentDate || (earlier.spentDate == later.spentDate && earlier.id > later.id)
        }
        #expect(ordered, "newest first across page boundaries")
        let pages = harness.requests("GET", "/time_entries")
        #expect(pages.compactMap { $0.query["page"] }.sorted() == ["1", "2", "3", "4", "5"])
        #expect(pages.allSatisfy { $0.query["per_page"] == "1000" })
        #expect(received.withLock { $0 }.last == 4_500)

        // The same items as one page at a time, in order.
        var sequential: [Int] = []
        for page in 1...5 { sequential += try await client.listTimeEntries(page: page, perPage: 1_000).items.map(\.id) }
        #expect(result.items.map(\.id) == Array(sequential.prefix(4_500)))
    }

    @Test func aFilteredWalkThatFitsIsNotTruncated() async throws {
        let harness = try Harness()
        let client = harness.client
        let filter = TimeEntryFilter(userID: Fixture.User.member, from: harness.today.adding(days: -30))
        let result = try await client.collectAll(limit: 10_000, perPage: 50) { page, perPage in
            try await client.listTimeEntries(filter, page: page, perPage: perPage)
        }
        #expect(!result.truncated)
        #expect(result.items.count == result.totalEntries)
        #expect(result.items.allSatisfy { $0.user.id == Fixture.User.member })
    }
}
