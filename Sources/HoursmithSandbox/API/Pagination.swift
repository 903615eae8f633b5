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

    /// The list answer: `{"<plural>": [items], "page", "per_page", "total_pages",
    /// "total_entries", "next_page", "previous_page", "links"}`, links being absolute URLs that
    /// keep the request's other parameters.
    ///
    /// Each item is rendered and written straight into one buffer sized up front, so a page of
    /// 2000 never exists as a tree of JSON values at once.
    func answer<Row>(_ plural: String, _ window: PageWindow<Row>, call: Call, render: (Row) -> JSON) -> APIResponse {
        var bytes = answerStart(plural, count: window.rows.count)
        for (index, row) in window.rows.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            render(row).serialize(into: &bytes)
        }
        return answerEnd(&bytes, total: window.total, call: call)
    }

    /// The list answer with the items written by `writeItems` (comma-separated, into the
    /// buffer it is given).
    func answer(_ plural: String, count: Int, total: Int, call: Call, writeItems: (inout [UInt8]) -> Void) -> APIResponse {
        var bytes = answerStart(plural, count: count)
        writeItems(&bytes)
        return answerEnd(&bytes, total: total, call: call)
    }

    private func answerStart(_ plural: String, count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 512 + 1024)
        bytes.append(contentsOf: "{\"\(plural)\":[".utf8)
        return bytes
    }

    private func answerEnd(_ bytes: inout [UInt8], total: Int, call: Call) -> APIResponse {
        bytes.append(UInt8(ascii: "]"))
        // The other members: a JSON object whose opening brace becomes the comma after the list.
        var rest = JSON.object(pageMembers(total: total, call: call)).serialized()
        rest[0] = UInt8(ascii: ",")
        bytes.append(contentsOf: rest)
        return APIResponse(status: 200, body: bytes)
    }

    /// Everything of a list answer but the list.
    private func pageMembers(total: Int, call: Call) -> JSONObject {
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
