import Foundation
import Testing
@testable import HoursmithServer

/// The memory trim runs once after each burst of calls, and only after one.
@Suite struct IdleMemoryTrimTests {
    @Test func aBurstOfCallsIsFollowedByOneTrim() throws {
        let trims = DispatchSemaphore(value: 0)
        let trim = IdleMemoryTrim(quietPeriod: .milliseconds(20)) { trims.signal() }
        for _ in 0..<5 { trim.callFinished() }
        #expect(trims.wait(timeout: .now() + 5) == .success)
        // The burst was one: no second trim follows it (the quiet period passes many times over).
        #expect(trims.wait(timeout: .now() + 0.2) == .timedOut)

        trim.callFinished()
        #expect(trims.wait(timeout: .now() + 5) == .success, "the next burst is trimmed too")
    }
}
