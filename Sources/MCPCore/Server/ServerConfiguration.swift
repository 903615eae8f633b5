import JSONCore

/// Who the server is and the limits it keeps.
public struct ServerConfiguration: Sendable {
    /// `serverInfo.name`, e.g. `hoursmith-mcp`.
    public var name: String
    /// `serverInfo.title`, for people.
    public var title: String
    public var version: String
    /// A short guide for the model, sent in `initialize` and `server/discover` results.
    public var instructions: String?
    /// The longest line read, in bytes; a longer one is discarded with a -32600 error.
    public var maxLineLength = 16 * 1024 * 1024
    /// How many requests run at once; the rest wait their turn.
    public var maxConcurrentRequests = 16
    /// After stdin closes or a signal arrives, how long in-flight requests may take to finish.
    public var shutdownGrace: Duration = .seconds(5)
    /// How many tools one `tools/list` page holds.
    public var toolsPageSize = 100
    /// How long a client may cache `server/discover`, in milliseconds.
    public var discoverTimeToLive = 3_600_000
    /// How long `tools/list` and `server/discover` wait for an unsettled tool source.
    public var toolListHold: Duration = .seconds(3)

    public init(name: String, title: String, version: String, instructions: String? = nil) {
        self.name = name
        self.title = title
        self.version = version
        self.instructions = instructions
    }

    /// `serverInfo` as `version` defines `Implementation` (a `title` from 2025-06-18 on).
    func serverInfo(for version: ProtocolVersion) -> JSON {
        var object: JSONObject = ["name": .string(name)]
        if version.hasStructuredOutput { object["title"] = .string(title) }
        object["version"] = .string(self.version)
        return .object(object)
    }
}
