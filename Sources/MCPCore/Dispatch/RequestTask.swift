import Foundation
import JSONCore

extension MCPServer {
    /// Serves `request` in a task of its own — a tool call, or a prompt, resource or completion
    /// request that may read an API — registered in flight (so that `notifications/cancelled`
    /// finds it and shutdown waits for it), with a ``ToolContext`` for its progress and logs.
    ///
    /// It is answered exactly once: by `work` (nil means it was cancelled: no reply), or, if it is
    /// still running at the time limit (``ServerConfiguration/callTimeout`` from `answerBy`'s
    /// start), by `timeLimitReply`, and its task is cancelled.
    func serveInTask(
        _ request: JSONRPCRequest, _ terms: RequestTerms, _ call: InFlightRequests.Call, answerBy: ContinuousClock.Instant,
        completion: @escaping @Sendable (SerializedMessage?) -> Void,
        timeLimitReply: @escaping @Sendable () -> SerializedMessage,
        work: @escaping @Sendable (ToolContext) async -> SerializedMessage?
    ) {
        guard let ticket = inFlight.begin(call, answerBy: answerBy) else {
            let replies = replyWriter(for: request, terms)
            return completion(replies.error(.invalidRequest("id \(request.id) is already used by a request in progress")))
        }
        let progressToken = request.meta["progressToken"].flatMap(RequestID.init)?.json
        let channel = RequestChannel(
            progressToken: progressToken, version: terms.version, clientLogLevel: terms.clientLogLevel,
            loggerName: configuration.name, sink: sink)
        let context = ToolContext(
            requestID: request.id, protocolVersion: terms.version, deadline: answerBy - configuration.toolAnswerMargin,
            timeLimit: configuration.callTimeout, channel: channel)
        let disarmTimeLimit = timeLimits.arm(configuration.callTimeout) {
            self.inFlight.expire(ticket) { reply in
                channel.close()
                guard reply else { return completion(nil) }
                self.logger.warning("\(call) was still running at its time limit of \(Self.words(self.configuration.callTimeout)); "
                    + "answered with an error, and cancelled.")
                completion(timeLimitReply())
            }
        }
        let task = Task {
            let reply = await work(context)
            disarmTimeLimit()
            channel.close()
            self.inFlight.finish(ticket) { replied in
                guard replied, let reply else {
                    self.logger.debug("Request \(request.id) (\(call.tool)) was cancelled; no reply.")
                    return completion(nil)
                }
                completion(reply)
            }
        }
        inFlight.attach(task, to: ticket)
    }
}
