/// Reads and validates query parameters, collecting a problem per bad field so that one 422
/// names them all. Parameters nobody asks for are ignored.
struct QueryReader {
    let query: QueryParameters
    private(set) var errors = FieldErrors()

    init(_ query: QueryParameters) {
        self.query = query
    }

    /// A positive integer id.
    mutating func id(_ name: String) -> Int? {
        guard let text = query[name] else { return nil }
        guard let value = Int(text), value > 0 else {
            errors.add(name, "must be a positive integer")
            return nil
        }
        return value
    }

    /// `true` or `false`.
    mutating func bool(_ name: String) -> Bool? {
        switch query[name] {
        case nil: return nil
        case "true": return true
        case "false": return false
        default:
            errors.add(name, "must be true or false")
            return nil
        }
    }

    /// A `YYYY-MM-DD` date, as a day number.
    mutating func date(_ name: String, required: Bool = false) -> Int? {
        guard let text = query[name] else {
            if required { errors.add(name, "is required") }
            return nil
        }
        guard let day = CivilTime.parseDate(text) else {
            errors.add(name, "must be a date in the form YYYY-MM-DD")
            return nil
        }
        return day
    }

    /// A `from`/`to` pair of dates; `to` before `from` is a problem of `to`.
    mutating func dateRange(required: Bool = false) -> (from: Int?, to: Int?) {
        let from = date("from", required: required), to = date("to", required: required)
        if let from, let to, to < from { errors.add("to", "must be on or after from") }
        return (from, to)
    }

    /// An RFC 3339 timestamp, as seconds since the epoch.
    mutating func timestamp(_ name: String) -> Int? {
        guard let text = query[name] else { return nil }
        guard let seconds = CivilTime.parseTimestamp(text) else {
            errors.add(name, "must be an RFC 3339 timestamp such as 2026-01-31T09:00:00Z")
            return nil
        }
        return seconds
    }

    /// One of a fixed set of words.
    mutating func choice(_ name: String, _ options: [String]) -> String? {
        guard let text = query[name] else { return nil }
        guard options.contains(text) else {
            errors.add(name, "must be one of \(options.joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// `page` and `per_page`.
    mutating func pageRequest() -> PageRequest {
        var request = PageRequest()
        if let text = query["page"] {
            if let page = Int(text), page >= 1 { request.page = page } else { errors.add("page", "must be an integer of at least 1") }
        }
        if let text = query["per_page"] {
            if let perPage = Int(text), (1...PageRequest.maxPerPage).contains(perPage) {
                request.perPage = perPage
            } else {
                errors.add("per_page", "must be an integer from 1 to \(PageRequest.maxPerPage)")
            }
        }
        return request
    }
}
