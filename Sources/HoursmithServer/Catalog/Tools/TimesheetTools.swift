import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// Timesheets: whose working days fall short of their weekly capacity (`find_missing_time`), and
/// many entries logged at once — previewed first, or copied from other weeks —
/// (`create_time_entries`, TimesheetTools+Batch.swift).
enum TimesheetTools {
    static let all: [CatalogTool] = [findMissingTime, createTimeEntries]

    /// What a member may not do here: look at someone else's days.
    static let othersTime = "check other people's time"
    /// The longest range checked at once, in days.
    static let maxDays = 366

    static let findMissingTime = CatalogTool(
        "find_missing_time", in: .time, title: "Find missing time",
        description: "Working days (Mon–Fri) before today with less time than weekly capacity / 5: per person logged, "
            + "expected, gap, short days; today's hours apart. Default: you, this_week. team: true: every active person.",
        input: .object(Schemas.reference(.user, "This person. Default: you.") + [
            .init(name: "team", schema: .boolean("Every active person.")),
            .init(name: "from", schema: Schemas.from),
            .init(name: "to", schema: Schemas.to),
            .init(name: "period", schema: Schemas.period),
        ]),
        output: Schemas.result(["people": .array(of: Schemas.object), "totals": Schemas.object]),
        annotations: .read, audience: .everyone, action: othersTime
    ) { call in
        let (from, to) = try range(call)
        let today = call.dates.today
        guard from <= today else {
            throw ToolError("The range starts after today (\(today)): there is no day to check yet. find_missing_time counts "
                + "the days before today, and today's hours so far apart.")
        }
        let last = min(to, today)
        guard from.days(to: last) < maxDays else {
            throw ToolError("That is \(from.days(to: last) + 1) days; find_missing_time checks at most \(maxDays) at once. "
                + "Give a shorter range or a period.")
        }
        let (people, team) = try await people(call)
        // Whole days only: today is not over, so its hours so far are counted apart.
        let through = min(to, today.adding(days: -1)), counted = to >= today ? today : nil
        let filter = TimeEntryFilter(userID: team ? nil : people.first?.id, from: from, to: last)
        let parts = try await call.walkTimeEntries(filter, narrower: "Give a shorter range, or one person.") { wire in
            try MissingTime(page: wire, from: from, through: through, today: counted)
        }
        var missing = MissingTime(from: from, through: through, today: counted)
        for part in parts { missing.merge(part) }
        // The largest gap first; then by name.
        let rows = missing.rows(people).sorted { first, second in
            if first.gap != second.gap { return first.gap > second.gap }
            return (first.person.name, first.person.id) < (second.person.name, second.person.id)
        }
        return .object(answer(rows, missing: missing, last: last, to: to))
    }

    /// The range asked for: `period`, or `from`/`to` (`from` alone runs to today), else this week.
    static func range(_ call: ToolCall) throws -> (from: LocalDate, to: LocalDate) {
        let given = try call.range()
        switch (given.from, given.to) {
        case (let from?, let to?):
            return (from, to)
        case (let from?, nil):
            return (from, max(from, call.dates.today))
        case (nil, _?):
            throw ToolError("Give `from` with `to` (YYYY-MM-DD), or a `period`.")
        case (nil, nil):
            guard let week = call.dates.period("this_week") else { throw ToolError("Give a `period`, or `from` and `to`.") }
            return (week.lowerBound, week.upperBound)
        }
    }

    /// Whose days are checked: the token's own person, another one, or (`team`) every active
    /// user. A member asking for anyone else is refused as the API would refuse it, before any request.
    static func people(_ call: ToolCall) async throws -> (people: [MissingTime.Person], team: Bool) {
        let team = call.bool("team", default: false)
        try call.requireOwnTime(of: call.optionalInt("user_id"), orTeam: team, action: othersTime)
        let userID = try await call.reference(.user)
        let workspace = call.me.workspace
        func person(_ user: User) -> MissingTime.Person {
            MissingTime.Person(id: user.id, name: user.name, weeklyCapacity: Hundredths.of(user.weeklyCapacityHours),
                               since: DateWords.day(of: user.createdAt.date, in: workspace))
        }
        if team {
            guard userID == nil else { throw ToolError("Give `team: true` or a person (`user` or `user_id`), not both.") }
            let api = call.client
            let users = try await api.collectAll(limit: Lists.maxLimit) { (page, perPage) throws(HoursmithError) in
                try await api.listUsers(UserFilter(isActive: true), page: page, perPage: perPage)
            }
            return (users.items.map(person), true)
        }
        let me = call.me.user
        guard let userID, userID != me.id else { return ([person(me)], false) }
        return ([person(try await call.client.getUser(id: userID))], false)
    }

    /// `{from, to, people, totals, computed, note?}`.
    private static func answer(_ rows: [MissingTime.Row], missing: MissingTime, last: LocalDate, to: LocalDate) -> JSONObject {
        let short = rows.filter { !$0.shortDays.isEmpty }
        var result: JSONObject = [
            "from": .string(missing.from.description), "to": .string(last.description),
            "people": .array(rows.map(\.json)),
            "totals": [
                "logged": Hundredths.json(rows.reduce(0) { $0 + $1.logged }),
                "expected": Hundredths.json(rows.reduce(0) { $0 + $1.expected }),
                "gap": Hundredths.json(rows.reduce(0) { $0 + $1.gap }),
                "short_days": .int(rows.reduce(0) { $0 + $1.shortDays.count }),
                "people_short": .int(short.count),
            ],
            "computed": .string("from the \(missing.entries) time entries of those days, read in one walk"),
        ]
        var notes: [String] = []
        if let today = missing.today {
            notes.append("Today (\(today)) is not over: it is never short, and `today` is its hours so far.")
        }
        if to > last { notes.append("Days after today are not counted.") }
        if !notes.isEmpty { result["note"] = .string(notes.joined(separator: " ")) }
        return result
    }
}
