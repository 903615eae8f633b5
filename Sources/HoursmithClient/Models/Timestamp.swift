import Foundation

/// An RFC 3339 timestamp (`2026-11-22T14:59:22Z`) that keeps the text it was read from.
///
/// It is parsed by hand (no `DateFormatter`) into seconds and nanoseconds since 1970; two
/// timestamps are equal when they name the same instant, whatever their offsets.
package struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The text as read, or as written for a timestamp made from a `Date`.
    package let text: String
    /// Whole seconds since 1970-01-01T00:00:00Z.
    package let secondsSince1970: Int64
    /// The fraction of the second, in nanoseconds (0–999,999,999).
    package let nanoseconds: Int32

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t` and `z` may be lower case.
    package init?(_ text: String) {
        var text = text
        guard let (seconds, nanoseconds) = text.withUTF8(Timestamp.parse) else { return nil }
        self.text = text
        self.secondsSince1970 = seconds
        self.nanoseconds = nanoseconds
    }

    /// A UTC timestamp at `date`, written with milliseconds only when it has any.
    package init(_ date: Date) {
        let interval = date.timeIntervalSince1970
        var seconds = Int64(interval.rounded(.down))
        var milliseconds = Int32(((interval - Double(seconds)) * 1000).rounded())
        if milliseconds == 1000 {
            seconds += 1
            milliseconds = 0
        }
        let dayNumber = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(dayNumber) * 86_400)
        let (year, month, day) = LocalDate.civil(fromDayNumber: dayNumber)
        func pad(_ value: Int, _ width: Int = 2) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = "\(pad(year, 4))-\(pad(month))-\(pad(day))T"
            + "\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))"
        if milliseconds > 0 { text += "." + pad(Int(milliseconds), 3) }
        self.text = text + "Z"
        self.secondsSince1970 = seconds
        self.nanoseconds = milliseconds * 1_000_000
    }

    /// The instant as a `Date`.
    package var date: Date {
        Date(timeIntervalSince1970: Double(secondsSince1970) + Double(nanoseconds) / 1e9)
    }

    package var description: String { text }

    package static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.secondsSince1970, lhs.nanoseconds) == (rhs.secondsSince1970, rhs.nanoseconds)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(secondsSince1970)
        hasher.combine(nanoseconds)
    }

    package static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.secondsSince1970, lhs.nanoseconds) < (rhs.secondsSince1970, rhs.nanoseconds)
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int64, Int32)? {
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for _ in 0..<count {
                let byte = bytes[index]
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                index += 1
            }
            return value
        }
        func expect(_ accepted: UInt8...) -> Bool {
            guard index < bytes.count, accepted.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")),
              let day = digits(2), LocalDate(year: year, month: month, day: day) != nil,
              expect(UInt8(ascii: "T"), UInt8(ascii: "t")),
              let hour = digits(2), hour < 24, expect(UInt8(ascii: ":")),
              let minute = digits(2), minute < 60, expect(UInt8(ascii: ":")),
              let second = digits(2), second <= 60 else { return nil }

        var nanoseconds = 0
        if expect(UInt8(ascii: ".")) {
            var count = 0
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                if count < 9 { nanoseconds = nanoseconds * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                count += 1
                index += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanoseconds *= 10 }
        }

        var offsetSeconds = 0
        if expect(UInt8(ascii: "Z"), UInt8(ascii: "z")) {
            offsetSeconds = 0
        } else {
            guard index < bytes.count else { return nil }
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard expect(UInt8(ascii: "+"), UInt8(ascii: "-")),
                  let offsetHours = digits(2), offsetHours < 24, expect(UInt8(ascii: ":")),
                  let offsetMinutes = digits(2), offsetMinutes < 60 else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard index == bytes.count else { return nil }

        let days = LocalDate.dayNumber(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return (seconds, Int32(nanoseconds))
    }
}
