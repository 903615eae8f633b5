import Foundation

/// A calendar date with no time and no time zone, as the API writes it: `YYYY-MM-DD`.
///
/// Day arithmetic is exact proleptic Gregorian arithmetic on day numbers; no `Calendar` is
/// involved, so it is cheap and the same on every platform.
package struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    package let year: Int
    package let month: Int
    package let day: Int

    /// A valid date, or nil (month 1–12, day within the month, year 1–9999).
    package init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.numberOfDays(inMonth: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads exactly `YYYY-MM-DD`; anything else (`2026-2-1`, `2026-02-30`, a time) is nil.
    package init?(_ text: String) {
        var digits = (year: 0, month: 0, day: 0)
        var index = 0
        for byte in text.utf8 {
            switch index {
            case 4, 7:
                guard byte == UInt8(ascii: "-") else { return nil }
            case 0..<10:
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                let digit = Int(byte &- UInt8(ascii: "0"))
                if index < 4 {
                    digits.year = digits.year * 10 + digit
                } else if index < 7 {
                    digits.month = digits.month * 10 + digit
                } else {
                    digits.day = digits.day * 10 + digit
                }
            default:
                return nil
            }
            index += 1
        }
        guard index == 10 else { return nil }
        self.init(year: digits.year, month: digits.month, day: digits.day)
    }

    private init(dayNumber: Int) {
        (year, month, day) = LocalDate.civil(fromDayNumber: dayNumber)
    }

    /// `YYYY-MM-DD`.
    package var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    package static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

// MARK: - Arithmetic

extension LocalDate {
    /// The date `days` days later (earlier when negative).
    package func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// The same day `months` months later (earlier when negative), moved back to the month's last
    /// day when the month is shorter (January 31 plus one month is February 28 or 29).
    package func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        let newDay = min(day, LocalDate.numberOfDays(inMonth: newMonth, year: newYear))
        return LocalDate(dayNumber: LocalDate.dayNumber(year: newYear, month: newMonth, day: newDay))
    }

    /// How many days from `self` to `other` (negative when `other` is earlier).
    package func days(to other: LocalDate) -> Int {
        other.dayNumber - dayNumber
    }

    package var firstDayOfMonth: LocalDate { adding(days: 1 - day) }

    package var lastDayOfMonth: LocalDate {
        adding(days: LocalDate.numberOfDays(inMonth: month, year: year) - day)
    }

    package var firstDayOfYear: LocalDate { adding(days: 1 - dayOfYear) }

    package var lastDayOfYear: LocalDate { LocalDate(dayNumber: LocalDate.dayNumber(year: year, month: 12, day: 31)) }

    /// The day of the week.
    package var weekday: Weekday {
        // Day 0 (1970-01-01) was a Thursday, index 3 in Monday-first order.
        Weekday.allCases[((dayNumber + 3) % 7 + 7) % 7]
    }

    /// The first day of the week that contains this date, for a week that starts on `weekStart`.
    package func startOfWeek(startingOn weekStart: Weekday) -> LocalDate {
        adding(days: -((weekday.mondayBasedIndex - weekStart.mondayBasedIndex + 7) % 7))
    }

    /// Today's date in `timeZone` (at `now`).
    package static func today(in timeZone: TimeZone, now: Date = Date()) -> LocalDate {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: now)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return LocalDate(dayNumber: days)
    }

    /// 1 for January 1.
    var dayOfYear: Int { dayNumber - LocalDate.dayNumber(year: year, month: 1, day: 1) + 1 }

    /// Days since 1970-01-01.
    var dayNumber: Int { LocalDate.dayNumber(year: year, month: month, day: day) }

    static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    // Howard Hinnant's days_from_civil and civil_from_days.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDayNumber number: Int) -> (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// A day of the week, named as the API names them (`week_start: "monday"`).
package enum Weekday: String, Sendable, CaseIterable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// 0 for Monday … 6 for Sunday (ISO 8601 order).
    var mondayBasedIndex: Int {
        Weekday.allCases.firstIndex(of: self) ?? 0
    }
}
