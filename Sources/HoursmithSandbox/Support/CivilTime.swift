/// Calendar days and UTC timestamps, converted and formatted by hand: the sandbox renders
/// thousands of them per page, and Foundation's formatters are far too slow for that.
///
/// A day is counted in days since 1970-01-01 (negative before); a timestamp in whole seconds
/// since 1970-01-01T00:00:00Z.
enum CivilTime {
    static let secondsPerDay = 86_400

    /// The day number of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func day(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The year, month and day of a day number (Howard Hinnant's `civil_from_days`).
    static func civil(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
    static func weekday(_ dayNumber: Int) -> Int {
        ((dayNumber % 7) + 7 + 3) % 7
    }

    /// `YYYY-MM-DD`, written in place (a ten-byte string needs no allocation).
    static func dateText(_ dayNumber: Int) -> String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            var index = 0
            writeDate(dayNumber, into: buffer, at: &index)
            return index
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, written in place.
    static func timestampText(_ seconds: Int) -> String {
        String(unsafeUninitializedCapacity: 20) { buffer in
            let dayNumber = floorDivide(seconds, secondsPerDay)
            let secondOfDay = seconds - dayNumber * secondsPerDay
            var index = 0
            writeDate(dayNumber, into: buffer, at: &index)
            buffer[index] = UInt8(ascii: "T")
            index += 1
            writeDigits(secondOfDay / 3600, count: 2, into: buffer, at: &index)
            buffer[index] = UInt8(ascii: ":")
            index += 1
            writeDigits(secondOfDay / 60 % 60, count: 2, into: buffer, at: &index)
            buffer[index] = UInt8(ascii: ":")
            index += 1
            writeDigits(secondOfDay % 60, count: 2, into: buffer, at: &index)
            buffer[index] = UInt8(ascii: "Z")
            return index + 1
        }
    }

    /// A strict `YYYY-MM-DD` with a real calendar date, or nil.
    static func parseDate(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
              isValid(year: year, month: month, day: day)
        else { return nil }
        return self.day(year: year, month: month, day: day)
    }

    /// An RFC 3339 timestamp (`2026-11-22T14:59:22Z`, `…T14:59:22.5+01:00`; `t`, `z` and a space
    /// for `T` accepted) as whole seconds since the epoch (fractions dropped), or nil.
    static func parseTimestamp(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, let dayNumber = parseDate(String(decoding: bytes[0..<10], as: UTF8.self)),
              [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
              hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > digitsStart else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let hours = number(bytes, index + 1, 2), let minutes = number(bytes, index + 4, 2),
                  hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 60 + minutes) * 60 * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        return dayNumber * secondsPerDay + hour * 3600 + minute * 60 + min(second, 59) - offset
    }

    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func isValid(year: Int, month: Int, day: Int) -> Bool {
        year >= 1 && (1...12).contains(month) && day >= 1 && day <= daysInMonth(year: year, month: month)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            guard isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
        }
        return value
    }

    private static func writeDate(_ dayNumber: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: inout Int) {
        let (year, month, day) = civil(dayNumber)
        writeDigits(year, count: 4, into: buffer, at: &index)
        buffer[index] = UInt8(ascii: "-")
        index += 1
        writeDigits(month, count: 2, into: buffer, at: &index)
        buffer[index] = UInt8(ascii: "-")
        index += 1
        writeDigits(day, count: 2, into: buffer, at: &index)
    }

    private static func writeDigits(_ value: Int, count: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: inout Int) {
        var remaining = value
        for offset in stride(from: count - 1, through: 0, by: -1) {
            buffer[index + offset] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
        index += count
    }
}
