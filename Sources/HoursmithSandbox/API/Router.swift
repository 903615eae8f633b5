/// A handler of one method on one route. GET handlers only read the store.
typealias Handler = @Sendable (inout Store, Call) throws(APIError) -> APIResponse

/// The contract's routes, relative to `/api/v1`.
enum Router {
    enum Segment: Sendable {
        case literal(String)
        /// A positive integer id.
        case id
    }

    struct Route: Sendable {
        let segments: [Segment]
        let methods: [(method: String, handler: Handler)]
    }

    enum Match {
        case handler(Handler, ids: [Int])
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    static let routes: [Route] = [
        Route(segments: [.literal("me")], methods: [("GET", AccountHandlers.me)]),
        Route(segments: [.literal("users")], methods: [("GET", AccountHandlers.list)]),
        Route(segments: [.literal("users"), .id], methods: [("GET", AccountHandlers.get)]),
        Route(segments: [.literal("clients")], methods: [("GET", ClientHandlers.list), ("POST", ClientHandlers.create)]),
        Route(segments: [.literal("clients"), .id], methods: [
            ("GET", ClientHandlers.get), ("PATCH", ClientHandlers.update), ("DELETE", ClientHandlers.delete),
        ]),
        Route(segments: [.literal("projects")], methods: [("GET", ProjectHandlers.list), ("POST", ProjectHandlers.create)]),
        Route(segments: [.literal("projects"), .id], methods: [("GET", ProjectHandlers.get), ("PATCH", ProjectHandlers.update)]),
        Route(segments: [.literal("projects"), .id, .literal("archive")], methods: [("POST", ProjectHandlers.archive)]),
        Route(segments: [.literal("tasks")], methods: [("GET", TaskHandlers.list), ("POST", TaskHandlers.create)]),
        Route(segments: [.literal("tasks"), .id], methods: [("GET", TaskHandlers.get), ("PATCH", TaskHandlers.update)]),
        Route(segments: [.literal("tasks"), .id, .literal("archive")], methods: [("POST", TaskHandlers.archive)]),
        Route(segments: [.literal("time_entries")], methods: [
            ("GET", TimeEntryHandlers.list), ("POST", TimeEntryHandlers.create),
        ]),
        Route(segments: [.literal("time_entries"), .id], methods: [
            ("GET", TimeEntryHandlers.get), ("PATCH", TimeEntryHandlers.update), ("DELETE", TimeEntryHandlers.delete),
        ]),
        Route(segments: [.literal("time_entries"), .id, .literal("stop")], methods: [("POST", TimeEntryHandlers.stop)]),
        Route(segments: [.literal("time_entries"), .id, .literal("restart")], methods: [("POST", TimeEntryHandlers.restart)]),
        Route(segments: [.literal("expenses")], methods: [("GET", ExpenseHandlers.list), ("POST", ExpenseHandlers.create)]),
        Route(segments: [.literal("expenses"), .id], methods: [
            ("GET", ExpenseHandlers.get), ("PATCH", ExpenseHandlers.update), ("DELETE", ExpenseHandlers.delete),
        ]),
        Route(segments: [.literal("invoices")], methods: [("GET", InvoiceHandlers.list), ("POST", InvoiceHandlers.create)]),
        Route(segments: [.literal("invoices"), .id], methods: [("GET", InvoiceHandlers.get)]),
        Route(segments: [.literal("reports"), .literal("time")], methods: [("GET", ReportHandlers.time)]),
    ]

    /// The handler for a method and a path relative to `/api/v1` (`/clients/5`).
    static func match(method: String, path: String) -> Match {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.first == "" else { return .notFound }
        parts.removeFirst()
        for route in routes where route.segments.count == parts.count {
            var ids: [Int] = []
            var matches = true
            for (segment, part) in zip(route.segments, parts) {
                switch segment {
                case .literal(let text):
                    matches = part == text
                case .id:
                    if part.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let id = Int(part), id > 0 {
                        ids.append(id)
                    } else {
                        matches = false
                    }
                }
                if !matches { break }
            }
            guard matches else { continue }
            guard let handler = route.methods.first(where: { $0.method == method })?.handler else {
                return .methodNotAllowed(allowed: route.methods.map(\.method))
            }
            return .handler(handler, ids: ids)
        }
        return .notFound
    }
}
