import CTestProcess
import Foundation
import ConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process with its three standard streams piped to this one, spawned as an MCP client
/// spawns a server (`posix_spawn`, no descriptor of ours leaking into it).
///
/// Not Foundation's `Process`: on Linux it lists /proc/self/fd on every launch to close what the
/// child should not inherit, crashed there once under a parallel test run with over a thousand
/// descriptors open, and never released a finished process's pipes.
///
/// Ownership is explicit: the caller reads ``standardOutput`` and ``standardError`` to their end
/// and closes them; stdin is written and closed through this object; a thread of its own waits
/// for the exit and reports it once.
final class ChildProcess: Sendable {
    let pid: pid_t
    /// The read end of the child's stdout: the caller reads it to the end, then closes it.
    let standardOutput: Int32
    /// The read end of the child's stderr: the caller reads it to the end, then closes it.
    let standardError: Int32
    /// The write end of the child's stdin, until ``closeInput()``.
    private let input: Locked<Int32?>
    /// Whether the child has exited and been reaped (its pid may then belong to another process).
    private let reaped: Locked<Bool>

    /// A child that reads from a closed pipe does not kill this test process (`EPIPE` instead).
    private static let brokenPipesIgnored: Bool = ignoreBrokenPipes()

    /// Spawns `executable` with exactly `environment`. `exited` is called once, on another
    /// thread, with the exit status: its exit code, or 128 + the signal that ended it.
    init(
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
                test_process_spawn(executable.path, argv, envp, stdin.read, stdout.write, stderr.write, &spawned)
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
            throw HarnessError("could not start \(executable.path): \(String(cString: strerror(error)))")
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
    func write(_ bytes: [UInt8]) {
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
    func closeInput() {
        input.withLock { descriptor in
            if let open = descriptor { close(open) }
            descriptor = nil
        }
    }

    /// Sends `number` to the child, unless it has already been reaped.
    func signal(_ number: Int32) {
        reaped.withLock { reaped in
            if !reaped { _ = kill(pid, number) }
        }
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [-1, -1]
        let error = test_process_pipe(&descriptors)
        guard error == 0 else { throw HarnessError("pipe: \(String(cString: strerror(error)))") }
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

// Free functions, so that libc's `write` and `signal` are not shadowed by the methods above.

private func writeSome(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    write(descriptor, bytes.baseAddress, bytes.count)
}

private func ignoreBrokenPipes() -> Bool {
    signal(SIGPIPE, SIG_IGN)
    return true
}
