import Foundation
import HoursmithClient

/// Dates as people say them — `today`, `yesterday`, `tomorrow`, and periods such as
/// `last_month` — resolved in the workspace's timezone and week start, never the machine's.
struct DateWords: Sendable {
    /// Today in the workspace's timezone.
    let today: LocalDate
    let weekStart: Weekday

    static let periods = ["today", "yesterday", "this_week", "last_week", "this_month", "last_month", "this_year"]

    init(today: LocalDate, weekStart: Weekday) {
        self.today = today
        self.weekStart = weekStart
    }

    /// The calendar of `workspace` at `now`. An unknown timezone name falls back to UTC.
    init(workspace: Workspace, now: Date = Date()) {
        self.init(today: DateWords.day(of: now, in: workspace), weekStart: workspace.weekStart)
    }

    /// The day `instant` falls on in the workspace's calendar (a person's `created_at`: the day
    /// they joined). An unknown timezone name falls back to UTC.
    static func day(of instant: Date, in workspace: Workspace) -> LocalDate {
        let zone = TimeZone(identifier: workspace.timezone) ?? TimeZone(identifier: "UTC") ?? .current
        return LocalDate.today(in: zone, now: instant)
    }

    /// The weeks a prompt offers, this one first.
    static let weeks = ["this_week", "last_week"]

    /// A period's name in words: `last_week` → "last week".
    static func words(_ period: String) -> String {
        period.replacingOccurrences(of: "_", with: " ")
    }

    /// The first day "everything so far" starts from (all the hours logged on a project, all
    /// that is not yet billed): 2000-01-01.
    var beginning: LocalDate { LocalDate(year: 2000, month: 1, day: 1) ?? today.firstDayOfYear }

    /// A date from `YYYY-MM-DD` or one of the day words; nil when it is neither (or no such day).
    func date(_ text: String) -> LocalDate? {
        switch text {
        case "today": today
        case "yesterday": today.adding(days: -1)
        case "tomorrow": today.adding(days: 1)
        default: LocalDate(text)
        }
    }

    /// The whole calendar days a period covers, first to last (`this_week` includes the days
    /// still to come; `last_month` is the whole previous month).
    func period(_ name: String) -> ClosedRange<LocalDate>? {
        switch name {
        case "today": return today...today
        case "yesterday":
            let day = today.adding(days: -1)
            return day...day
        case "this_week":
            let start = today.startOfWeek(startingOn: weekStart)
            return start...start.adding(days: 6)
        case "last_week":
            let start = today.startOfWeek(startingOn: weekStart).adding(days: -7)
            return start...start.adding(days: 6)
        case "this_month":
            return today.firstDayOfMonth...today.lastDayOfMonth
        case "last_month":
            let previous = today.firstDayOfMonth.adding(days: -1)
            return previous.firstDayOfMonth...previous.lastDayOfMonth
        case "this_year":
            return today.firstDayOfYear...today.lastDayOfYear
        default:
            return nil
        }
    }
}
