import Foundation
import JSONCore

extension MCPServer {
    /// How a request served in a task turns what goes wrong into its reply.
    struct Failures: Sendable {
        /// What the reply says of a request still running at its time limit.
        let timeLimit: @Sendable () -> SerializedMessage
        /// The reply to what the work threw (a cancellation excepted: that has no reply).
        let thrown: @Sendable (any Error) -> SerializedMessage
    }

    /// The one path of every request that may take a while — a tool call, `prompts/get`,
    /// `resources/read`, `completion/complete`. It runs in a task of its own, registered in flight
    /// (so that `notifications/cancelled` finds it and shutdown waits for it), with a
    /// ``RequestContext`` for its progress and logs and its deadline, within the concurrency
    /// limit; what `work` throws is answered by `failures`.
    ///
    /// It is answered exactly once: by `work`, or by `failures.thrown`, or — if it is still running
    /// at its time limit (``ServerConfiguration/callTimeout`` from its arrival) — by
    /// `failures.timeLimit`, and its task is cancelled. A request cancelled by the client is not
    /// answered.
    func serve(
        _ request: JSONRPCRequest, _ terms: RequestTerms, _ call: InFlightRequests.Call,
        completion: @escaping @Sendable (SerializedMessage?) -> Void,
        failures: Failures,
        work: @escaping @Sendable (RequestContext) async throws -> SerializedMessage
    ) {
        let answerBy = ContinuousClock.now + configuration.callTimeout
        guard let ticket = inFlight.begin(call, answerBy: answerBy) else {
            let replies = replyWriter(for: request, terms)
            return completion(replies.error(.invalidRequest("id \(request.id) is already used by a request in progress")))
        }
        // A progress token the output filter would change could not be matched: no progress then.
        let progressToken = request.meta["progressToken"].flatMap(RequestID.init).flatMap { isEchoedUnchanged($0) ? $0.json : nil }
        let channel = RequestChannel(
            progressToken: progressToken, version: terms.version, clientLogLevel: terms.clientLogLevel,
            loggerName: configuration.name, sink: sink)
        let context = RequestContext(
            requestID: request.id, protocolVersion: terms.version, deadline: answerBy - configuration.toolAnswerMargin,
            timeLimit: configuration.callTimeout, channel: channel)
        let disarmTimeLimit = timeLimits.arm(configuration.callTimeout) {
            self.inFlight.expire(ticket) { reply in
                channel.close()
                guard reply else { return completion(nil) }
                self.logger.warning("\(call) was still running at its time limit of \(self.configuration.callTimeout.words); "
                    + "answered with an error, and cancelled.")
                completion(failures.timeLimit())
            }
        }
        let task = Task {
            let reply = await self.limit.withSlot { () async -> SerializedMessage? in
                let started = ContinuousClock.now
                do {
                    let reply = try await work(context)
                    self.logger.debug("\(call.tool) answered in \(ContinuousClock.now - started).")
                    return reply
                } catch is CancellationError where Task.isCancelled {
                    return nil
                } catch {
                    self.logger.debug("\(call.tool) answered in \(ContinuousClock.now - started), with an error: \(error)")
                    return failures.thrown(error)
                }
            }
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

    /// Serves a prompt, resource or completion request (``serve(_:_:_:completion:failures:work:)``),
    /// answered with JSON-RPC errors: a thrown ``JSONRPCError`` as it is, a ``Refusal`` as
    /// `refusal` makes it, a ``ToolError`` as -32603 in its words, anything else -32603. These only
    /// read: one cut off by its time limit changed nothing.
    func answerLater(
        _ request: JSONRPCRequest, _ terms: RequestTerms, completion: @escaping @Sendable (SerializedMessage?) -> Void,
        refusal: @escaping @Sendable (String) -> JSONRPCError = { .invalidParams($0) },
        answer: @escaping @Sendable (RequestContext) async throws -> SerializedMessage
    ) {
        let replies = replyWriter(for: request, terms)
        let call = InFlightRequests.Call(id: request.id, tool: request.method, isReadOnly: true)
        let failures = Failures {
            replies.error(.internalError("\(request.method) did not finish within \(self.configuration.callTimeout.words), "
                + "this server's time limit, and was stopped. Try again in a moment."))
        } thrown: { error in
            switch error {
            case let error as JSONRPCError: return replies.error(error)
            case let refused as Refusal: return replies.error(refusal(refused.message))
            case let failed as ToolError: return replies.error(.internalError(failed.message))
            default:
                self.logger.error("\(request.method) failed: \(error)")
                return replies.error(.internalError("\(request.method) failed: \(error)"))
            }
        }
        serve(request, terms, call, completion: completion, failures: failures, work: answer)
    }

    /// A list with one page: a `cursor` can only be one this server never gave out.
    func refuseCursor(_ request: JSONRPCRequest) -> JSONRPCError? {
        guard request.params["cursor"] != nil else { return nil }
        return .invalidParams("the cursor is not one this server gave out: this list has a single page; list again without a cursor")
    }
}
