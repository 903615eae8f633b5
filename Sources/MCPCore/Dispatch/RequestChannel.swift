import Foundation
import JSONCore
import ConcurrencyHelpers

/// What a tool handler may know and do about the request it serves.
package struct ToolContext: Sendable {
    package let requestID: RequestID
    /// The revision the request was made in.
    package let protocolVersion: ProtocolVersion
    /// When the tool should have answered by: a little before the call's time limit, at which
    /// the server answers for it (with a generic error) and cancels it. A tool that waits on
    /// something should stop by then and say what happened in its own words.
    package let deadline: ContinuousClock.Instant
    /// The call's whole time limit (``ServerConfiguration/callTimeout``), for words.
    package let timeLimit: Duration
    let channel: RequestChannel

    init(requestID: RequestID, protocolVersion: ProtocolVersion, deadline: ContinuousClock.Instant, timeLimit: Duration, channel: RequestChannel) {
        self.requestID = requestID
        self.protocolVersion = protocolVersion
        self.deadline = deadline
        self.timeLimit = timeLimit
        self.channel = channel
    }

    /// Whether the client asked for progress (the request carried a `progressToken`).
    package var wantsProgress: Bool { channel.progressToken != nil }

    /// Reports progress, when the client asked for it. Values must increase; a value that does
    /// not, or a report after the reply, is dropped.
    package func reportProgress(_ progress: Double, total: Double? = nil, message: String? = nil) {
        channel.progress(progress, total: total, message: message)
    }

    /// Sends a log message to the client, when the revision and the request allow it
    /// (legacy: after `logging/setLevel`; modern: when `_meta` asked with a log level).
    package func log(_ level: LogLevel, _ message: String) {
        channel.log(level, message)
    }
}

/// The per-request path for notifications that belong to a request (progress, log messages).
/// Closing it, just before the reply is written, guarantees nothing of the request follows it.
final class RequestChannel: Sendable {
    let progressToken: JSON?
    private let version: ProtocolVersion
    private let clientLogLevel: LogLevel?
    private let loggerName: String
    private let redact: @Sendable (String) -> String
    private let sink: any MessageSink
    /// Notifications are written under this lock, so that none can follow ``close()``.
    private let state = Locked((closed: false, lastProgress: -Double.infinity))

    init(
        progressToken: JSON?, version: ProtocolVersion, clientLogLevel: LogLevel?, loggerName: String,
        redact: @escaping @Sendable (String) -> String, sink: any MessageSink
    ) {
        self.progressToken = progressToken
        self.version = version
        self.clientLogLevel = clientLogLevel
        self.loggerName = loggerName
        self.redact = redact
        self.sink = sink
    }

    func progress(_ progress: Double, total: Double?, message: String?) {
        guard let progressToken, progress.isFinite else { return }
        var params: JSONObject = ["progressToken": progressToken, "progress": .double(progress)]
        if let total, total.isFinite { params["total"] = .double(total) }
        if let message, version.hasToolAnnotations { params["message"] = .string(redact(message)) }
        state.withLock { state in
            guard !state.closed, progress > state.lastProgress else { return }
            state.lastProgress = progress
            sink.send(JSONRPCOutgoing.notification(method: "notifications/progress", params: params))
        }
    }

    func log(_ level: LogLevel, _ message: String) {
        guard let clientLogLevel, level >= clientLogLevel else { return }
        let params: JSONObject = ["level": .string(level.description), "logger": .string(loggerName), "data": .string(redact(message))]
        state.withLock { state in
            guard !state.closed else { return }
            sink.send(JSONRPCOutgoing.notification(method: "notifications/message", params: params))
        }
    }

    /// No notification of this request is written after this returns.
    func close() {
        state.withLock { $0.closed = true }
    }
}
