import Foundation
import HoursmithClient
import JSONCore
import Testing
import struct HoursmithSandbox.SplitMix64
@testable import HoursmithServer

/// `find_missing_time`'s arithmetic: what a working day expects, which days are short, the gap,
/// weekends, the days before someone joined and after today.
@Suite struct MissingTimeTests {
    /// 2026-03-02 is a Monday.
    static let monday: LocalDate = {
        guard let date = LocalDate("2026-03-02") else { preconditionFailure("2026-03-02 is a date") }
        return date
    }()

    static func person(_ id: Int, capacity: Int = 4000, since: LocalDate? = nil) -> MissingTime.Person {
        MissingTime.Person(id: id, name: "Person \(id)", weeklyCapacity: capacity, since: since)
    }

    @Test func aWorkingDayExpectsAFifthOfTheWeekRoundedToTheHundredth() {
        #expect(MissingTime.perDay(weeklyCapacity: 4000) == 800)
        #expect(MissingTime.perDay(weeklyCapacity: 3500) == 700)
        #expect(MissingTime.perDay(weeklyCapacity: 3200) == 640)
        #expect(MissingTime.perDay(weeklyCapacity: 3733) == 747, "746.6 rounds up")
        #expect(MissingTime.perDay(weeklyCapacity: 3732) == 746, "746.4 rounds down")
        #expect(MissingTime.perDay(weeklyCapacity: 3752) == 750, "750.4")
        #expect(MissingTime.perDay(weeklyCapacity: 3737) == 747, "747.4")
        #expect(MissingTime.perDay(weeklyCapacity: 3738) == 748, "747.6")
        #expect(MissingTime.perDay(weeklyCapacity: 0) == 0)
    }

    @Test func shortDaysWeekendsAndTheGapOfOneWeek() throws {
        let monday = Self.monday
        var missing = MissingTime(from: monday, through: monday.adding(days: 6))
        // Monday 8 h (complete), Tuesday 6.5 h, Wednesday nothing, Thursday 10 h, Friday 7.99 h,
        // Saturday 3 h, Sunday nothing; and an entry of another person.
        missing.add(user: 1, date: monday, hours: 500)
        missing.add(user: 1, date: monday, hours: 300)
        missing.add(user: 1, date: monday.adding(days: 1), hours: 650)
        missing.add(user: 1, date: monday.adding(days: 3), hours: 1000)
        missing.add(user: 1, date: monday.adding(days: 4), hours: 799)
        missing.add(user: 1, date: monday.adding(days: 5), hours: 300)
        missing.add(user: 2, date: monday, hours: 800)
        // Outside the range: not counted.
        missing.add(user: 1, date: monday.adding(days: 7), hours: 800)
        missing.add(user: 1, date: monday.adding(days: -1), hours: 800)
        #expect(missing.entries == 7)

        let row = missing.row(Self.person(1))
        #expect(row.perDay == 800)
        #expect(row.logged == 800 + 650 + 1000 + 799 + 300, "weekend hours count in logged")
        #expect(row.expected == 5 * 800)
        #expect(row.gap == 150 + 800 + 1, "a long Thursday does not make up for the short days")
        #expect(row.shortDays.map(\.date) == [monday.adding(days: 1), monday.adding(days: 2), monday.adding(days: 4)])
        #expect(row.shortDays.map(\.logged) == [650, 0, 799])
        #expect(row.weekendDays.map(\.date) == [monday.adding(days: 5)] && row.weekendDays.map(\.logged) == [300])

        let other = missing.row(Self.person(2, capacity: 3500))
        #expect(other.perDay == 700 && other.expected == 3500 && other.gap == 700 * 4 && other.shortDays.count == 4)

        let json = row.json
        let shortDays = json["short_days"]?.objectValue
        #expect(shortDays?.map(\.key) == ["2026-03-03", "2026-03-04", "2026-03-06"])
        #expect(shortDays?.map { $0.value.numberValue?.literal ?? "" } == ["6.5", "0.0", "7.99"])
        #expect(json["weekend_hours"]?.numberValue?.literal == "3.0")
        #expect(json["gap"]?.numberValue?.literal == "9.51")
        #expect(json["per_day"]?.numberValue?.literal == "8.0" && json["logged"]?.numberValue?.literal == "35.49")
        #expect(missing.row(Self.person(3)).json["weekend_hours"] == nil, "no weekend time: not shown")
        #expect(json["earlier_short_days"] == nil)

        // A long absence: the latest 31 short days, as one range (weekends do not break it), and
        // the others counted.
        let absent = MissingTime(from: monday, through: monday.adding(days: 69)).row(Self.person(4))
        #expect(absent.shortDays.count == 50)
        let latest = absent.shortDays.suffix(MissingTime.Row.maxShownShortDays)
        let shown = absent.json["short_days"]?.objectValue?.map { $0 }
        #expect(shown?.map(\.key) == ["\(latest.first?.date.description ?? "") to \(monday.adding(days: 67))"])
        #expect(shown?.first?.value.numberValue?.literal == "0.0")
        // The others: how many, and the narrower range that shows them.
        let firstShown = try #require(latest.first?.date)
        let earlier = try #require(absent.json["earlier_short_days"]?.stringValue)
        #expect(earlier.hasPrefix("\(50 - MissingTime.Row.maxShownShortDays) more before \(firstShown)"), "\(earlier)")
        #expect(earlier.contains("to: \(firstShown.adding(days: -1))"), "\(earlier)")
    }

