import CHoursmithMCP
import Foundation
import ConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process with its three standard streams piped to this one, spawned as an MCP client
/// spawns a server (`posix_spawn`, no descriptor of ours leaking into it): how `doctor` runs
/// the binaries it checks, and how the end-to-end tests run the server.
///
/// Not Foundation's `Process`: on Linux it lists /proc/self/fd on every launch to close what the
/// child should not inherit, crashed there once under a parallel test run with over a thousand
/// descriptors open, and never released a finished process's pipes.
///
/// Ownership is explicit: the caller reads ``standardOutput`` and ``standardError`` to their end
/// and closes them; stdin is written and closed through this object; a thread of its own waits
/// for the exit and reports it once.
package final class ChildProcess: Sendable {
    package let pid: pid_t
    /// The read end of the child's stdout: the caller reads it to the end, then closes it.
    package let standardOutput: Int32
    /// The read end of the child's stderr: the caller reads it to the end, then closes it.
    package let standardError: Int32
    /// The write end of the child's stdin, until ``closeInput()``.
    private let input: Locked<Int32?>
    /// Whether the child has exited and been reaped (its pid may then belong to another process).
    private let reaped: Locked<Bool>

    /// A child that reads from a closed pipe does not kill this test process (`EPIPE` instead).
    private static let brokenPipesIgnored: Bool = ignoreBrokenPipes()

    /// Spawns `executable` with exactly `environment`. `exited` is called once, on another
    /// thread, with the exit status: its exit code, or 128 + the signal that ended it.
    package init(
        executable: URL, arguments: [String], environment: [String: String],
        exited: @escaping @Sendable (Int32) -> Void
    ) throws {
        _ = ChildProcess.brokenPipesIgnored
        let stdin = try ChildProcess.pipe()
        let stdout = try ChildProcess.pipe()
        let stderr = try ChildProcess.pipe()
        let arguments = [executable.path] + arguments
        let environment = environment.map { "\($0.key)=\($0.value)" }
        var spawned = pid_t()
        let error = ChildProcess.withCStrings(arguments) { argv in
            ChildProcess.withCStrings(environment) { envp in
                hoursmith_spawn(executable.path, argv, envp, stdin.read, stdout.write, stderr.write, &spawned)
            }
        }
        // The child has its own copies of its ends (or never started).
        close(stdin.read)
        close(stdout.write)
        close(stderr.write)
        guard error == 0 else {
            close(stdin.write)
            close(stdout.read)
            close(stderr.read)
            throw SpawnError("could not start \(executable.path): \(String(cString: strerror(error)))")
        }
        let pid = spawned
        self.pid = pid
        standardOutput = stdout.read
        standardError = stderr.read
        input = Locked(stdin.write)
        let reaped = Locked(false)
        self.reaped = reaped
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            reaped.withLock { $0 = true }
            let signal = status & 0x7F
            exited(signal == 0 ? (status >> 8) & 0xFF : 128 + signal)
        }
    }

    deinit {
        closeInput()
        signal(SIGTERM)
    }

    /// Writes all of `bytes` to the child's stdin (blocking while its pipe is full); nothing once
    /// stdin is closed or the child stopped reading.
    package func write(_ bytes: [UInt8]) {
        input.withLock { descriptor in
            guard let descriptor else { return }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { writeSome(descriptor, $0) }
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Closes the child's stdin (once).
    package func closeInput() {
        input.withLock { descriptor in
            if let open = descriptor { close(open) }
            descriptor = nil
        }
    }

    /// Sends `number` to the child, unless it has already been reaped.
    package func signal(_ number: Int32) {
        reaped.withLock { reaped in
            if !reaped { _ = kill(pid, number) }
        }
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [-1, -1]
        let error = hoursmith_pipe(&descriptors)
        guard error == 0 else { throw SpawnError("pipe: \(String(cString: strerror(error)))") }
        return (descriptors[0], descriptors[1])
    }

    /// Calls `body` with `strings` as a NULL-terminated array of C strings.
    private static func withCStrings<Result>(
        _ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result
    ) -> Result {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}

extension ChildProcess {
    /// Runs `executable` to its end with stdin closed: what it wrote on stdout (its first
    /// `limit` bytes), and its exit status; nil when it could not start or had not ended by
    /// `deadline` (it is then killed). Its exit is watched from before it starts, and its stdout
    /// and stderr are read while it runs, on threads of their own: nothing blocks a thread of
    /// the concurrency pool.
    package static func run(
        _ executable: URL, arguments: [String], environment: [String: String] = [:], limit: Int = 64 * 1024,
        until deadline: ContinuousClock.Instant
    ) async -> (output: [UInt8], status: Int32)? {
        let outcome = Watched<(output: [UInt8]?, status: Int32?)>((nil, nil))
        let child: ChildProcess
        do {
            child = try ChildProcess(executable: executable, arguments: arguments, environment: environment) { status in
                outcome.withLock { $0.status = status }
            }
        } catch {
            return nil
        }
        child.closeInput()
        Thread.detachNewThread { [stdout = child.standardOutput] in
            let output = readToEnd(stdout, keeping: limit)
            outcome.withLock { $0.output = output }
        }
        Thread.detachNewThread { [stderr = child.standardError] in
            _ = readToEnd(stderr, keeping: 0)
        }
        do {
            let ended = try await outcome.wait(until: { $0.output != nil && $0.status != nil }, timeout: deadline - .now, "the child's end")
            guard let output = ended.output, let status = ended.status else { return nil }
            return (output, status)
        } catch {
            child.signal(SIGKILL)
            return nil
        }
    }

    /// Reads `descriptor` to its end and closes it; the first `limit` bytes.
    private static func readToEnd(_ descriptor: Int32, keeping limit: Int) -> [UInt8] {
        var kept: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { readSome(descriptor, $0) }
            guard count > 0 else { break }
            kept.append(contentsOf: chunk[0..<min(count, max(0, limit - kept.count))])
        }
        close(descriptor)
        return kept
    }
}

/// A child that could not be started, saying why.
package struct SpawnError: Error, CustomStringConvertible {
    package let description: String

    init(_ description: String) {
        self.description = description
    }
}

// Free functions, so that libc's `write` and `signal` are not shadowed by the methods above.

private func writeSome(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    write(descriptor, bytes.baseAddress, bytes.count)
}

/// What `read` returns, retried on `EINTR`.
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    while true {
        let count = read(descriptor, buffer.baseAddress, buffer.count)
        if count < 0 && errno == EINTR { continue }
        return count
    }
}

private func ignoreBrokenPipes() -> Bool {
    signal(SIGPIPE, SIG_IGN)
    return true
}
