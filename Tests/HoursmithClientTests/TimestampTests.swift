import Foundation
import Testing
@testable import HoursmithClient

@Suite struct TimestampTests {
    @Test func readsUTCAndKeepsTheText() throws {
        let timestamp = try #require(Timestamp("2026-11-22T14:59:22Z"))
        #expect(timestamp.text == "2026-11-22T14:59:22Z")
        #expect(timestamp.secondsSince1970 == 1_795_359_562)
        #expect(timestamp.nanoseconds == 0)
        #expect(timestamp.date == Date(timeIntervalSince1970: 1_795_359_562))
    }

    @Test func readsFractionsAndOffsets() throws {
        let fraction = try #require(Timestamp("2026-11-22T14:59:22.125Z"))
        #expect(fraction.nanoseconds == 125_000_000)
        let offset = try #require(Timestamp("2026-11-22T09:59:22-05:00"))
        #expect(offset == (try #require(Timestamp("2026-11-22T14:59:22Z"))))
        #expect(offset.text == "2026-11-22T09:59:22-05:00")
        let lower = try #require(Timestamp("2026-11-22t14:59:22z"))
        #expect(lower.secondsSince1970 == 1_795_359_562)
        let nanos = try #require(Timestamp("1970-01-01T00:00:00.123456789123+00:00"))
        #expect(nanos.nanoseconds == 123_456_789)
    }

    @Test(arguments: ["2026-11-22", "2026-11-22T14:59:22", "2026-11-22 14:59:22Z", "2026-11-22T24:00:00Z",
                      "2026-11-22T14:60:00Z", "2026-02-30T00:00:00Z", "2026-11-22T14:59:22.Z",
                      "2026-11-22T14:59:22+0500", "2026-11-22T14:59:22Zjunk", ""])
    func refusesWhatIsNotRFC3339(text: String) {
        #expect(Timestamp(text) == nil)
    }

    @Test func ordersByInstant() throws {
        let earlier = try #require(Timestamp("2026-11-22T14:00:00+01:00"))
        let later = try #require(Timestamp("2026-11-22T13:30:00Z"))
        #expect(earlier < later)
    }

    @Test func writesUTCFromADate() {
        let timestamp = Timestamp(Date(timeIntervalSince1970: 1_795_359_562))
        #expect(timestamp.text == "2026-11-22T14:59:22Z")
        #expect(Timestamp(Date(timeIntervalSince1970: 1_795_359_562.25)).text == "2026-11-22T14:59:22.250Z")
        #expect(Timestamp(Date(timeIntervalSince1970: -1)).text == "1969-12-31T23:59:59Z")
    }
}
