import Dispatch
import Foundation
import ConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves an ``MCPServer`` over standard input and output.
///
/// A dedicated thread blocks in `read(2)` on stdin (no polling: an idle server uses no CPU),
/// frames lines and hands them to the server; replies are written to stdout one whole line at a
/// time. The server stops when stdin reaches end of input, when SIGTERM or SIGINT arrives, or when
/// stdout is gone (`EPIPE`; SIGPIPE is ignored), and ``run()`` returns the exit status, 0.
///
/// Calls in flight when it stops are let finish: at the end of stdin, each until it is answered
/// (by its time limit at the latest: a client that closed its end may still read the replies);
/// after a signal, or once stdout is gone, for `shutdownGrace` at most (a signal during the first
/// wait cuts it to that too). A call still unanswered then is named in the log, and whether it
/// may have changed something.
package final class StdioServer: Sendable {
    package let server: MCPServer
    private let input: Int32
    private let shutdown: ShutdownSignal
    private let logger: Logger

    package init(
        configuration: ServerConfiguration, tools: any ToolSource, prompts: (any PromptSource)? = nil,
        resources: (any ResourceSource)? = nil, logger: Logger, input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO
    ) {
        let shutdown = ShutdownSignal()
        FileDescriptorIO.enlargePipeBuffer(output, to: 1 << 20)
        let writer = LineWriter(descriptor: output) { error in
            shutdown.request("stdout is closed (\(String(cString: strerror(error))))", urgent: true)
        }
        self.server = MCPServer(
            configuration: configuration, tools: tools, prompts: prompts, resources: resources, logger: logger, sink: writer)
        self.input = input
        self.shutdown = shutdown
        self.logger = logger
    }

    /// Serves until input ends or a signal arrives; returns the process exit status.
    ///
    /// - Parameter handlingSignals: whether SIGTERM and SIGINT stop the server (true for the
    ///   process's own server; tests that run a server in-process pass false).
    package func run(handlingSignals: Bool = true) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let signalSources = (handlingSignals ? [SIGTERM, SIGINT] : []).map { (number: Int32) -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in self.stop(number == SIGTERM ? "SIGTERM" : "SIGINT") }
            source.resume()
            return source
        }
        defer { signalSources.forEach { $0.cancel() } }

        let reader = Thread { [server, input, shutdown] in
            StdioServer.readLines(from: input, into: server, until: shutdown)
            shutdown.request("stdin reached end of input", urgent: false)
        }
        // JSON nesting is bounded (512 levels), but give the recursive reader room to spare.
        reader.stackSize = 8 << 20
        reader.start()

        let stop = shutdown.wait()
        let inFlight = server.inFlight
        let grace = server.configuration.shutdownGrace
        guard inFlight.count > 0 else {
            logger.debug("Stopping (\(stop.reason)).")
            return 0
        }
        let waitUntil: ContinuousClock.Instant
        if stop.isUrgent {
            logger.info("Stopping (\(stop.reason)); letting \(inFlight.count) request(s) finish, for at most \(grace.words).")
            waitUntil = .now + grace
        } else {
            // Every call is answered by its time limit (the server answers for it then). The wait
            // goes on for the grace beyond the last limit, so that a time-limit timer that fires
            // late on a loaded machine still gets its answer out.
            let last = (inFlight.latestAnswer ?? .now) - .now
            logger.info("Stopping (\(stop.reason)); letting \(inFlight.count) request(s) finish, each by its time limit "
                + "(at most \(last.words)).")
            waitUntil = .now + last + max(.seconds(1), grace)
            shutdown.whenUrgent { inFlight.hurry(by: .now + grace) }
        }
        if !inFlight.waitUntilEmpty(before: waitUntil) {
            for call in inFlight.calls {
                let outcome = call.isReadOnly ? "" : "; it may or may not have changed something: check before repeating it"
                logger.warning("Exiting with \(call) unanswered\(outcome).")
            }
        }
        return 0
    }

    /// Stops serving as a signal does: calls in flight get `shutdownGrace` to finish.
    func stop(_ reason: String) {
        shutdown.request(reason, urgent: true)
    }

    private static func readLines(from input: Int32, into server: MCPServer, until shutdown: ShutdownSignal) {
        var framer = LineFramer(maxLineLength: server.configuration.maxLineLength)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        let handle: (LineFramer.Event) -> Void = { event in
            guard !shutdown.isRequested else { return }
            switch event {
            case .line(let line): server.receive(line: line)
            case .oversized(let length): server.receiveOversizedLine(length: length)
            }
        }
        while !shutdown.isRequested {
            let count = FileDescriptorIO.readSome(input, into: buffer)
            guard count > 0 else { break }
            framer.push(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), handle)
        }
        framer.finish(handle)
    }
}

/// A one-way latch: the first request to stop wins and wakes the waiter. A request is urgent
/// when whoever asked wants the process gone soon (a signal, a closed stdout), rather than the
/// calls in flight answered (the end of stdin); a later urgent request still counts as one.
final class ShutdownSignal: Sendable {
    struct Stop: Sendable {
        let reason: String
        let isUrgent: Bool
    }

    private struct State {
        var stop: Stop?
        var isUrgent = false
        var onUrgent: (@Sendable () -> Void)?
    }

    private let state = LockedCondition(State())

    var isRequested: Bool { state.current.stop != nil }

    func request(_ why: String, urgent: Bool) {
        let action: (@Sendable () -> Void)? = state.withLock { state in
            if state.stop == nil { state.stop = Stop(reason: why, isUrgent: urgent) }
            guard urgent, !state.isUrgent else { return nil }
            state.isUrgent = true
            return state.onUrgent
        }
        action?()
    }

    /// Runs `action` when an urgent request comes (now, if one came already).
    func whenUrgent(_ action: @escaping @Sendable () -> Void) {
        let now: Bool = state.withLock { state in
            if state.isUrgent { return true }
            state.onUrgent = action
            return false
        }
        if now { action() }
    }

    /// Blocks the calling thread until a stop is requested; returns the first request.
    func wait() -> Stop {
        state.wait(until: { $0.stop != nil }).value.stop ?? Stop(reason: "", isUrgent: true)
    }
}

