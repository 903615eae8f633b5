import ConcurrencyHelpers
import Foundation
import Testing
@testable import HoursmithServer

/// The memory trim runs once after each burst of calls, and only after one.
@Suite struct IdleMemoryTrimTests {
    @Test func aBurstOfCallsIsFollowedByOneTrim() async throws {
        let trims = Watched(0)
        let trim = IdleMemoryTrim(quietPeriod: .milliseconds(20)) { trims.withLock { $0 += 1 } }
        for _ in 0..<5 { trim.callFinished() }
        try await trims.wait(until: { $0 == 1 }, "the trim after the burst")
        // The burst was one: no second trim follows it. (What is tested is that nothing more
        // happens, so time must pass: ten quiet periods.)
        try await Task.sleep(for: .milliseconds(200))
        #expect(trims.current == 1)

        trim.callFinished()
        try await trims.wait(until: { $0 == 2 }, "the trim after the next burst")
    }
}
