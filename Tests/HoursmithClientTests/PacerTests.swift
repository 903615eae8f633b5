import Testing
@testable import HoursmithClient

@Suite struct PacerTests {
    /// An instant `offset` after a fixed origin.
    static let origin = ContinuousClock.now
    static func at(_ offset: Duration) -> ContinuousClock.Instant { origin + offset }

    @Test func admitsUpToTheLimitThenSaysHowLongToWait() {
        let pacer = Pacer(RequestPacing(limit: 3, window: .seconds(15)))
        #expect(pacer.reserve(at: Self.at(.seconds(0))) == nil)
        #expect(pacer.reserve(at: Self.at(.seconds(1))) == nil)
        #expect(pacer.reserve(at: Self.at(.seconds(2))) == nil)
        #expect(pacer.reserve(at: Self.at(.seconds(4))) == .seconds(11), "the first start leaves the window at 15 s")
        #expect(pacer.reserve(at: Self.at(.seconds(15))) == nil)
        #expect(pacer.reserve(at: Self.at(.seconds(15))) == .seconds(1))
        #expect(pacer.reserve(at: Self.at(.seconds(16))) == nil)
    }

    @Test func neverAdmitsMoreThanTheLimitInAnyWindow() {
        let pacer = Pacer(RequestPacing(limit: 5, window: .seconds(10)))
        var now = Self.origin
        var starts: [ContinuousClock.Instant] = []
        while starts.count < 40 {
            if let wait = pacer.reserve(at: now) {
                now += wait
            } else {
                starts.append(now)
                now += .milliseconds(300)
            }
        }
        for (index, start) in starts.enumerated() {
            let inWindow = starts[index...].prefix { $0 < start + .seconds(10) }
            #expect(inWindow.count <= 5)
        }
    }

    @Test func appliesByPathPrefix() {
        #expect(Pacer(RequestPacing(limit: 1, window: .seconds(1), pathPrefix: "/reports")).applies(to: "/reports/time"))
        #expect(!Pacer(RequestPacing(limit: 1, window: .seconds(1), pathPrefix: "/reports")).applies(to: "/time_entries"))
        #expect(Pacer(RequestPacing(limit: 1, window: .seconds(1))).applies(to: "/me"))
    }
}
