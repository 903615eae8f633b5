import Foundation
import ConcurrencyHelpers
import HoursmithServer
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The spawn of `doctor` and of the end-to-end harness: a child must see only its three standard
/// streams (or a pipe of one test held open in another test's server keeps the first from ever
/// reading its end); its output is read while it runs, and one that outlasts its deadline is killed.
@Suite struct ChildProcessTests {
    /// Runs `script` under /bin/sh to its end; its exit status and stdout.
    private func run(_ script: String, limit: Int = 64 * 1024) async throws -> (status: Int32, output: String) {
        let ended = try #require(await ChildProcess.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script], limit: limit,
                                                        until: .now + .seconds(30)))
        return (ended.status, String(decoding: ended.output, as: UTF8.self))
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

    /// More output than a pipe holds is read while the child runs (it would stall otherwise), and
    /// only the first `limit` bytes are kept.
    @Test func outputIsReadWhileTheChildRunsAndKeptUpToTheLimit() async throws {
        let (status, output) = try await run("i=0; while [ $i -lt 4000 ]; do echo 0123456789012345678901234567890123456789; i=$((i+1)); done; echo x >&2",
                                             limit: 100)
        #expect(status == 0, "the child was never stalled by a full pipe")
        #expect(output == String(repeating: "0123456789012345678901234567890123456789\n", count: 3).prefix(100).description)
    }

    @Test func aChildPastItsDeadlineIsKilledAndNothingIsAnswered() async throws {
        let started = ContinuousClock.now
        let ended = await ChildProcess.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "sleep 60"], until: .now + .milliseconds(300))
        #expect(ended == nil)
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(await ChildProcess.run(URL(fileURLWithPath: "/nonexistent/binary"), arguments: [], until: .now + .seconds(5)) == nil)
    }
}
