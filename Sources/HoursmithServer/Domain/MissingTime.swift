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
/// - Days before the person joined the workspace (their `created_at`, in the workspace's calendar)
///   expect nothing, and days after `through` (today) are never counted.
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

    /// One person's days, checked.
    struct Row: Sendable, Equatable {
        let person: Person
        /// Hours logged over the range (weekends included), in hundredths.
        let logged: Int
        /// Hours the working days expect, in hundredths.
        let expected: Int
        /// The short days' shortfalls, added up, in hundredths.
        let gap: Int
        /// What each working day expects, in hundredths.
        let perDay: Int
        /// The working days with less than `perDay`, oldest first, with what was logged.
        let shortDays: [(date: LocalDate, logged: Int)]
        /// The weekend days with time on them, oldest first.
        let weekendDays: [(date: LocalDate, logged: Int)]

        static func == (lhs: Row, rhs: Row) -> Bool {
            lhs.person == rhs.person && lhs.logged == rhs.logged && lhs.expected == rhs.expected && lhs.gap == rhs.gap
                && lhs.perDay == rhs.perDay && lhs.shortDays.elementsEqual(rhs.shortDays, by: ==)
                && lhs.weekendDays.elementsEqual(rhs.weekendDays, by: ==)
        }
    }

    let from: LocalDate
    /// The last day counted: the range's end, or today when that comes first.
    let through: LocalDate
    /// Hundredths logged, by user and day.
    private(set) var logged: [Int: [LocalDate: Int]] = [:]
    /// How many entries were added.
    private(set) var entries = 0

    init(from: LocalDate, through: LocalDate) {
        self.from = from
        self.through = through
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
        let (quotient, remainder) = weeklyCapacity.quotientAndRemainder(dividingBy: 5)
        return remainder * 2 >= 5 ? quotient + 1 : remainder * 2 <= -5 ? quotient - 1 : quotient
    }

    mutating func add(user: Int, date: LocalDate, hours: Int) {
        guard date >= from, date <= through else { return }
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
    init(page: Page<WireItem>, from: LocalDate, through: LocalDate) throws {
        self.init(from: from, through: through)
        var dates: [String: LocalDate] = [:]
        for (position, item) in page.items.enumerated() {
            guard let user = item["user"]?["id"]?.json.intValue, let text = item["spent_date"]?.json.stringValue,
                  let number = item["hours"]?.json.numberValue, let hours = Hundredths.parse(number)
            else {
                throw ToolError("Hoursmith answered with a time entry (position \(position + 1) of page \(page.page)) that lacks "
                    + "its user, date or hours; nothing was counted.")
            }
            guard let date = dates[text] ?? LocalDate(text) else {
                throw ToolError("Hoursmith answered with a time entry whose spent_date is \"\(text.prefix(20))\", not a date; "
                    + "nothing was counted.")
            }
            dates[text] = date
            add(user: user, date: date, hours: hours)
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
        var short: [(date: LocalDate, logged: Int)] = [], weekend: [(date: LocalDate, logged: Int)] = []
        var day = from
        while day <= through {
            let hours = days[day] ?? 0
            total += hours
            if !Self.isWorkingDay(day) {
                if hours > 0 { weekend.append((day, hours)) }
            } else if day >= start {
                expected += perDay
                if hours < perDay {
                    gap += perDay - hours
                    short.append((day, hours))
                }
            }
            day = day.adding(days: 1)
        }
        return Row(person: person, logged: total, expected: expected, gap: gap, perDay: perDay, shortDays: short, weekendDays: weekend)
    }
}

extension MissingTime.Row {
    /// The most short days one person's row lists (the latest); the others are counted.
    static let maxShownShortDays = 31
    /// Working days in a row with nothing logged, from this many on, are shown as one range.
    static let shortestRange = 3

    /// The short days as shown: each by its date, except a run of ``shortestRange`` or more
    /// working days in a row with nothing logged (an absence), shown as `"FROM to TO": 0.0`.
    static func shown(_ days: ArraySlice<(date: LocalDate, logged: Int)>) -> [(key: String, logged: Int)] {
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

    /// `{"id", "name", "logged", "expected", "gap", "per_day", "short_days": {date: logged}, "weekend_hours"}`,
    /// the short days left out when there are none (beyond the latest ``maxShownShortDays``,
    /// counted in `earlier_short_days`), and the weekend's hours when there are none.
    var json: JSON {
        var object: JSONObject = [
            "id": .int(person.id), "name": .string(person.name), "logged": Hundredths.json(logged),
            "expected": Hundredths.json(expected), "gap": Hundredths.json(gap), "per_day": Hundredths.json(perDay),
        ]
        if !shortDays.isEmpty {
            let shown = shortDays.suffix(Self.maxShownShortDays)
            object["short_days"] = .object(JSONObject(Self.shown(shown).map { ($0.key, Hundredths.json($0.logged)) }))
            if shown.count < shortDays.count { object["earlier_short_days"] = .int(shortDays.count - shown.count) }
        }
        if !weekendDays.isEmpty {
            object["weekend_hours"] = Hundredths.json(weekendDays.reduce(0) { $0 + $1.logged })
        }
        return .object(object)
    }
}
