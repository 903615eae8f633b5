import JSONCore

/// Who is calling: the membership behind the token.
struct Caller: Sendable {
    let token: String
    let user: UserRecord
    let workspace: WorkspaceRecord

    var userID: Int { user.id }
    var workspaceID: Int { workspace.id }
    var isMember: Bool { user.role == "member" }
    /// Owner or admin: everything in the workspace.
    var isAdmin: Bool { user.role == "owner" || user.role == "admin" }
    /// Owner, admin or manager.
    var canManage: Bool { !isMember }

    /// Throws 403 unless the caller is an owner or admin.
    func requireAdmin(_ action: String) throws(APIError) {
        guard isAdmin else { throw APIError.forbidden("Your role (\(user.role)) may not \(action); an owner or admin can.") }
    }

    /// Throws 403 for members.
    func requireManager(_ action: String) throws(APIError) {
        guard canManage else { throw APIError.forbidden("Your role (member) may not \(action).") }
    }
}

/// One authenticated API request, as handlers see it.
struct Call: Sendable {
    let caller: Caller
    let method: String
    /// The request path relative to the API base (`/projects/5/archive`).
    let path: String
    /// The numeric ids in the path, in order (`[5]` for `/projects/5/archive`).
    let ids: [Int]
    let query: QueryParameters
    let body: JSONObject
    /// Now, in seconds since the epoch.
    let now: Int
    /// Today in the caller's workspace time zone.
    let today: Int
    /// The absolute API base for links (`http://127.0.0.1:8787/api/v1`).
    let linkBase: String
    /// Serialized time entries from earlier answers.
    let renderCache: RenderCache

    /// The first id in the path.
    var id: Int { ids.first ?? 0 }
}

/// The parameters of a query string, decoded (`%xx`, and `+` as a space), in order.
struct QueryParameters: Sendable {
    let pairs: [(name: String, value: String)]

    init(_ query: String) {
        var pairs: [(String, String)] = []
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = QueryParameters.decode(pieces[0])
            let value = pieces.count > 1 ? QueryParameters.decode(pieces[1]) : ""
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    /// The last value given for `name`.
    subscript(name: String) -> String? {
        pairs.last { $0.name == name }?.value
    }

    /// The parameters as a dictionary (the last value of a repeated name wins).
    var dictionary: [String: String] {
        var result: [String: String] = [:]
        for (name, value) in pairs { result[name] = value }
        return result
    }

    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), utf8.count >= 2,
                      let high = hexValue(utf8[utf8.startIndex]), let low = hexValue(utf8[utf8.startIndex + 1]) {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Percent-encodes a value for a query string.
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: ":"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = "0123456789ABCDEF".utf8.map { Character(Unicode.Scalar($0)) }
                result += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0F)])"
            }
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
