import Foundation
import Testing
@testable import HoursmithClient

@Suite struct LocalDateTests {
    @Test func readsAndWritesTheAPIForm() throws {
        let date = try #require(LocalDate("2026-02-28"))
        #expect((date.year, date.month, date.day) == (2026, 2, 28))
        #expect(date.description == "2026-02-28")
        #expect(LocalDate(year: 7, month: 3, day: 9)?.description == "0007-03-09")
    }

    @Test(arguments: ["2026-02-29", "2024-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2026-2-01",
                      "26-02-01", "2026/02/01", "2026-02-01T00:00:00Z", " 2026-02-01", "2026-02-0a", "", "0000-01-01"])
    func refusesAnythingElse(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test func knowsLeapYears() {
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("2000-02-29") != nil)
        #expect(LocalDate("1900-02-29") == nil)
    }

    @Test func addsDaysAcrossMonthsYearsAndLeapDays() throws {
        let date = try #require(LocalDate("2024-02-28"))
        #expect(date.adding(days: 1).description == "2024-02-29")
        #expect(date.adding(days: 2).description == "2024-03-01")
        #expect(date.adding(days: 366).description == "2025-02-28")
        #expect(try #require(LocalDate("2026-01-01")).adding(days: -1).description == "2025-12-31")
        #expect(try #require(LocalDate("1970-01-01")).adding(days: -1).description == "1969-12-31")
        #expect(date.adding(days: 0) == date)
    }

    @Test func countsDaysBetweenDates() throws {
        let start = try #require(LocalDate("2025-12-25"))
        let end = try #require(LocalDate("2026-03-01"))
        #expect(start.days(to: end) == 6 + 31 + 28 + 1)
        #expect(end.days(to: start) == -(6 + 31 + 28 + 1))
    }

    @Test func addsMonthsClampingTheDay() throws {
        let date = try #require(LocalDate("2026-01-31"))
        #expect(date.adding(months: 1).description == "2026-02-28")
        #expect(date.adding(months: -1).description == "2025-12-31")
        #expect(date.adding(months: 13).description == "2027-02-28")
        #expect(try #require(LocalDate("2024-03-31")).adding(months: -1).description == "2024-02-29")
        #expect(try #require(LocalDate("2026-03-15")).adding(months: -15).description == "2024-12-15")
    }

    @Test func findsTheEdgesOfMonthsAndYears() throws {
        let date = try #require(LocalDate("2024-02-10"))
        #expect(date.firstDayOfMonth.description == "2024-02-01")
        #expect(date.lastDayOfMonth.description == "2024-02-29")
        #expect(try #require(LocalDate("2026-04-30")).lastDayOfMonth.description == "2026-04-30")
        #expect(date.firstDayOfYear.description == "2024-01-01")
        #expect(date.lastDayOfYear.description == "2024-12-31")
        // last_month from 2026-01-15: the whole of December 2025.
        let lastMonthStart = try #require(LocalDate("2026-01-15")).firstDayOfMonth.adding(months: -1)
        #expect(lastMonthStart.description == "2025-12-01")
        #expect(lastMonthStart.lastDayOfMonth.description == "2025-12-31")
    }

    @Test func knowsTheWeekday() throws {
        #expect(try #require(LocalDate("1970-01-01")).weekday == .thursday)
        #expect(try #require(LocalDate("2026-11-22")).weekday == .sunday)
        #expect(try #require(LocalDate("2000-02-29")).weekday == .tuesday)
        #expect(try #require(LocalDate("1969-12-29")).weekday == .monday)
    }

    @Test func findsTheStartOfTheWeekForEitherWeekStart() throws {
        let sunday = try #require(LocalDate("2026-11-22"))
        #expect(sunday.startOfWeek(startingOn: .monday).description == "2026-11-16")
        #expect(sunday.startOfWeek(startingOn: .sunday) == sunday)
        let wednesday = try #require(LocalDate("2026-11-25"))
        #expect(wednesday.startOfWeek(startingOn: .sunday).description == "2026-11-22")
        #expect(wednesday.startOfWeek(startingOn: .monday).description == "2026-11-23")
    }

    @Test func isOrderedByCalendar() throws {
        let dates = ["2026-01-10", "2025-12-31", "2026-01-09", "2026-02-01"].compactMap(LocalDate.init)
        #expect(dates.sorted().map(\.description) == ["2025-12-31", "2026-01-09", "2026-01-10", "2026-02-01"])
    }

    @Test func todayDependsOnTheTimeZone() throws {
        // 2026-11-22T03:30:00Z: still the 21st in New York, already the 22nd in Tokyo.
        let instant = Date(timeIntervalSince1970: 1_795_318_200)
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        #expect(LocalDate.today(in: newYork, now: instant).description == "2026-11-21")
        #expect(LocalDate.today(in: tokyo, now: instant).description == "2026-11-22")
        #expect(LocalDate.today(in: TimeZone(secondsFromGMT: 0) ?? .current, now: instant).description == "2026-11-22")
    }
}
