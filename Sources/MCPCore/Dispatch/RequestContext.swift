import Foundation
import JSONCore
import ConcurrencyHelpers

/// What a handler — of a tool call, a prompt, a resource read or a completion — may know and do
/// about the request it serves.
package struct RequestContext: Sendable {
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
