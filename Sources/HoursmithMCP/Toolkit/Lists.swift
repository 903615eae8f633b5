import HoursmithClient
import JSONCore
import MCPCore

/// The arguments and result every `list_*` tool shares: one page (`page`, `per_page`), or every
/// page (`all: true`) up to `limit` items, with progress when the client asked for it.
enum Lists {
    static let defaultPerPage = 100
    static let defaultLimit = 2000
    static let maxLimit = 10_000

    static let arguments: [JSONSchema.Property] = [
        .init(name: "page", schema: .integer("Page number, from 1. Default 1.", minimum: 1)),
        .init(name: "per_page", schema: .integer("Items per page, 1–2000. Default 100.", minimum: 1, maximum: 2000)),
        .init(name: "all", schema: .boolean(
            "true: follow every page and return all items, up to `limit` (the result says when it truncated). Default false.")),
        .init(name: "limit", schema: .integer(
            "With all: true, the most items to return, 1–10000. Default 2000.", minimum: 1, maximum: maxLimit)),
    ]

    /// A list tool's input: its filters, then the list arguments.
    static func input(_ filters: [JSONSchema.Property]) -> JSONSchema {
        .object(filters + arguments, required: [])
    }

    /// `{"<plural>": [...], "page", "per_page", "total_entries", "next_page", "truncated"}`.
    static func output(_ plural: String, item: JSONSchema) -> JSONSchema {
        .object([
            .init(name: plural, schema: .array(of: item)),
            .init(name: "page", schema: .integer("The page returned (1 for all: true).")),
            .init(name: "per_page", schema: .integer()),
            .init(name: "total_entries", schema: .integer("How many items match, in all.")),
            .init(name: "next_page", schema: JSONSchema.integer("The next page's number; null on the last page.").nullable()),
            .init(name: "truncated", schema: .boolean("Whether items were left out (all: true stopped at its limit).")),
            .init(name: "note", schema: .string("What to do about a truncated list.")),
        ], required: [plural, "page", "per_page", "total_entries", "next_page", "truncated"], additionalProperties: true)
    }
}

/// JSON text written both as it is (for the structured content) and escaped (for the text
/// block): a list item, copied from the API's validated page and escaped while later pages are
/// still on their way; or a whole list result, joined from its items.
struct WrittenJSON: Sendable {
    let utf8: [UInt8]
    let escaped: [UInt8]

    init(utf8: [UInt8], escaped: [UInt8]) {
        self.utf8 = utf8
        self.escaped = escaped
    }

    /// A list item: its JSON less `Lists.omitted`, its strings sanitized as they are copied.
    init(item: WireItem) {
        var writer = JSONWriter(capacity: item.byteCount, sanitizing: true)
        writer.write(item, omitting: Lists.omitted)
        var escaper = JSONWriter(capacity: writer.bytes.count + writer.bytes.count / 4)
        writer.bytes.withUnsafeBufferPointer { escaper.writeStringContents(utf8: $0) }
        self.init(utf8: writer.bytes, escaped: escaper.bytes)
    }
}

extension ToolCall {
    /// Runs a list: one page, or (with `all: true`) every page up to `limit`, reporting progress.
    /// Items are passed on as the API wrote them, less `created_at` and `updated_at`.
    func list<Item>(_ request: ListRequest<Item>) async throws -> WrittenJSON {
        let client = self.client
        guard arguments.bool("all") == true else {
            let page = try await client.wirePage(request, page: arguments.int("page") ?? 1,
                                                 perPage: arguments.int("per_page") ?? Lists.defaultPerPage)
            return Lists.result(Item.listKey, items: page.items.map(WrittenJSON.init(item:)), tail: [
                "page": .int(page.page), "per_page": .int(page.perPage), "total_entries": .int(page.totalEntries),
                "next_page": .int(orNull: page.nextPage), "truncated": false,
            ])
        }
        if arguments.contains("page") {
            throw ToolError("`page` cannot be combined with `all: true`, which returns every page; use one or the other.")
        }
        let noun = Item.listKey.replacingOccurrences(of: "_", with: " ")
        let limit = arguments.int("limit") ?? Lists.defaultLimit
        let context = self.context
        let collected = try await client.collectAll(
            limit: limit, perPage: arguments.int("per_page") ?? 2000,
            progress: { received, expected in
                context.reportProgress(Double(received), total: Double(expected), message: "\(received) of \(expected) \(noun)")
            },
            fetchPage: { (page: Int, perPage: Int) async throws -> Page<WrittenJSON> in
                try await client.wirePage(request, page: page, perPage: perPage).map(WrittenJSON.init(item:))
            })
        var tail: JSONObject = [
            "page": 1, "per_page": .int(collected.items.count), "total_entries": .int(collected.totalEntries),
            "next_page": .null, "truncated": .bool(collected.truncated),
        ]
        if collected.truncated {
            tail["note"] = .string("Showing the first \(collected.items.count) of \(collected.totalEntries) \(noun). "
                + "Narrow the filters (dates, project, user), or raise `limit` (at most \(Lists.maxLimit)).")
        }
        return Lists.result(Item.listKey, items: collected.items, tail: tail)
    }
}

extension Lists {
    /// Fields a model rarely needs in a list; single objects keep them.
    static let omitted: JSONMemberNames = ["created_at", "updated_at"]

    /// `{"<plural>": [items…], <tail members>}`, and the same escaped, from the written items.
    static func result(_ plural: String, items: [WrittenJSON], tail: JSONObject) -> WrittenJSON {
        var head = JSONWriter()
        head.raw("{")
        head.write(plural)
        head.raw(":[")
        var end = JSONWriter()
        end.raw("]")
        end.writeMembers(continuing: tail)
        end.raw("}")

        var json = JSONWriter(capacity: items.reduce(head.bytes.count + end.bytes.count) { $0 + $1.utf8.count + 1 })
        var escaped = JSONWriter(capacity: items.reduce(2 * (head.bytes.count + end.bytes.count)) { $0 + $1.escaped.count + 1 })
        json.raw(head.bytes)
        head.bytes.withUnsafeBufferPointer { escaped.writeStringContents(utf8: $0) }
        for (position, item) in items.enumerated() {
            if position > 0 {
                json.raw(",")
                escaped.raw(",")
            }
            json.raw(item.utf8)
            escaped.raw(item.escaped)
        }
        json.raw(end.bytes)
        end.bytes.withUnsafeBufferPointer { escaped.writeStringContents(utf8: $0) }
        return WrittenJSON(utf8: json.bytes, escaped: escaped.bytes)
    }
}