    @Test func todayIsNeverShortItsHoursSoFarAreToldApart() throws {
        // Wednesday is today: Monday and Tuesday are whole days; Wednesday is not over.
        let monday = Self.monday, wednesday = Self.monday.adding(days: 2)
        var missing = MissingTime(from: monday, through: wednesday.adding(days: -1), today: wednesday)
        missing.add(user: 1, date: monday, hours: 800)
        missing.add(user: 1, date: wednesday, hours: 150)
        missing.add(user: 1, date: wednesday.adding(days: 1), hours: 800)
        #expect(missing.entries == 2, "tomorrow is not read")
        let row = missing.row(Self.person(1))
        #expect(row.expected == 2 * 800 && row.gap == 800 && row.shortDays.map(\.date) == [monday.adding(days: 1)],
                "Wednesday's 1.5 h so far make no short day")
        #expect(row.logged == 800 && row.today == 150)
        #expect(row.json["today"]?.numberValue?.literal == "1.5")
        let nothingYet = missing.row(Self.person(2))
        #expect(nothingYet.today == 0 && nothingYet.shortDays.count == 2, "a Monday morning: only the whole days count")
        // A range that is today alone has no whole day: nothing expected, nothing short.
        let onlyToday = MissingTime(from: wednesday, through: wednesday.adding(days: -1), today: wednesday).row(Self.person(1))
        #expect(onlyToday.expected == 0 && onlyToday.shortDays.isEmpty && onlyToday.today == 0)
        // A range that ends before today tells no today.
        #expect(MissingTime(from: monday, through: monday.adding(days: 1)).row(Self.person(1)).json["today"] == nil)
    }

    @Test func threeOrMoreWorkingDaysInARowWithNothingAreShownAsARange() {
        let monday = Self.monday
        func days(_ list: [(Int, Int)]) -> ArraySlice<MissingTime.Day> {
            ArraySlice(list.map { MissingTime.Day(date: monday.adding(days: $0.0), logged: $0.1) })
        }
        func keys(_ list: [(Int, Int)]) -> [String] { MissingTime.Row.shown(days(list)).map(\.key) }
        // Monday to Wednesday nothing, Thursday 4 h, Friday and the next Monday nothing (two: apart).
        #expect(keys([(0, 0), (1, 0), (2, 0), (3, 400), (4, 0), (7, 0)])
            == ["2026-03-02 to 2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09"])
        // Friday, Monday, Tuesday: in a row across the weekend.
        #expect(keys([(4, 0), (7, 0), (8, 0)]) == ["2026-03-06 to 2026-03-10"])
        // Not in a row (Wednesday missing), or not empty: each day by itself.
        #expect(keys([(0, 0), (1, 0), (3, 0)]) == ["2026-03-02", "2026-03-03", "2026-03-05"])
        #expect(keys([(0, 100), (1, 100), (2, 100)]) == ["2026-03-02", "2026-03-03", "2026-03-04"])
        #expect(MissingTime.Row.shown(days([(0, 0), (1, 0), (2, 0)])).map(\.logged) == [0])
    }

    @Test func daysBeforeSomeoneJoinedAndAfterTodayAreNotExpected() {
        let monday = Self.monday
        // Through Wednesday (today): Thursday and Friday are never counted.
        var missing = MissingTime(from: monday, through: monday.adding(days: 2))
        missing.add(user: 1, date: monday.adding(days: 3), hours: 800)
        #expect(missing.entries == 0)
        let joinedTuesday = missing.row(Self.person(1, since: monday.adding(days: 1)))
        #expect(joinedTuesday.expected == 2 * 800)
        #expect(joinedTuesday.shortDays.map(\.date) == [monday.adding(days: 1), monday.adding(days: 2)])
        let joinedLongAgo = missing.row(Self.person(1, since: monday.adding(days: -400)))
        #expect(joinedLongAgo.expected == 3 * 800)
    }

    @Test func weekStartDoesNotChangeWhichDaysAreWorkingDays() {
        // A range that starts on a Sunday (a workspace whose weeks start on Sunday).
        let sunday = Self.monday.adding(days: -1)
        let missing = MissingTime(from: sunday, through: sunday.adding(days: 6))
        let row = missing.row(Self.person(1))
        #expect(row.expected == 5 * 800)
        #expect(row.shortDays.map(\.date.weekday) == [.monday, .tuesday, .wednesday, .thursday, .friday])
    }

    /// Seeded random months against the rule written out day by day here.
    @Test func randomMonthsAgreeWithTheRuleWrittenOut() {
        var random = SplitMix64(seed: 0x6D69_7373_696E_67)
        for _ in 0..<200 {
            let from = Self.monday.adding(days: Int(random.below(60)))
            let length = Int(random.below(40))
            let through = from.adding(days: length)
            var missing = MissingTime(from: from, through: through)
            var parts = MissingTime(from: from, through: through)
            var logged: [LocalDate: Int] = [:]
            for _ in 0..<Int(random.below(60)) {
                let date = from.adding(days: Int(random.below(length + 1)))
                let hours = 25 * (1 + Int(random.below(24)))
                logged[date, default: 0] += hours
                // Half in one value, half in another merged in: pages are counted apart.
                if random.chance(50) { missing.add(user: 7, date: date, hours: hours) } else { parts.add(user: 7, date: date, hours: hours) }
            }
            missing.merge(parts)
            let capacity = Int(random.below(5000))
            let row = missing.row(Self.person(7, capacity: capacity))

            let perDay = (capacity * 2 + 5) / 10
            var expected = 0, gap = 0, total = 0, short: [LocalDate] = []
            for offset in 0...length {
                let date = from.adding(days: offset)
                let hours = logged[date] ?? 0
                total += hours
                let weekday = Calendar.gregorianUTC.component(.weekday, from: date.foundationDate)
                guard weekday != 1 && weekday != 7 else { continue }
                expected += perDay
                if hours < perDay {
                    gap += perDay - hours
                    short.append(date)
                }
            }
            #expect(row.logged == total && row.expected == expected && row.gap == gap && row.shortDays.map(\.date) == short)
        }
    }
}

extension Calendar {
    static var gregorianUTC: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }
}

extension LocalDate {
    /// Midnight UTC of the day, for Foundation's calendar.
    var foundationDate: Date {
        DateComponents(calendar: .gregorianUTC, year: year, month: month, day: day).date ?? Date(timeIntervalSince1970: 0)
    }
}
