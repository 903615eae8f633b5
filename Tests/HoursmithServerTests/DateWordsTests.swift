import Foundation
@testable import HoursmithClient
import JSONCore
import Testing
@testable import HoursmithServer

/// Day words and periods, in the workspace's calendar: its week start, its time zone.
@Suite struct DateWordsTests {
    static func day(_ text: String) -> LocalDate {
        LocalDate(text) ?? LocalDate(year: 1970, month: 1, day: 1)!
    }

    static func range(_ words: DateWords, _ period: String) -> String? {
        words.period(period).map { "\($0.lowerBound)…\($0.upperBound)" }
    }

    @Test func weeksFollowTheWorkspacesWeekStart() {
        // 2026-12-06 is a Sunday.
        let monday = DateWords(today: Self.day("2026-12-06"), weekStart: .monday)
        #expect(Self.range(monday, "this_week") == "2026-11-30…2026-12-06")
        #expect(Self.range(monday, "last_week") == "2026-11-23…2026-11-29")
        let sunday = DateWords(today: Self.day("2026-12-06"), weekStart: .sunday)
        #expect(Self.range(sunday, "this_week") == "2026-12-06…2026-12-12", "a Sunday starts its own week")
        #expect(Self.range(sunday, "last_week") == "2026-11-29…2026-12-05")
    }

    @Test func monthsAndYearsAcrossTheirEnds() {
        let january = DateWords(today: Self.day("2027-01-01"), weekStart: .monday)
        #expect(Self.range(january, "last_month") == "2026-12-01…2026-12-31")
        #expect(Self.range(january, "this_month") == "2027-01-01…2027-01-31")
        #expect(Self.range(january, "this_year") == "2027-01-01…2027-12-31")
        #expect(Self.range(january, "yesterday") == "2026-12-31…2026-12-31")
        let leap = DateWords(today: Self.day("2028-03-10"), weekStart: .monday)
        #expect(Self.range(leap, "last_month") == "2028-02-01…2028-02-29")
        #expect(Self.range(leap, "tomorrow") == nil, "not a period")
    }

    @Test func dayWordsAndDates() {
        let words = DateWords(today: Self.day("2026-03-01"), weekStart: .monday)
        #expect(words.date("yesterday") == Self.day("2026-02-28"))
        #expect(words.date("tomorrow") == Self.day("2026-03-02"))
        #expect(words.date("2026-02-29") == nil, "2026 is not a leap year")
        #expect(words.date("Today") == nil, "the words are exact")
        #expect(words.date("2026-2-3") == nil)
    }

    /// "Today" is the workspace's, not the machine's: at 11:30 UTC on 2026-12-06, Auckland is
    /// already on the 7th and Honolulu still on the 6th.
    @Test func todayIsTheWorkspacesDay() throws {
        let instant = Date(timeIntervalSince1970: 1_796_556_600) // 2026-12-06T11:30:00Z
        func workspace(_ zone: String) throws -> Workspace {
            try Workspace(json: ["id": 1, "name": "W", "plan": "studio", "currency": "NZD", "timezone": .string(zone), "week_start": "monday"])
        }
        #expect(DateWords(workspace: try workspace("Pacific/Auckland"), now: instant).today == Self.day("2026-12-07"))
        #expect(DateWords(workspace: try workspace("Pacific/Honolulu"), now: instant).today == Self.day("2026-12-06"))
        #expect(DateWords(workspace: try workspace("Not/AZone"), now: instant).today == Self.day("2026-12-06"), "unknown: UTC")
    }
}

/// Names as people type them: no case, no accents, no width; exact before prefix before substring.
@Suite struct NameMatchTests {
    @Test func foldingIgnoresCaseAccentsWidthAndOuterSpace() {
        #expect(NameMatch.fold("  Café Crème ") == "cafe creme")
        #expect(NameMatch.fold("ＡＣＭＥ") == "acme", "full-width letters")
        #expect(NameMatch.fold("Ærø") == NameMatch.fold("ærø"))
    }

    @Test func theBestMatchOfANameAndItsAliases() {
        let query = NameMatch.fold("acme")
        #expect(NameMatch.best(["Acme"], foldedQuery: query) == .exact)
        #expect(NameMatch.best(["Acme Website"], foldedQuery: query) == .prefix)
        #expect(NameMatch.best(["The ACME shop"], foldedQuery: query) == .substring)
        #expect(NameMatch.best(["Globex"], foldedQuery: query) == nil)
        #expect(NameMatch.best(["The Acme shop", "ACME"], foldedQuery: query) == .exact, "an alias (a code) can match exactly")
        #expect(NameMatch.best(["Acme"], foldedQuery: "") == nil, "an empty query matches nothing")
        #expect(NameMatch.exact < .prefix && NameMatch.prefix < .substring)
    }
}
