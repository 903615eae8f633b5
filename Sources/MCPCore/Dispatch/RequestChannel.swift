import Foundation
import JSONCore
import ConcurrencyHelpers

/// The per-request path for notifications that belong to a request (progress, log messages).
/// Closing it, just before the reply is written, guarantees nothing of the request follows it.
final class RequestChannel: Sendable {
    let progressToken: JSON?
    private let version: ProtocolVersion
    private let clientLogLevel: LogLevel?
    private let loggerName: String
    private let sink: any MessageSink
    /// Notifications are written under this lock, so that none can follow ``close()``.
    private let state = Locked((closed: false, lastProgress: -Double.infinity))

    init(
        progressToken: JSON?, version: ProtocolVersion, clientLogLevel: LogLevel?, loggerName: String,
        sink: any MessageSink
    ) {
        self.progressToken = progressToken
        self.version = version
        self.clientLogLevel = clientLogLevel
        self.loggerName = loggerName
        self.sink = sink
    }

    func progress(_ progress: Double, total: Double?, message: String?) {
        guard let progressToken, progress.isFinite else { return }
        var params: JSONObject = ["progressToken": progressToken, "progress": .double(progress)]
        if let total, total.isFinite { params["total"] = .double(total) }
        if let message, version.hasToolAnnotations { params["message"] = .string(message) }
        state.withLock { state in
            guard !state.closed, progress > state.lastProgress else { return }
            state.lastProgress = progress
            sink.send(JSONRPCOutgoing.notification(method: "notifications/progress", params: params))
        }
    }

    func log(_ level: LogLevel, _ message: String) {
        guard let clientLogLevel, level >= clientLogLevel else { return }
        let params: JSONObject = ["level": .string(level.description), "logger": .string(loggerName), "data": .string(message)]
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
