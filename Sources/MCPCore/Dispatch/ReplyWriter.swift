import JSONCore

/// Writes every reply to a request: the JSON-RPC envelope, and around a result what the revision
/// it is served under requires — from 2026-07-28 on, `resultType`, `_meta` with the server's
/// `serverInfo`, and, for results a client may cache, `ttlMs` and `cacheScope`.
///
/// A method's reply is one call:
///
/// ```swift
/// let replies = replyWriter(for: request, terms)
/// reply(replies.result(["prompts": .array(prompts)], cache: CacheHint(timeToLive: 300_000, scope: .private)))
/// reply(replies.error(.invalidParams("\"name\" is required")))
/// ```
///
/// A large result is written in pieces (``result(pieces:then:cache:)``): JSON text made
/// elsewhere — a tool's result, a cached tool list — goes out from its own buffer, not copied.
struct ReplyWriter: Sendable {
    /// The id to answer; nil when the request's id could not be read (written as `null`).
    let id: RequestID?
    /// The revision the request is served under; nil when there is none (yet): a bare reply.
    let version: ProtocolVersion?
    /// `serverInfo` as `version` defines it.
    private let serverInfo: JSON?

    init(id: RequestID?, version: ProtocolVersion?, configuration: ServerConfiguration) {
        self.id = id
        self.version = version
        self.serverInfo = version.map(configuration.serverInfo(for:))
    }

    /// A result whose body is `body` (a `_meta` in it is kept, with `serverInfo` added).
    func result(_ body: JSONObject, cache: CacheHint? = nil) -> SerializedMessage {
        var writer = envelope("result")
        writer.write(.object(decorated(body, cache: cache)))
        writer.raw("}")
        return SerializedMessage(writer.bytes)
    }

    /// A result written in pieces: `pieces` are its first members, as JSON text without the
    /// braces (`"content":[…]`), followed by `members` (which may not hold a `_meta`). The pieces
    /// at `filtered` (indices into `pieces`) have been through the output filter already.
    func result(pieces: [[UInt8]], then members: JSONObject = [:], cache: CacheHint? = nil, filtered: Set<Int> = []) -> SerializedMessage {
        var head = envelope("result")
        head.raw("{")
        var tail = JSONWriter()
        tail.writeMembers(continuing: decorated(members, cache: cache))
        tail.raw("}}")
        return SerializedMessage(pieces: [head.bytes] + pieces + [tail.bytes], filtered: Set(filtered.map { $0 + 1 }))
    }

    /// An error response.
    func error(_ error: JSONRPCError) -> SerializedMessage {
        var writer = envelope("error")
        writer.write(error.json)
        writer.raw("}")
        return SerializedMessage(writer.bytes)
    }

    /// The first member of a result written in pieces: `"name":` and JSON text made elsewhere.
    static func member(_ name: String, json: [UInt8]) -> [[UInt8]] {
        var key = JSONWriter(capacity: name.utf8.count + 3)
        key.write(name)
        key.raw(":")
        return [key.bytes, json]
    }

    /// `{"jsonrpc":"2.0","id":…,"<member>":`
    private func envelope(_ member: StaticString) -> JSONWriter {
        var writer = JSONWriter()
        writer.raw(#"{"jsonrpc":"2.0","id":"#)
        writer.write(id?.json ?? .null)
        writer.raw(",\"")
        writer.raw(member)
        writer.raw("\":")
        return writer
    }

    /// `members`, and after them what the revision adds to a result.
    private func decorated(_ members: JSONObject, cache: CacheHint?) -> JSONObject {
        guard let version, version.isModern, let serverInfo else { return members }
        var members = members
        if let cache {
            members["ttlMs"] = .int(max(0, cache.timeToLive))
            members["cacheScope"] = .string(cache.scope.rawValue)
        }
        members["resultType"] = "complete"
        var meta = members["_meta"]?.objectValue ?? [:]
        meta[ModernMeta.serverInfo] = serverInfo
        members["_meta"] = .object(meta)
        return members
    }
}

/// How long, and with whom, a client may cache a result (`ttlMs` and `cacheScope`, written from
/// 2026-07-28 on).
struct CacheHint: Sendable {
    enum Scope: String, Sendable {
        /// The same for every user of this server.
        case `public`
        /// Depends on who asks (the token's role): never shared across users.
        case `private`
    }

    /// Milliseconds.
    let timeToLive: Int
    let scope: Scope
}
