import Foundation
import JSONCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One call of the API, before it becomes a `URLRequest`.
struct APIRequest: Sendable {
    enum Method: String, Sendable {
        case get = "GET", post = "POST", patch = "PATCH", delete = "DELETE"
    }

    let method: Method
    /// Relative to the base URL, e.g. `/time_entries/5/stop`.
    let path: String
    /// The one object the request is about (time entry 5), when it is about one.
    let object: APIObject?
    /// The collection it creates in or acts on (time entries), when there is one.
    let collection: APICollection?
    let query: QueryItems
    let body: JSONObject?
    let safety: RequestSafety
    /// For creates: the key to send instead of a new one per call (tests use it to replay).
    var idempotencyKey: String?

    private init(
        method: Method, path: String, object: APIObject?, collection: APICollection? = nil, query: QueryItems, body: JSONObject?,
        safety: RequestSafety
    ) {
        self.method = method
        self.path = path
        self.object = object
        self.collection = collection ?? object?.collection
        self.query = query
        self.body = body
        self.safety = safety
    }

    /// A GET of a list, or of what is not an object (`/me`, `/reports/time`).
    static func get(_ path: String, _ query: QueryItems = QueryItems()) -> APIRequest {
        APIRequest(method: .get, path: path, object: nil, query: query, body: nil, safety: .read)
    }

    /// `GET /clients/{id}`.
    static func get(_ collection: APICollection, id: Int) -> APIRequest {
        let object = APIObject(collection, id)
        return APIRequest(method: .get, path: object.path, object: object, query: QueryItems(), body: nil, safety: .read)
    }

    /// `POST /clients`, which creates something: it carries an `Idempotency-Key`.
    static func create(_ collection: APICollection, _ body: JSONObject) -> APIRequest {
        APIRequest(
            method: .post, path: "/\(collection.rawValue)", object: nil, collection: collection, query: QueryItems(), body: body,
            safety: .create)
    }

    /// `PATCH /clients/{id}`.
    static func update(_ collection: APICollection, id: Int, _ body: JSONObject) -> APIRequest {
        let object = APIObject(collection, id)
        return APIRequest(method: .patch, path: object.path, object: object, query: QueryItems(), body: body, safety: .update)
    }

    /// A POST that acts on an existing object: `POST /time_entries/{id}/stop`.
    static func action(_ collection: APICollection, id: Int, _ verb: String) -> APIRequest {
        let object = APIObject(collection, id)
        return APIRequest(method: .post, path: "\(object.path)/\(verb)", object: object, query: QueryItems(), body: nil, safety: .action)
    }

    /// `DELETE /clients/{id}`.
    static func delete(_ collection: APICollection, id: Int) -> APIRequest {
        let object = APIObject(collection, id)
        return APIRequest(method: .delete, path: object.path, object: object, query: QueryItems(), body: nil, safety: .action)
    }

    /// `GET /time_entries?page=2`: for errors and logs (the query holds filters, never secrets).
    var line: String {
        let query = query.encoded
        return "\(method.rawValue) \(path)\(query.isEmpty ? "" : "?" + query)"
    }
}

extension APIRequest {
    /// The `URLRequest` to send, with the contract's headers. This is the only place the token's
    /// secret leaves `APIToken`, as the `Authorization` header.
    func urlRequest(baseURL: BaseURL, token: APIToken, userAgent: String, timeoutSeconds: Int, idempotencyKey: String?) -> URLRequest? {
        guard let url = baseURL.url(path: path, query: query) else { return nil }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = method.rawValue
        urlRequest.timeoutInterval = TimeInterval(timeoutSeconds)
        urlRequest.setValue(token.authorizationHeaderValue, forHTTPHeaderField: "Authorization")
        urlRequest.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
            urlRequest.httpBody = Data(JSON.object(body).serialized())
        }
        if let idempotencyKey {
            urlRequest.setValue(idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
        }
        return urlRequest
    }
}

/// Query parameters in order, percent-encoded when written.
struct QueryItems: Sendable, Equatable {
    private(set) var items: [(name: String, value: String)] = []

    mutating func add(_ name: String, _ value: String?) {
        if let value { items.append((name, value)) }
    }

    mutating func add(_ name: String, _ value: Int?) { add(name, value.map { String($0) }) }
    mutating func add(_ name: String, _ value: Bool?) { add(name, value.map { $0 ? "true" : "false" }) }
    mutating func add(_ name: String, _ value: LocalDate?) { add(name, value?.description) }
    mutating func add(_ name: String, _ value: Timestamp?) { add(name, value?.text) }

    mutating func addPage(_ page: Int?, perPage: Int?) {
        add("page", page)
        add("per_page", perPage)
    }

    /// `a=1&b=x%2By`: only RFC 3986 unreserved characters are left as they are.
    var encoded: String {
        items.map { "\(QueryItems.escape($0.name))=\(QueryItems.escape($0.value))" }.joined(separator: "&")
    }

    private static func escape(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return result
    }

    static func == (lhs: QueryItems, rhs: QueryItems) -> Bool {
        lhs.items.elementsEqual(rhs.items) { $0.name == $1.name && $0.value == $1.value }
    }
}
