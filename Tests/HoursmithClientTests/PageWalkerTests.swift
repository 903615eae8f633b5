import Foundation
import ConcurrencyHelpers
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
    ///
    /// With `answerNewestFirst`, pages after the first answer in an order the test decides, not
    /// the network: each waits until the walk has `window` pages in flight (or every page left),
    /// and then only the highest-numbered page in flight answers. Every later page so answers
    /// before the earlier ones still waiting, which puts reassembly in order to the test.
    final class FakeList: Sendable {
        struct State {
            var requested: [(page: Int, perPage: Int)] = []
            var inFlight: Set<Int> = []
            var maxInFlight = 0
            var answered = 0
        }

        let total: Int
        let failOnPage: Int?
        let answerNewestFirst: (window: Int, lastPage: Int)?
        private let state = Watched(State())

        init(total: Int, failOnPage: Int? = nil, answerNewestFirst: (window: Int, lastPage: Int)? = nil) {
            self.total = total
            self.failOnPage = failOnPage
            self.answerNewestFirst = answerNewestFirst
        }

        var requested: [(page: Int, perPage: Int)] { state.current.requested }
        var maxInFlight: Int { state.current.maxInFlight }
        /// The pages in the order they answered.
        private let answers = Watched<[Int]>([])
        var answerOrder: [Int] { answers.current }

        func page(_ number: Int, _ perPage: Int) async throws(HoursmithError) -> Page<Int> {
            state.withLock {
                $0.requested.append((number, perPage))
                $0.inFlight.insert(number)
                $0.maxInFlight = max($0.maxInFlight, $0.inFlight.count)
            }
            if let (window, lastPage) = answerNewestFirst, number > 1 {
                do {
                    try await state.wait(until: { state in
                        let left = lastPage - 1 - state.answered
                        return state.inFlight.count == min(window, left) && state.inFlight.max() == number
                    }, "page \(number)'s turn")
                } catch {
                    throw HoursmithError(kind: .cancelled, message: "\(error)")
                }
            }
            answers.withLock { $0.append(number) }
            state.withLock {
                $0.inFlight.remove(number)
                if number > 1 { $0.answered += 1 }
            }
            if number == failOnPage { throw HoursmithError(kind: .serverError(status: 500), message: "boom") }
            let start = (number - 1) * perPage
            let items = Array(start..<min(total, start + perPage))
            let totalPages = max(1, (total + perPage - 1) / perPage)
            return Page(items: items, page: number, perPage: perPage, totalPages: totalPages, totalEntries: total,
                        nextPage: number < totalPages ? number + 1 : nil, previousPage: number > 1 ? number - 1 : nil)
        }
    }

    @Test func collectsEveryPageInOrder() async throws {
        let list = FakeList(total: 1050, answerNewestFirst: (window: 3, lastPage: 11))
        let progress = ProgressLog()
        let result = try await Self.client().collectAll(limit: 5000, perPage: 100, progress: progress.record) { page, perPage in
            try await list.page(page, perPage)
        }
        #expect(result.items == Array(0..<1050))
        #expect(result.totalEntries == 1050)
        #expect(!result.truncated)
        #expect(list.requested.map(\.page).sorted() == Array(1...11))
        #expect(list.requested.first?.page == 1, "page 1 comes first: it tells how many pages there are")
        #expect(list.answerOrder == [1, 4, 5, 6, 7, 8, 9, 10, 11, 3, 2], "later pages answered first")
        #expect(list.maxInFlight == 3, "pages after the first overlap, three at a time")
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
        let list = FakeList(total: 1000, failOnPage: 4)
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
