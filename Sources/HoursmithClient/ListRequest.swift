import Foundation
import JSONCore

/// A list endpoint with its filters, e.g. `.timeEntries(filter)`: `GET` of a path whose answer is
/// a page of `Item`s under `Item.listKey`.
///
/// Fetch a page as models with ``HoursmithClient/page(_:page:perPage:)``, or in its wire form with
/// ``HoursmithClient/wirePage(_:page:perPage:)`` to pass the items on as the API wrote them.
package struct ListRequest<Item: ListableModel>: Sendable {
    let path: String
    let query: QueryItems

    init(_ path: String, _ query: QueryItems) {
        self.path = path
        self.query = query
    }

    func request(page: Int?, perPage: Int?) -> APIRequest {
        var query = query
        query.addPage(page, perPage: perPage)
        return .get(path, query)
    }
}

/// A list's item as the API wrote it: a JSON object with an integer `id`, validated but not decoded.
package typealias WireItem = JSONDocument.Value

extension HoursmithClient {
    /// One page of `list`, its items decoded as models.
    package func page<Item>(_ list: ListRequest<Item>, page: Int? = nil, perPage: Int? = nil) async throws(HoursmithError) -> Page<Item> {
        try await fetch(list.request(page: page, perPage: perPage)) { (fields) throws(JSONDecodingError) in
            try Page<Item>(fields: fields)
        }
    }

    /// One page of `list` in its wire form: the pagination read, each item checked to be an
    /// object with an integer `id` and kept as the validated text the API sent.
    ///
    /// For passing a list on: a page of two thousand items is not decoded into models only to be
    /// written back as JSON.
    package func wirePage<Item>(_ list: ListRequest<Item>, page: Int? = nil, perPage: Int? = nil) async throws(HoursmithError) -> Page<WireItem> {
        try await fetchDocument(list.request(page: page, perPage: perPage)) { (document) throws(JSONDecodingError) in
            try Page(wire: document.root, listKey: Item.listKey)
        }
    }
}

extension Page where Item == WireItem {
    /// Reads a list answer's pagination and checks its items, leaving them undecoded.
    init(wire root: JSONDocument.Value, listKey: String) throws(JSONDecodingError) {
        guard root.kind == .object else { throw JSONDecodingError(path: "", problem: "expected an object") }
        guard let elements = root[listKey]?.elements else {
            throw JSONDecodingError(path: listKey, problem: "expected an array of objects")
        }
        for (position, element) in elements.enumerated() where element.kind != .object || element["id"]?.json.intValue == nil {
            let problem = element.kind == .object ? "expected an object with an integer `id`" : "expected an object"
            throw JSONDecodingError(path: "\(listKey)[\(position)]", problem: problem)
        }
        var pagination = JSONObject()
        for key in PageFields.names {
            if let value = root[key] { pagination[key] = value.json }
        }
        try self.init(items: elements, pagination: JSONFields(.object(pagination)))
    }
}
