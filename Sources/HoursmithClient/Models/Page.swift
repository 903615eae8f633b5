import JSONCore

/// One page of a list answer.
package struct Page<Item: Sendable>: Sendable {
    package let items: [Item]
    package let page: Int
    package let perPage: Int
    package let totalPages: Int
    package let totalEntries: Int
    package let nextPage: Int?
    package let previousPage: Int?

    package init(items: [Item], page: Int, perPage: Int, totalPages: Int, totalEntries: Int, nextPage: Int?, previousPage: Int?) {
        self.items = items
        self.page = page
        self.perPage = perPage
        self.totalPages = totalPages
        self.totalEntries = totalEntries
        self.nextPage = nextPage
        self.previousPage = previousPage
    }
}

extension Page: Equatable where Item: Equatable {}

extension Page {
    /// The same page with each item transformed.
    package func map<T: Sendable>(_ transform: (Item) -> T) -> Page<T> {
        Page<T>(items: items.map(transform), page: page, perPage: perPage, totalPages: totalPages,
                totalEntries: totalEntries, nextPage: nextPage, previousPage: previousPage)
    }
}

/// The pagination members of a list answer.
enum PageFields {
    static let names = ["page", "per_page", "total_pages", "total_entries", "next_page", "previous_page"]
}

extension Page {
    /// A page of `items`, with the pagination members of its answer.
    init(items: [Item], pagination fields: JSONFields) throws(JSONDecodingError) {
        self.items = items
        page = try fields.int("page")
        perPage = try fields.int("per_page")
        totalPages = try fields.int("total_pages")
        totalEntries = try fields.int("total_entries")
        nextPage = try fields.optionalInt("next_page")
        previousPage = try fields.optionalInt("previous_page")
    }
}

extension Page where Item: ListableModel {
    /// Decodes a list answer: the items under `Item.listKey` and the pagination members.
    package init(fields: JSONFields) throws(JSONDecodingError) {
        try self.init(items: fields.models(Item.listKey, Item.self), pagination: fields)
    }

    /// The page in the API's wire form, without `links`.
    package var json: JSONObject {
        [
            Item.listKey: .array(items.map { .object($0.json) }),
            "page": .int(page),
            "per_page": .int(perPage),
            "total_pages": .int(totalPages),
            "total_entries": .int(totalEntries),
            "next_page": .int(orNull: nextPage),
            "previous_page": .int(orNull: previousPage),
        ]
    }
}
