import Dispatch
import Foundation
import Locking

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
/// stdout is gone (`EPIPE`; SIGPIPE is ignored). It then lets in-flight requests finish for up to
/// `shutdownGrace` and ``run()`` returns the exit status, 0.
public final class StdioServer: Sendable {
    public let server: MCPServer
    private let input: Int32
    private let shutdown: ShutdownSignal
    private let logger: Logger

    public init(
        configuration: ServerConfiguration, tools: any ToolSource, prompts: (any PromptSource)? = nil,
        resources: (any ResourceSource)? = nil, logger: Logger, input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO
    ) {
        let shutdown = ShutdownSignal()
        FileDescriptorIO.enlargePipeBuffer(output, to: 1 << 20)
        let writer = LineWriter(descriptor: output) { error in
            shutdown.request("stdout is closed (\(String(cString: strerror(error))))")
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
    public func run(handlingSignals: Bool = true) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let signalSources = (handlingSignals ? [SIGTERM, SIGINT] : []).map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [shutdown] in shutdown.request(number == SIGTERM ? "SIGTERM" : "SIGINT") }
            source.resume()
            return source
        }
        defer { signalSources.forEach { $0.cancel() } }

        let reader = Thread { [server, input, shutdown] in
            StdioServer.readLines(from: input, into: server, until: shutdown)
            shutdown.request("stdin reached end of input")
        }
        // JSON nesting is bounded (512 levels), but give the recursive reader room to spare.
        reader.stackSize = 8 << 20
        reader.start()

        let reason = shutdown.wait()
        let grace = server.configuration.shutdownGrace
        let inFlight = server.requestsInFlight
        if inFlight > 0 {
            logger.info("Stopping (\(reason)); letting \(inFlight) request(s) finish, for at most \(grace).")
            let deadline = Date(timeIntervalSinceNow: Double(grace.components.seconds) + Double(grace.components.attoseconds) / 1e18)
            if !server.waitForRequests(before: deadline) {
                logger.warning("\(server.requestsInFlight) request(s) did not finish within \(grace); exiting anyway.")
            }
        } else {
            logger.debug("Stopping (\(reason)).")
        }
        return 0
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

/// A one-way latch: the first request to stop wins and wakes the waiter.
final class ShutdownSignal: Sendable {
    /// Why the server stops; nil until something asks it to.
    private let reason = LockedCondition<String?>(nil)

    var isRequested: Bool { reason.current != nil }

    func request(_ why: String) {
        reason.withLock { $0 = $0 ?? why }
    }

    /// Blocks the calling thread until a stop is requested; returns why.
    func wait() -> String {
        reason.wait(until: { $0 != nil }).value ?? ""
    }
}
