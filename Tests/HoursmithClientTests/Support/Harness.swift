import Foundation
import HoursmithSandbox
import ConcurrencyHelpers
@testable import HoursmithClient

/// A fresh sandbox and a client of it, with a virtual clock (retries and pacing do not wait for
/// real) and a log recorder. The sandbox shuts down with the harness.
final class Harness: Sendable {
    static let version = "9.9.9-test"

    let sandbox: Sandbox
    let client: HoursmithClient
    let clock: VirtualClock
    let logs: LogRecorder

    init(
        token: String = Fixture.Token.owner,
        sandbox configuration: SandboxConfiguration = .relaxed,
        configure: (inout HoursmithConfiguration) -> Void = { _ in }
    ) throws {
        sandbox = try Sandbox(configuration)
        clock = VirtualClock()
        logs = LogRecorder()
        client = try Harness.client(for: sandbox.baseURL, token: token, clock: clock, logs: logs, configure: configure)
    }

    deinit {
        sandbox.shutdown()
    }

    /// Another client of the same sandbox (another token, say), sharing the clock and log.
    func client(token: String, configure: (inout HoursmithConfiguration) -> Void = { _ in }) throws -> HoursmithClient {
        try Harness.client(for: sandbox.baseURL, token: token, clock: clock, logs: logs, configure: configure)
    }

    static func client(
        for baseURL: String, token: String, clock: VirtualClock, logs: LogRecorder,
        configure: (inout HoursmithConfiguration) -> Void = { _ in }
    ) throws -> HoursmithClient {
        var configuration = HoursmithConfiguration(
            token: try APIToken.parse(token).token,
            version: version,
            baseURL: baseURL,
            requestTimeout: .seconds(10),
            retry: RetryPolicy(jitter: { 0.5 }),
            clock: clock.clock,
            logger: logs
        )
        configure(&configuration)
        return try HoursmithClient(configuration: configuration)
    }

    /// The sandbox's "today" (always a valid date: the sandbox writes it).
    var today: LocalDate {
        LocalDate(sandbox.today)!
    }

    /// Requests the sandbox logged for a method and path.
    func requests(_ method: String, _ path: String) -> [SandboxRequest] {
        sandbox.requests().filter { $0.method == method && $0.path == path }
    }
}

/// Virtual time: `sleep` records the duration and advances `now` at once.
final class VirtualClock: Sendable {
    private let state = Locked((elapsed: Duration.zero, sleeps: [Duration]()))
    private let origin = ContinuousClock.now

    var sleeps: [Duration] { state.current.sleeps }

    var clock: ClientClock {
        ClientClock(
            now: { [state, origin] in origin + state.current.elapsed },
            sleep: { [state] duration in
                try Task.checkCancellation()
                state.withLock {
                    $0.sleeps.append(duration)
                    $0.elapsed += duration
                }
                await Task.yield()
            }
        )
    }
}

/// Every log line the client wrote, with the method it came through.
final class LogRecorder: ClientLogger {
    private let entries = Locked<[(level: String, message: String)]>([])

    var lines: [(level: String, message: String)] { entries.current }
    /// `warning: GET /me: …`, a line each.
    var text: String { lines.map { "\($0.level): \($0.message)" }.joined(separator: "\n") }

    func debug(_ message: @autoclosure () -> String) { record("debug", message()) }
    func info(_ message: @autoclosure () -> String) { record("info", message()) }
    func warning(_ message: @autoclosure () -> String) { record("warning", message()) }

    private func record(_ level: String, _ message: String) {
        entries.withLock { $0.append((level, message)) }
    }
}
