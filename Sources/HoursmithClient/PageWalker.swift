/// What a walk over the pages of a list collected.
package struct Collected<Item: Sendable>: Sendable {
    /// The items in the API's order, at most the walk's limit.
    package let items: [Item]
    /// `total_entries` as the first page reported it.
    package let totalEntries: Int
    /// Whether the limit left items out.
    package let truncated: Bool
}

extension Collected: Equatable where Item: Equatable {}

extension HoursmithClient {
    /// Collects the items of every page of a list, up to `limit` items.
    ///
    /// Page 1 tells how many pages there are; the pages after it are fetched up to
    /// `configuration.maxConcurrentPages` at a time and put back in order. `progress` is told
    /// the items received so far and the number expected (`min(total_entries, limit)`) after each
    /// page. Requests are paced by the client, so a long walk does not meet a 429.
    ///
    /// ```swift
    /// let all = try await client.collectAll(limit: 10_000) { page, perPage in
    ///     try await client.listTimeEntries(filter, page: page, perPage: perPage)
    /// }
    /// ```
    package func collectAll<Item: Sendable>(
        limit: Int,
        perPage: Int = 2000,
        progress: (@Sendable (_ received: Int, _ expected: Int) -> Void)? = nil,
        fetchPage: @escaping @Sendable (_ page: Int, _ perPage: Int) async throws -> Page<Item>
    ) async throws(HoursmithError) -> Collected<Item> {
        // The page requests of a walk, and only they, wait for the pacer.
        let outcome: Result<Collected<Item>, HoursmithError> = await PageWalk.$isActive.withValue(true) {
            do throws(HoursmithError) {
                return .success(try await walk(limit: limit, perPage: perPage, progress: progress, fetchPage: fetchPage))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    private func walk<Item: Sendable>(
        limit: Int,
        perPage: Int,
        progress: (@Sendable (_ received: Int, _ expected: Int) -> Void)?,
        fetchPage: @escaping @Sendable (_ page: Int, _ perPage: Int) async throws -> Page<Item>
    ) async throws(HoursmithError) -> Collected<Item> {
        let limit = max(0, limit)
        let perPage = min(max(1, perPage), 2000, max(1, limit))
        // `fetchPage` is untyped so that callers' closures need no annotation; what it throws is
        // a `HoursmithError` from an endpoint, or else (a cancellation, say) is wrapped in one.
        let fetch: @Sendable (Int) async -> Result<Page<Item>, HoursmithError> = { number in
            do {
                return .success(try await fetchPage(number, perPage))
            } catch let error as HoursmithError {
                return .failure(error)
            } catch is CancellationError {
                return .failure(HoursmithError(kind: .cancelled, message: "The request was cancelled."))
            } catch {
                return .failure(HoursmithError(kind: .transportFailure(detail: "\(error)"), message: "Fetching a page failed: \(error)."))
            }
        }
        let first = try await fetch(1).get()
        let expected = min(first.totalEntries, limit)
        var received = min(first.items.count, expected)
        progress?(received, expected)

        let lastPage = min(first.totalPages, (limit + perPage - 1) / perPage)
        var pages: [Int: [Item]] = [1: first.items]
        if lastPage >= 2 {
            let concurrency = max(1, configuration.maxConcurrentPages)
            let failure = await withTaskGroup(of: (Int, Result<Page<Item>, HoursmithError>).self) { group -> HoursmithError? in
                var next = 2
                func startNext() {
                    let number = next
                    next += 1
                    group.addTask { (number, await fetch(number)) }
                }
                while next <= lastPage && next < 2 + concurrency { startNext() }
                while let (number, result) = await group.next() {
                    switch result {
                    case .failure(let error):
                        group.cancelAll()
                        return error
                    case .success(let page):
                        pages[number] = page.items
                        received = min(received + page.items.count, expected)
                        progress?(received, expected)
                        if next <= lastPage { startNext() }
                    }
                }
                return nil
            }
            if let failure { throw failure }
        }

        var items: [Item] = []
        items.reserveCapacity(expected)
        for number in 1...max(1, lastPage) {
            items.append(contentsOf: pages[number] ?? [])
        }
        if items.count > limit { items.removeLast(items.count - limit) }
        return Collected(items: items, totalEntries: first.totalEntries, truncated: first.totalEntries > limit)
    }
}

extension HoursmithClient {
    /// Fetches the pages of `list` one after another, from page 1, paced as ``collectAll(limit:perPage:progress:fetchPage:)``'s
    /// are, handing each (in its wire form) to `body` until `body` returns false or the last page
    /// has been handed over. For a walk that stops as soon as it has what it needs.
    package func walkPages<Item>(
        _ list: ListRequest<Item>, perPage: Int, _ body: (Page<WireItem>) -> Bool
    ) async throws(HoursmithError) {
        let outcome: Result<Void, HoursmithError> = await PageWalk.$isActive.withValue(true) {
            var number = 1
            while true {
                let page: Page<WireItem>
                do throws(HoursmithError) {
                    page = try await wirePage(list, page: number, perPage: min(max(1, perPage), 2000))
                } catch {
                    return .failure(error)
                }
                guard body(page), let next = page.nextPage, next > number else { return .success(()) }
                number = next
            }
        }
        try outcome.get()
    }
}

extension HoursmithClient {
    /// Runs `body` with its requests paced as a page walk's are: each waits until the pacers
    /// admit it (or fails at once with `pacedPastDeadline` when the wait would pass the call's
    /// deadline), so that a run of writes — a batch of creates — never meets a 429.
    package func paced<T>(_ body: () async throws -> T) async rethrows -> T {
        try await PageWalk.$isActive.withValue(true, operation: body)
    }
}
