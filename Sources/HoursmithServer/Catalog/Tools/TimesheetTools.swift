import Foundation
import HoursmithClient
import ConcurrencyHelpers
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
    /// The most entries one check reads (about 25 paced requests).
    static let maxWalkedEntries = 50_000

    static let findMissingTime = CatalogTool(
        "find_missing_time", in: .time, title: "Find missing time",
        description: "Working days (Mon–Fri) up to today with less time than weekly capacity / 5: per person logged, "
            + "expected, gap and the short days. Default: you, this_week. team: true: every active person.",
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
                + "days up to today.")
        }
        let through = min(to, today)
        guard from.days(to: through) < maxDays else {
            throw ToolError("That is \(from.days(to: through) + 1) days; find_missing_time checks at most \(maxDays) at once. "
                + "Give a shorter range or a period.")
        }
        let (people, team) = try await people(call)
        let filter = TimeEntryFilter(userID: team ? nil : people.first?.id, from: from, to: through)
        let missing = try await walk(filter, from: from, through: through, call)
        let rows = missing.rows(people).sorted { ($1.gap, $0.person.name, $0.person.id) < ($0.gap, $1.person.name, $1.person.id) }
        return .object(answer(rows, missing: missing, today: today, to: to))
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
        let me = call.me.user
        let team = call.bool("team", default: false)
        if me.role == .member, team || call.optionalInt("user_id").map({ $0 != me.id }) == true {
            throw ToolError(ErrorMessages.forbidden(action: othersTime, role: .member))
        }
        let userID = try await call.reference(.user)
        let zone = TimeZone(identifier: call.me.workspace.timezone) ?? TimeZone(identifier: "UTC") ?? .current
        func person(_ user: User) -> MissingTime.Person {
            MissingTime.Person(id: user.id, name: user.name, weeklyCapacity: Hundredths.of(user.weeklyCapacityHours),
                               since: LocalDate.today(in: zone, now: user.createdAt.date))
        }
        if team {
            guard userID == nil else { throw ToolError("Give `team: true` or a person (`user` or `user_id`), not both.") }
            let api = call.client
            let users = try await api.collectAll(limit: Lists.maxLimit) { (page, perPage) throws(HoursmithError) in
                try await api.listUsers(UserFilter(isActive: true), page: page, perPage: perPage)
            }
            return (users.items.map(person), true)
        }
        guard let userID, userID != me.id else { return ([person(me)], false) }
        return ([person(try await call.client.getUser(id: userID))], false)
    }

    /// Every entry of the range (one paced walk, whoever's they are), each page counted by person
    /// and day as it arrives.
    static func walk(_ filter: TimeEntryFilter, from: LocalDate, through: LocalDate, _ call: ToolCall) async throws -> MissingTime {
        let api = call.client
        let context = call.context
        let received = Locked(0)
        let walked = try await api.collectAll(limit: maxWalkedEntries) { page, perPage in
            let wire = try await api.wirePage(.timeEntries(filter), page: page, perPage: perPage)
            let counted = try MissingTime(page: wire, from: from, through: through)
            let count = received.withLock { $0 += wire.items.count; return $0 }
            let expected = min(wire.totalEntries, maxWalkedEntries)
            context.reportProgress(Double(count), total: Double(expected), message: "\(count) of \(expected) time entries")
            return Page(items: [counted], page: wire.page, perPage: wire.perPage, totalPages: wire.totalPages,
                        totalEntries: wire.totalEntries, nextPage: wire.nextPage, previousPage: wire.previousPage)
        }
        if walked.truncated {
            throw ToolError("\(walked.totalEntries) time entries fall in that range: more than the \(maxWalkedEntries) one check "
                + "reads. Give a shorter range, or one person.")
        }
        var missing = MissingTime(from: from, through: through)
        for part in walked.items { missing.merge(part) }
        return missing
    }

    /// `{from, to, people, totals, computed, note?}`.
    private static func answer(_ rows: [MissingTime.Row], missing: MissingTime, today: LocalDate, to: LocalDate) -> JSONObject {
        let short = rows.filter { !$0.shortDays.isEmpty }
        var result: JSONObject = [
            "from": .string(missing.from.description), "to": .string(missing.through.description),
            "people": .array(rows.map(\.json)),
            "totals": [
                "logged": Hundredths.json(rows.reduce(0) { $0 + $1.logged }),
                "expected": Hundredths.json(rows.reduce(0) { $0 + $1.expected }),
                "gap": Hundredths.json(rows.reduce(0) { $0 + $1.gap }),
                "short_days": .int(rows.reduce(0) { $0 + $1.shortDays.count }),
                "people_short": .int(short.count),
            ],
            "computed": .string("From the \(missing.entries) time entries of those days (one walk). A working day "
                + "(Mon–Fri) expects weekly_capacity_hours / 5 (per_day), from the day the person joined; weekends expect "
                + "nothing (weekend_hours, counted in logged). gap adds up the short days' shortfalls: a long day does not "
                + "make up for a short one. Running timers count with their hours so far."),
        ]
        var notes: [String] = []
        if missing.through == today, MissingTime.isWorkingDay(today) {
            notes.append("Today (\(today)) counts, though it is not over.")
        }
        if to > today { notes.append("Days after today are not counted.") }
        if !notes.isEmpty { result["note"] = .string(notes.joined(separator: " ")) }
        return result
    }
}
