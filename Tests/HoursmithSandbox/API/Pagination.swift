import JSONCore

/// `page` and `per_page` of a list request.
struct PageRequest: Sendable {
    static let maxPerPage = 2000
    var page = 1
    var perPage = 100
}

/// The rows of one page and how many matched in all.
struct PageWindow<Row> {
    var rows: [Row] = []
    var total = 0
}

extension PageRequest {
    /// Walks `rows` in order, counting those that match and keeping the ones on this page.
    func window<S: Sequence>(_ rows: S, where matches: (S.Element) -> Bool) -> PageWindow<S.Element> {
        let (first, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        let start = overflow ? Int.max : first
        let end = start > Int.max - perPage ? Int.max : start + perPage
        var window = PageWindow<S.Element>()
        window.rows.reserveCapacity(min(perPage, 2000))
        for row in rows where matches(row) {
            if window.total >= start && window.total < end { window.rows.append(row) }
            window.total += 1
        }
        return window
    }

    /// The list answer: items, page numbers and links (absolute URLs that keep the request's
    /// other parameters).
    func envelope(_ plural: String, items: [JSON], total: Int, call: Call) -> JSON {
        let totalPages = max(1, (total + perPage - 1) / perPage)
        let next: Int? = page < totalPages ? page + 1 : nil
        let previous: Int? = page > 1 ? page - 1 : nil
        var rest = ""
        for (name, value) in call.query.pairs where name != "page" && name != "per_page" {
            rest += "&\(QueryParameters.encode(name))=\(QueryParameters.encode(value))"
        }
        let base = call.linkBase + call.path
        func link(_ page: Int?) -> JSON {
            guard let page else { return .null }
            return .string("\(base)?page=\(page)&per_page=\(perPage)\(rest)")
        }
        return [
            plural: .array(items),
            "page": .int(page),
            "per_page": .int(perPage),
            "total_pages": .int(totalPages),
            "total_entries": .int(total),
            "next_page": .int(orNull: next),
            "previous_page": .int(orNull: previous),
            "links": ["first": link(1), "next": link(next), "previous": link(previous), "last": link(totalPages)],
        ]
    }
}
