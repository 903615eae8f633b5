import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// `find_missing_time`'s arithmetic: the hours each person logged per day, against what their
/// weekly capacity expects of each working day.
///
/// - A working day is Monday to Friday, whatever day the workspace's week starts on; it expects
///   `weekly_capacity_hours / 5` (to the hundredth, half away from zero).
/// - Saturday and Sunday expect nothing; time logged on them counts in `logged`, and is shown
///   apart (`weekend_hours`).
/// - A day is short when it has less than it expects; the gap is the sum of the short days'
///   shortfalls, so a long day does not make up for a short one. Three or more working days in a
///   row with nothing logged (an absence) are shown as one range.
/// - Only whole days count: from `from` through `through` (yesterday at the latest). Today is not
///   over, so it is never short: its hours so far are told apart (`today`). Days before the person
///   joined the workspace (their `created_at`, in the workspace's calendar) expect nothing.
struct MissingTime: Sendable {
    /// Whose days are checked.
    struct Person: Sendable, Equatable {
        let id: Int
        let name: String
        /// `weekly_capacity_hours`, in hundredths.
        let weeklyCapacity: Int
        /// The first day they were in the workspace, if known.
        let since: LocalDate?
    }

    /// A day and the hours logged on it, in hundredths.
    struct Day: Sendable, Equatable {
        let date: LocalDate
        let logged: Int
    }

    /// One person's days, checked.
    struct Row: Sendable, Equatable {
        let person: Person
        /// Hours logged over the whole days (weekends included), in hundredths.
        let logged: Int
        /// Hours the working days expect, in hundredths.
        let expected: Int
        /// The short days' shortfalls, added up, in hundredths.
        let gap: Int
        /// What each working day expects, in hundredths.
        let perDay: Int
        /// The working days with less than `perDay`, oldest first.
        let shortDays: [Day]
        /// The weekend days with time on them, oldest first.
        let weekendDays: [Day]
        /// Today's hours so far, when the range covers today.
        let today: Int?
    }

    let from: LocalDate
    /// The last whole day counted: the range's end, or yesterday when that comes first (before
    /// `from` when the range is today alone).
    let through: LocalDate
    /// Today, when the range covers it: counted apart.
    let today: LocalDate?
    /// Hundredths logged, by user and day.
    private(set) var logged: [Int: [LocalDate: Int]] = [:]
    /// How many entries were added.
    private(set) var entries = 0

    init(from: LocalDate, through: LocalDate, today: LocalDate? = nil) {
        self.from = from
        self.through = through
        self.today = today
    }

    static func isWorkingDay(_ date: LocalDate) -> Bool {
        date.weekday != .saturday && date.weekday != .sunday
    }

    static func nextWorkingDay(after date: LocalDate) -> LocalDate {
        var next = date.adding(days: 1)
        while !isWorkingDay(next) { next = next.adding(days: 1) }
        return next
    }

    /// What a working day expects of a weekly capacity (both in hundredths): a fifth of it.
    static func perDay(weeklyCapacity: Int) -> Int {
        Hundredths.divide(weeklyCapacity, by: 5)
    }

    mutating func add(user: Int, date: LocalDate, hours: Int) {
        guard date >= from, date <= through || date == today else { return }
        logged[user, default: [:]][date, default: 0] += hours
        entries += 1
    }

    mutating func merge(_ other: MissingTime) {
        for (user, days) in other.logged {
            logged[user, default: [:]].merge(days, uniquingKeysWith: +)
        }
        entries += other.entries
    }

    /// The time entries of a page, read straight from the wire (user, day, hours).
    init(page: Page<WireItem>, from: LocalDate, through: LocalDate, today: LocalDate?) throws(ToolError) {
        self.init(from: from, through: through, today: today)
        var days = WireEntry.PerDay<LocalDate>()
        for entry in WireEntry.entries(of: page) {
            let user = try entry.id("user"), hours = try entry.hours()
            add(user: user, date: try days.value(of: entry) { (text) throws(ToolError) in try entry.date(text) }, hours: hours)
        }
    }

    /// Each person's row, in the order given.
    func rows(_ people: [Person]) -> [Row] {
        people.map(row)
    }

    func row(_ person: Person) -> Row {
        let days = logged[person.id] ?? [:]
        let perDay = Self.perDay(weeklyCapacity: person.weeklyCapacity)
        let start = max(from, person.since ?? from)
        var expected = 0, gap = 0, total = 0
        var short: [Day] = [], weekend: [Day] = []
        var day = from
        while day <= through {
            let hours = days[day] ?? 0
            total += hours
            if !Self.isWorkingDay(day) {
                if hours > 0 { weekend.append(Day(date: day, logged: hours)) }
            } else if day >= start {
                expected += perDay
                if hours < perDay {
                    gap += perDay - hours
                    short.append(Day(date: day, logged: hours))
                }
            }
            day = day.adding(days: 1)
        }
        return Row(person: person, logged: total, expected: expected, gap: gap, perDay: perDay, shortDays: short,
                   weekendDays: weekend, today: today.map { days[$0] ?? 0 })
    }
}

extension MissingTime.Row {
    /// The most short days one person's row lists (the latest); the others are counted.
    static let maxShownShortDays = 31
    /// Working days in a row with nothing logged, from this many on, are shown as one range.
    static let shortestRange = 3

    /// The short days as shown: each by its date, except a run of ``shortestRange`` or more
    /// working days in a row with nothing logged (an absence), shown as `"FROM to TO": 0.0`.
    static func shown(_ days: ArraySlice<MissingTime.Day>) -> [(key: String, logged: Int)] {
        var shown: [(key: String, logged: Int)] = []
        var index = days.startIndex
        while index < days.endIndex {
            var end = index
            while days[end].logged == 0, end + 1 < days.endIndex, days[end + 1].logged == 0,
                  days[end + 1].date == MissingTime.nextWorkingDay(after: days[end].date) {
                end += 1
            }
            if end - index + 1 >= shortestRange {
                shown.append(("\(days[index].date) to \(days[end].date)", 0))
                index = end + 1
            } else {
                shown.append((days[index].date.description, days[index].logged))
                index += 1
            }
        }
        return shown
    }

    /// `{"id", "name", "logged", "expected", "gap", "per_day", "short_days": {date: logged},
    /// "earlier_short_days", "weekend_hours", "today"}`: `short_days` only when there are some, the
    /// latest ``maxShownShortDays`` of them, and `earlier_short_days` only when there were more —
    /// how many, and the narrower range that shows them; `weekend_hours` only when there are some;
    /// `today` only when the range covers today.
    var json: JSON {
        var object: JSONObject = [
            "id": .int(person.id), "name": .string(person.name), "logged": Hundredths.json(logged),
            "expected": Hundredths.json(expected), "gap": Hundredths.json(gap), "per_day": Hundredths.json(perDay),
        ]
        if !shortDays.isEmpty {
            let shown = shortDays.suffix(Self.maxShownShortDays)
            object["short_days"] = .object(JSONObject(Self.shown(shown).map { ($0.key, Hundredths.json($0.logged)) }))
            if let first = shown.first, shown.count < shortDays.count {
                object["earlier_short_days"] = .string("\(shortDays.count - shown.count) more before \(first.date): ask again with "
                    + "to: \(first.date.adding(days: -1)) to see them")
            }
        }
        if !weekendDays.isEmpty {
            object["weekend_hours"] = Hundredths.json(weekendDays.reduce(0) { $0 + $1.logged })
        }
        if let today { object["today"] = Hundredths.json(today) }
        return .object(object)
    }
}
