import HoursmithClient
import JSONCore
import MCPCore

/// The arguments and result every `list_*` tool shares: one page (`page`, `per_page`), or every
/// page (`all: true`) up to `limit` items; concise items unless `detail: "full"`; and never more
/// than the result budget holds.
enum Lists {
    static let defaultPerPage = 100
    static let defaultLimit = 2000
    static let maxLimit = 10_000
    /// Items per request when `all: true` walks the pages.
    static let walkPerPage = 500

    static let arguments: [JSONSchema.Property] = [
        .init(name: "page", schema: .integer(minimum: 1, maximum: 1_000_000)),
        .init(name: "per_page", schema: .integer("Default 100.", minimum: 1, maximum: 2000)),
        .init(name: "all", schema: .boolean("Every page, up to limit.")),
        .init(name: "limit", schema: .integer("With all: at most this many. Default 2000.", minimum: 1, maximum: maxLimit)),
        .init(name: "detail", schema: .string(
            "concise (default): names, ids in `references`. full: whole objects.", enum: Detail.allCases.map(\.rawValue))),
    ]

    /// A list tool's input: its filters, then the list arguments.
    static func input(_ filters: [JSONSchema.Property]) -> JSONSchema {
        .object(filters + arguments, required: [])
    }

    /// `{"<plural>": [...], "references", "page", "per_page", "total_entries", "next_page",
    /// "truncated", "note"}`, said no more precisely than it must (items differ by `detail`).
    static func output(_ plural: String) -> JSONSchema {
        .object([
            .init(name: plural, schema: .array(of: .object([:], additionalProperties: true))),
            .init(name: "total_entries", schema: .integer()),
            .init(name: "next_page", schema: JSONSchema.integer().nullable()),
            .init(name: "truncated", schema: .boolean()),
        ], required: [plural, "total_entries", "truncated"], additionalProperties: true)
    }

    /// Room kept in the budget for the members around the items (the pagination, the note, ~500
    /// bytes): 600 bytes in a small budget, up to 1,200 in a larger one.
    static func overhead(_ budget: ResultBudget) -> Int { min(1200, max(600, budget.tokens / 4)) }

    /// A `query` over these members of each item (a user's `first_name` and `last_name` are also
    /// matched together).
    static func names(_ members: String...) -> ListQuery {
        ListQuery { item in
            var texts = members.compactMap { item[$0]?.json.stringValue }
            if let first = item["first_name"]?.json.stringValue, let last = item["last_name"]?.json.stringValue {
                texts.append("\(first) \(last)")
            }
            return texts
        }
    }
}

/// What a list's `query` argument is matched against in each item (see ``NameMatch``).
struct ListQuery: Sendable {
    let texts: @Sendable (WireItem) -> [String]
}

/// A list result built item by item, stopping at the last whole item the budget holds.
struct ListBuilder {
    let plural: String
    let view: ListView
    let detail: Detail
    let room: Int
    private(set) var items: [JSON] = []
    private(set) var references = References()
    private var used = 0
    /// Set when an item did not fit.
    private(set) var isFull = false

    init(plural: String, view: ListView, detail: Detail, budget: ResultBudget) {
        self.plural = plural
        self.view = view
        self.detail = detail
        self.room = budget.tokens - Lists.overhead(budget) - plural.utf8.count
    }

    /// Adds the item if it fits; false (and full from then on) when it does not.
    mutating func add(_ wire: WireItem) -> Bool {
        guard !isFull else { return false }
        var trial = references
        let (item, referenceBytes) = view.item(wire.json, detail, references: &trial)
        let size = item.serialized().count + 1 + referenceBytes
        guard used + size <= room else {
            isFull = true
            return false
        }
        used += size
        references = trial
        items.append(item)
        return true
    }

    /// The result, with the pagination members and, when something was left out, the note.
    func result(page: Int, perPage: Int, totalEntries: Int, nextPage: Int?, truncated: Bool, note: String?) -> JSON {
        var object: JSONObject = [plural: .array(items)]
        if !references.isEmpty { object["references"] = references.json }
        object["page"] = .int(page)
        object["per_page"] = .int(perPage)
        object["total_entries"] = .int(totalEntries)
        object["next_page"] = .int(orNull: nextPage)
        object["truncated"] = .bool(truncated)
        if let note { object["note"] = .string(note) }
        return .object(object)
    }
}

