import JSONCore

/// Who the server is and the limits it keeps.
package struct ServerConfiguration: Sendable {
    /// `serverInfo.name`, e.g. `hoursmith-mcp`.
    package var name: String
    /// `serverInfo.title`, for people.
    package var title: String
    package var version: String
    /// A short guide for the model, sent in `initialize` and `server/discover` results.
    package var instructions: String?
    /// The longest line read, in bytes; a longer one is discarded with a -32600 error.
    package var maxLineLength = 16 * 1024 * 1024
    /// How many tool calls run at once; the rest wait their turn. Enough that calls stuck on a
    /// hung endpoint (each until its time limit) leave room for the others.
    package var maxConcurrentRequests = 32
    /// How long a tool call may take, from its arrival to its answer — waiting for its turn
    /// included. At the limit the server answers for the tool and cancels it (a tool answers by
    /// itself a little earlier: ``RequestContext/deadline``).
    package var callTimeout: Duration = .seconds(40)
    /// After a signal, or once stdout is gone, how long calls in flight may take to finish. (At
    /// the end of stdin they may take until their time limit: their replies can still be read.)
    package var shutdownGrace: Duration = .seconds(5)
    /// How many tools one `tools/list` page holds.
    package var toolsPageSize = 100
    /// How long a client may cache `server/discover`, in milliseconds.
    package var discoverTimeToLive = 3_600_000
    /// How long `tools/list` and `server/discover` wait for an unsettled tool source.
    package var toolListHold: Duration = .seconds(3)

    package init(name: String, title: String, version: String, instructions: String? = nil) {
        self.name = name
        self.title = title
        self.version = version
        self.instructions = instructions
    }

    /// How long before the call's time limit a tool should answer by itself: a second, or a
    /// quarter of a short limit.
    var toolAnswerMargin: Duration { min(.seconds(1), callTimeout / 4) }

    /// `serverInfo` as `version` defines `Implementation` (a `title` from 2025-06-18 on).
    func serverInfo(for version: ProtocolVersion) -> JSON {
        var object: JSONObject = ["name": .string(name)]
        if version.hasStructuredOutput { object["title"] = .string(title) }
        object["version"] = .string(self.version)
        return .object(object)
    }
}
