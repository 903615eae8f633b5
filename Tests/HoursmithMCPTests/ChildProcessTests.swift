import Foundation
import ConcurrencyHelpers
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The harness's spawn: a server under test must see only its three standard streams, or a pipe
/// of one test held open in another test's server keeps the first from ever reading its end.
@Suite struct ChildProcessTests {
    /// Runs `script` under /bin/sh to its end; its exit status and stdout.
    private func run(_ script: String) async throws -> (status: Int32, output: String) {
        let output = Watched(Bytes())
        let status = Watched(Int32?.none)
        let child = try ChildProcess(
            executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script], environment: [:]
        ) { code in status.withLock { $0 = code } }
        child.closeInput()
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(child.standardOutput, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                output.withLock { $0.bytes += buffer[0..<count] }
            }
            close(child.standardOutput)
            close(child.standardError)
            output.withLock { $0.ended = true }
        }
        let code = try #require(try await status.wait(until: { $0 != nil }, timeout: .seconds(15)))
        let text = try await output.wait(until: \.ended, timeout: .seconds(15)).bytes
        return (code, String(decoding: text, as: UTF8.self))
    }

    private struct Bytes {
        var bytes: [UInt8] = []
        var ended = false
    }

    @Test func theChildInheritsOnlyItsStandardStreams() async throws {
        // A descriptor of this process that is not close-on-exec, open while the child starts.
        var inherited: [Int32] = [-1, -1]
        try #require(pipe(&inherited) == 0)
        defer { inherited.forEach { close($0) } }

        let (status, output) = try await run("for fd in \(inherited[0]) \(inherited[1]); do [ -e /dev/fd/$fd ] && echo $fd; done; echo done")
        #expect(status == 0)
        #expect(output == "done\n", "descriptors open in the child: \(output)")
    }

    @Test func theExitStatusIsTheCodeOrTheSignalPlus128() async throws {
        #expect(try await run("exit 3").status == 3)
        #expect(try await run("kill -TERM $$").status == 128 + SIGTERM)
    }
}