extension ToolCall {
    /// The list arguments' `detail`.
    var detail: Detail { arguments.string("detail").flatMap(Detail.init(rawValue:)) ?? .concise }

    /// Runs a list: one page, or (with `all: true`) pages until the list is complete, `limit`
    /// items, or the budget is full. `steer` ends the note of a cut list: the cheaper call.
    func list<Item>(
        _ request: ListRequest<Item>, view: ListView, steer: String, matching query: ListQuery? = nil
    ) async throws -> JSON {
        let client = self.client
        let noun = Item.listKey.replacingOccurrences(of: "_", with: " ")
        var builder = ListBuilder(plural: Item.listKey, view: view, detail: detail, budget: budget)
        let budgetWords = "the result budget (\(budget.tokens) tokens) holds no more"
        if let query, let text = arguments.string("query") {
            return try await matches(request, query: query, text: text, builder: builder, noun: noun, budgetWords: budgetWords)
        }
        guard arguments.bool("all") == true else {
            let number = arguments.int("page") ?? 1
            let page = try await client.wirePage(request, page: number, perPage: arguments.int("per_page") ?? Lists.defaultPerPage)
            for item in page.items where !builder.add(item) { break }
            let cut = builder.items.count < page.items.count
            let note = cut
                ? "Showing \(builder.items.count) of this page's \(page.items.count) \(noun) (\(page.totalEntries) in all): "
                    + "\(budgetWords). Ask for per_page: \(max(1, builder.items.count)), or narrow the filters. \(steer)"
                : nil
            return builder.result(page: page.page, perPage: page.perPage, totalEntries: page.totalEntries,
                                  nextPage: page.nextPage, truncated: cut, note: note)
        }
        if arguments.contains("page") {
            throw ToolError("`page` cannot be combined with `all: true`, which returns every page; use one or the other.")
        }
        let limit = arguments.int("limit") ?? Lists.defaultLimit
        let perPage = min(arguments.int("per_page") ?? Lists.walkPerPage, limit)
        let context = self.context
        var total = 0
        try await client.walkPages(request, perPage: perPage) { page in
            total = page.totalEntries
            for item in page.items {
                guard builder.items.count < limit, builder.add(item) else { break }
            }
            let expected = min(total, limit)
            context.reportProgress(Double(builder.items.count), total: Double(expected),
                                   message: "\(builder.items.count) of \(expected) \(noun)")
            return builder.items.count < limit && !builder.isFull
        }
        let count = builder.items.count
        let truncated = count < total
        var note: String?
        if builder.isFull {
            note = "Showing the first \(count) of \(total) \(noun): \(budgetWords). Narrow the filters (dates, project, "
                + "user), or ask for pages (page, per_page). \(steer)"
        } else if truncated {
            note = "Showing the first \(count) of \(total) \(noun) (limit \(limit)). Narrow the filters, or raise `limit` "
                + "(at most \(Lists.maxLimit)). \(steer)"
        }
        return builder.result(page: 1, perPage: count, totalEntries: total, nextPage: nil, truncated: truncated, note: note)
    }

    /// Every item whose name (or alias) matches `text`: exact matches first, then prefix, then
    /// substring, each in the API's order. Reads every page (these lists are short).
    private func matches<Item>(
        _ request: ListRequest<Item>, query: ListQuery, text: String, builder: ListBuilder, noun: String, budgetWords: String
    ) async throws -> JSON {
        if arguments.contains("page") || arguments.bool("all") != nil {
            throw ToolError("`query` returns every match at once: leave out `page` and `all`.")
        }
        let folded = NameMatch.fold(text)
        var found: [(NameMatch, WireItem)] = []
        try await client.walkPages(request, perPage: 2000) { page in
            for item in page.items {
                if let match = NameMatch.best(query.texts(item), foldedQuery: folded) { found.append((match, item)) }
            }
            return found.count < Lists.maxLimit
        }
        var builder = builder
        let ranked = found.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
        for item in ranked where !builder.add(item) { break }
        let cut = builder.items.count < ranked.count
        let note = cut ? "Showing \(builder.items.count) of the \(ranked.count) \(noun) that match: \(budgetWords). "
            + "Make the query longer." : (ranked.isEmpty ? "No \(noun) match \"\(text)\" (case and accents are ignored)." : nil)
        return builder.result(page: 1, perPage: builder.items.count, totalEntries: ranked.count, nextPage: nil,
                              truncated: cut, note: note)
    }
}
