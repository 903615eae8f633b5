import Foundation
import Locking
import Testing
@testable import HoursmithClient

/// `collectAll` over a fake list: the pages are made here, no HTTP is involved.
@Suite struct PageWalkerTests {
    static func client(maxConcurrentPages: Int = 3) throws -> HoursmithClient {
        let token = try APIToken.parse("hsk_live_0123456789ab_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef").token
        return try HoursmithClient(configuration: HoursmithConfiguration(
            token: token, version: "test", baseURL: "http://127.0.0.1:9/api/v1", maxConcurrentPages: maxConcurrentPages))
    }

    /// A list of `total` numbers, served `perPage` at a time; records which pages were asked for
    /// and how many were in flight at most.
    final class FakeList: @unchecked Sendable {
        let total: Int
        let lock = NSLock()
        var requested: [(page: Int, perPage: Int)] = []
        var inFlight = 0
        var maxInFlight = 0
        var failOnPage: Int?

        init(total: Int) { self.total = total }

        func page(_ number: Int, _ perPage: Int) async throws(HoursmithError) -> Page<Int> {
            lock.withLock {
                requested.append((number, perPage))
                inFlight += 1
                maxInFlight = max(maxInFlight, inFlight)
            }
            // Later pages answer sooner, so that reassembly in order is put to the test.
            try? await Task.sleep(for: .milliseconds(max(1, 12 - number)))
            lock.withLock { inFlight -= 1 }
            if number == failOnPage { throw HoursmithError(kind: .serverError(status: 500), message: "boom") }
            let start = (number - 1) * perPage
            let items = Array(start..<min(total, start + perPage))
            let totalPages = max(1, (total + perPage - 1) / perPage)
            return Page(items: items, page: number, perPage: perPage, totalPages: totalPages, totalEntries: total,
                        nextPage: number < totalPages ? number + 1 : nil, previousPage: number > 1 ? number - 1 : nil)
        }
    }

    @Test func collectsEveryPageInOrder() async throws {
        let list = FakeList(total: 1050)
        let progress = ProgressLog()
        let result = try await Self.client().collectAll(limit: 5000, perPage: 100, progress: progress.record) { page, perPage in
            try await list.page(page, perPage)
        }
        #expect(result.items == Array(0..<1050))
        #expect(result.totalEntries == 1050)
        #expect(!result.truncated)
        #expect(list.requested.map(\.page).sorted() == Array(1...11))
        #expect(list.requested.first?.page == 1, "page 1 comes first: it tells how many pages there are")
        #expect(list.maxInFlight <= 3)
        #expect(list.maxInFlight > 1, "pages after the first overlap")
        #expect(progress.calls.count == 11)
        #expect(progress.calls.last == [1050, 1050])
        #expect(progress.calls.map { $0[0] } == progress.calls.map { $0[0] }.sorted())
    }

    @Test func stopsAtTheLimitAndSaysItTruncated() async throws {
        let list = FakeList(total: 10_000)
        let result = try await Self.client().collectAll(limit: 2500, perPage: 1000) { page, perPage in
            try await list.page(page, perPage)
        }
        #expect(result.items == Array(0..<2500))
        #expect(result.truncated)
        #expect(result.totalEntries == 10_000)
        #expect(list.requested.map(\.page).sorted() == [1, 2, 3], "no page past the limit is fetched")
    }

    @Test func asksForNoMoreThanTheLimitPerPage() async throws {
        let list = FakeList(total: 500)
        let result = try await Self.client().collectAll(limit: 20) { page, perPage in try await list.page(page, perPage) }
        #expect(result.items.count == 20)
        #expect(list.requested.map(\.perPage) == [20])
        #expect(list.requested.count == 1)
    }

    @Test func anEmptyListIsOneRequest() async throws {
        let list = FakeList(total: 0)
        let result = try await Self.client().collectAll(limit: 100) { page, perPage in try await list.page(page, perPage) }
        #expect(result.items.isEmpty)
        #expect(!result.truncated)
        #expect(list.requested.count == 1)
    }

    @Test func aFailingPageFailsTheWalk() async throws {
        let list = FakeList(total: 1000)
        list.failOnPage = 4
        let error = await #expect(throws: HoursmithError.self) {
            try await Self.client().collectAll(limit: 1000, perPage: 100) { page, perPage in try await list.page(page, perPage) }
        }
        #expect(error?.kind == .serverError(status: 500))
    }

    final class ProgressLog: Sendable {
        private let recorded = Locked<[[Int]]>([])
        var calls: [[Int]] { recorded.current }
        var record: @Sendable (Int, Int) -> Void {
            { [recorded] received, expected in recorded.withLock { $0.append([received, expected]) } }
        }
    }
}
