/// The bulk of the seed: `Fixture.bulkTimeEntryCount` time entries from id 100 and 200
/// expenses from id 100, spread over the last `SeedDays.bulkDays` days (weekdays ten times more
/// than weekends), each by a main-workspace user on a project they are a member of and that was
/// running that day. Deterministic: the same "today" gives the same rows.
enum BulkSeed {
    static let expenseCount = 200

    /// Who works on what: user id → projects (Sam only on Acme).
    private static let projectsByUser: [Int: [Int]] = [
        Fixture.User.owner: [Fixture.Project.acmeWebsite],
        Fixture.User.admin: [Fixture.Project.acmeWebsite, Fixture.Project.globexRebrand],
        Fixture.User.manager: [Fixture.Project.acmeWebsite, Fixture.Project.acmeMobile, Fixture.Project.globexRebrand,
                               Fixture.Project.initechMigration, Fixture.Project.starkDashboard],
        Fixture.User.member: [Fixture.Project.acmeWebsite, Fixture.Project.acmeMobile],
        Fixture.User.member2: [Fixture.Project.acmeMobile, Fixture.Project.initechMigration, Fixture.Project.starkDashboard],
    ]

    /// Users weighted by how much time they log.
    private static let userWeights = [1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5]

    private static let notesByTask: [Int: [String]] = [
        Fixture.Task.acmeDesign: ["Pricing page layout", "Icon set", "Design review", "Style guide updates"],
        Fixture.Task.acmeDevelopment: ["Contact form", "CMS integration", "Performance fixes", "Navigation menu", "Code review"],
        Fixture.Task.acmeManagement: ["Weekly status call", "Sprint planning", "Client emails"],
        Fixture.Task.acmeLegacySupport: ["Old site hotfix", "Legacy server patching"],
        Fixture.Task.mobileDesign: ["Onboarding flow", "Settings screen", "Dark mode palette"],
        Fixture.Task.mobileDevelopment: ["Push notifications", "Offline sync", "Crash fixes", "Release build"],
        Fixture.Task.globexStrategy: ["Brand interviews", "Moodboards", "Logo concepts", "Guidelines document"],
        Fixture.Task.initechMigration: ["Schema mapping", "Import scripts", "Data validation", "Cut-over rehearsal"],
        Fixture.Task.starkDevelopment: ["Telemetry charts", "Alerting rules", "API client", "Dashboard filters"],
        Fixture.Task.starkQA: ["Test plan", "Exploratory testing", "Bug triage"],
    ]

    private static let categories = ["Travel", "Meals", "Software", "Hardware", "Printing"]

    private static func calendar(today: Int) -> (days: [Int], cumulative: [Int], total: Int) {
        var days: [Int] = [], cumulative: [Int] = []
        var total = 0
        for day in (today - SeedDays.bulkDays)...today {
            days.append(day)
            cumulative.append(total)
            total += CivilTime.weekday(day) < 5 ? 10 : 1
        }
        return (days, cumulative, total)
    }

    /// The day at position `index × total / count` of the weighted calendar. Indexes come in
    /// increasing order, so `cursor` only moves forward.
    private static func day(index: Int, count: Int, calendar: (days: [Int], cumulative: [Int], total: Int), cursor: inout Int) -> Int {
        let target = index * calendar.total / count
        while cursor + 1 < calendar.days.count && calendar.cumulative[cursor + 1] <= target { cursor += 1 }
        return calendar.days[cursor]
    }

    /// Whether a project was being worked on that day.
    private static func isRunning(_ projectID: Int, on day: Int, today: Int) -> Bool {
        switch projectID {
        case Fixture.Project.globexRebrand: day >= today - SeedDays.globexStart && day <= today - SeedDays.globexEnd
        case Fixture.Project.initechMigration: day >= today - SeedDays.initechStart && day <= today - SeedDays.initechEnd
        default: true
        }
    }

    /// Recent short days, so that `find_missing_time` finds some among people who otherwise log
    /// more than their capacity: in the last `SeedDays.shortDays` days Sam (member) logs nothing on
    /// Fridays and only his first entry on Wednesdays, and Lena (member2) nothing on the Monday and
    /// Tuesday of the week before last. The entries they would have logged go to Maria (manager),
    /// who is on every project. (Olivia, who logs least, is short on some days by chance.)
    static func isAway(_ user: Int, on day: Int, today: Int, entriesThatDay: Int) -> Bool {
        guard day > today - SeedDays.shortDays else { return false }
        let weekday = CivilTime.weekday(day)
        switch user {
        case Fixture.User.member:
            return weekday == 4 || (weekday == 2 && entriesThatDay > 1)
        case Fixture.User.member2:
            let mondayBeforeLast = today - CivilTime.weekday(today) - 14
            return day == mondayBeforeLast || day == mondayBeforeLast + 1
        default:
            return false
        }
    }

