import Foundation
import JSONCore

extension MCPServer {
    /// Serves a request whose answer takes a while (it may read an API): `prompts/get`,
    /// `resources/read`, `completion/complete`. Like a tool call, it runs in a task of its own,
    /// within the concurrency limit, and can be cancelled (then it is not answered).
    ///
    /// `answer` makes the reply. A ``JSONRPCError`` it throws is the reply; any other error is
    /// answered with -32603.
    func answerLater(
        _ request: JSONRPCRequest, _ terms: RequestTerms, completion: @escaping @Sendable (SerializedMessage?) -> Void,
        answer: @escaping @Sendable (ToolContext) async throws -> SerializedMessage
    ) {
        let answerBy = ContinuousClock.now + configuration.callTimeout
        let replies = replyWriter(for: request, terms)
        // These only read: a request cut off by its time limit changed nothing.
        let call = InFlightRequests.Call(id: request.id, tool: request.method, isReadOnly: true)
        serveInTask(request, terms, call, answerBy: answerBy, completion: completion) {
            replies.error(.internalError("\(request.method) did not finish within \(Self.words(self.configuration.callTimeout)), "
                + "this server's time limit, and was stopped. Try again in a moment."))
        } work: { context in
            await self.run(request, replies, context, answer)
        }
    }

    /// Waits for a slot, runs `answer`, turns what it throws into an error reply. Nil when cancelled.
    private func run(
        _ request: JSONRPCRequest, _ replies: ReplyWriter, _ context: ToolContext,
        _ answer: @Sendable (ToolContext) async throws -> SerializedMessage
    ) async -> SerializedMessage? {
        await limit.withSlot {
            let started = ContinuousClock.now
            do {
                let reply = try await answer(context)
                logger.debug("\(request.method) answered in \(ContinuousClock.now - started).")
                return reply
            } catch is CancellationError where Task.isCancelled {
                return nil
            } catch let error as JSONRPCError {
                logger.debug("\(request.method) answered with error \(error.code): \(error.message)")
                return replies.error(error)
            } catch {
                logger.error("\(request.method) failed: \(error)")
                return replies.error(.internalError("\(request.method) failed: \(error)"))
            }
        }
    }

    /// A list with one page: a `cursor` can only be one this server never gave out.
    func refuseCursor(_ request: JSONRPCRequest) -> JSONRPCError? {
        guard request.params["cursor"] != nil else { return nil }
        return .invalidParams("the cursor is not one this server gave out: this list has a single page; list again without a cursor")
    }
}