    static func timeEntries(today: Int, now: Int, projects: [Int: ProjectRecord], tasks: [Int: TaskRecord]) -> [TimeEntryRecord] {
        var random = SplitMix64(seed: 0x486F_7572_736D_6974)
        let calendar = calendar(today: today)
        let count = Fixture.bulkTimeEntryCount
        let tasksByProject = Dictionary(grouping: tasks.values.sorted { $0.id < $1.id }, by: \.projectID)
        // Everything that depends only on the user and the day, worked out once per user and day
        // rather than once per entry: the projects they could work on, and each one's tasks.
        var choices: [Int: [(project: ProjectRecord, tasks: [TaskRecord])]] = [:]
        var choicesDay = Int.min
        // Sam's entries on the current day, for his short Wednesdays.
        var shortDay = Int.min, samsEntries = 0
        var cursor = 0
        var entries: [TimeEntryRecord] = []
        entries.reserveCapacity(count)
        for index in 0..<count {
            let day = day(index: index, count: count, calendar: calendar, cursor: &cursor)
            if day != choicesDay {
                choicesDay = day
                choices = [:]
                for (user, projectIDs) in projectsByUser {
                    let running = projectIDs.filter { isRunning($0, on: day, today: today) }
                    choices[user] = (running.isEmpty ? [Fixture.Project.acmeWebsite] : running).compactMap { id in
                        projects[id].map { project in
                            (project, (tasksByProject[id] ?? []).filter {
                                $0.id != Fixture.Task.acmeLegacySupport || day <= today - SeedDays.legacySupportEnd
                            })
                        }
                    }
                }
            }
            if day != shortDay {
                (shortDay, samsEntries) = (day, 0)
            }
            var user = random.pick(userWeights)
            if user == Fixture.User.member { samsEntries += 1 }
            if isAway(user, on: day, today: today, entriesThatDay: samsEntries) { user = Fixture.User.manager }
            guard let options = choices[user], !options.isEmpty else { continue }
            let (project, usable) = random.pick(options)
            guard !usable.isEmpty else { continue }
            let task = random.pick(usable)
            let quarters = random.chance(70) ? 1 + random.below(8) : 1 + random.below(32)
            var billable = project.isBillable && task.billableByDefault
            if billable && project.id != Fixture.Project.globexRebrand && random.chance(5) { billable = false }
            let notes: String? = random.chance(10) ? nil : random.pick(notesByTask[task.id] ?? ["Work"])
            let created = min(now - 7200, day * CivilTime.secondsPerDay + 16 * 3600 + index % 7200)
            entries.append(TimeEntryRecord(
                id: Fixture.TimeEntry.firstBulkTimeEntry + index, workspaceID: Fixture.Workspace.main, userID: user,
                projectID: project.id, taskID: task.id, spentDay: day, hours: quarters * 25, notes: notes,
                billable: billable, timerStartedAt: nil, invoiceID: nil, createdAt: created, updatedAt: created))
        }
        return entries
    }

    static func expenses(today: Int, now: Int, projects: [Int: ProjectRecord]) -> [ExpenseRecord] {
        var random = SplitMix64(seed: 0x4578_7065_6E73_6573)
        let calendar = calendar(today: today)
        var expenses: [ExpenseRecord] = []
        var cursor = 0
        for index in 0..<expenseCount {
            let id = Fixture.Expense.firstBulkExpense + index
            let day = day(index: index, count: expenseCount, calendar: calendar, cursor: &cursor)
            let user = random.pick(userWeights)
            let candidates = (projectsByUser[user] ?? []).filter { isRunning($0, on: day, today: today) }
            let projectID = candidates.isEmpty ? Fixture.Project.acmeWebsite : random.pick(candidates)
            let category = random.pick(categories)
            let amount = 500 + random.below(60_000)
            let created = min(now - 7200, day * CivilTime.secondsPerDay + 18 * 3600 + index)
            expenses.append(ExpenseRecord(
                id: id, workspaceID: Fixture.Workspace.main, userID: user, projectID: projectID, spentDay: day,
                amount: amount, category: category, notes: random.chance(30) ? nil : "\(category) for \(projects[projectID]?.name ?? "the project")",
                billable: random.chance(90), invoiceID: nil, createdAt: created, updatedAt: created))
        }
        return expenses
    }
}
