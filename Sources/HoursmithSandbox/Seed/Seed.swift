import ConcurrencyHelpers

/// The sandbox's seed: the objects `Fixture` names, then the bulk time entries and expenses
/// (see BulkSeed.swift), then the invoices that bill them. Deterministic for a given "today".
enum Seed {
    /// Seeds made in this process, by day and time zone.
    private static let made = Locked([String: Store]())

    /// A seeded store. `today` is the main workspace's current day, `now` the current time.
    ///
    /// The seed is made once per process, day and time zone; each sandbox gets its own copy (a
    /// value: copy-on-write keeps sandboxes apart), with Sam's timer started an hour before `now`.
    static func store(today: Int, now: Int, timezone: String) -> Store {
        let key = "\(today) \(timezone)"
        var store = made.withLock { made in
            if let store = made[key] { return store }
            let store = make(today: today, now: now, timezone: timezone)
            made[key] = store
            return store
        }
        if var timer = store.timeEntries[id: Fixture.TimeEntry.samRunningTimer] {
            timer.timerStartedAt = now - 3600
            timer.createdAt = now - 3600
            timer.updatedAt = now - 3600
            store.timeEntries.update(timer)
        }
        return store
    }

    private static func make(today: Int, now: Int, timezone: String) -> Store {
        var store = Store()
        let day = CivilTime.secondsPerDay
        // Objects were made long ago, at 09:00 UTC on a day this many days back.
        func past(_ daysAgo: Int, _ extraSeconds: Int = 0) -> Int { (today - daysAgo) * day + 9 * 3600 + extraSeconds }

        // Workspaces
        for workspace in [
            WorkspaceRecord(id: Fixture.Workspace.main, name: "Northwind Studio", plan: "studio", currency: "USD",
                            timezone: timezone, weekStart: "monday"),
            WorkspaceRecord(id: Fixture.Workspace.solo, name: "Solo Workshop", plan: "solo", currency: "USD",
                            timezone: "America/Chicago", weekStart: "sunday"),
            WorkspaceRecord(id: Fixture.Workspace.free, name: "Free Corner", plan: "free", currency: "GBP",
                            timezone: "Europe/London", weekStart: "monday"),
            WorkspaceRecord(id: Fixture.Workspace.agency, name: "Atlas Agency", plan: "agency", currency: "EUR",
                            timezone: "Europe/Berlin", weekStart: "monday"),
        ] {
            store.workspaces[workspace.id] = workspace
        }

        // Users (one workspace each)
        let main = Fixture.Workspace.main
        let people: [(Int, Int, String, String, String, String, Bool, Int)] = [
            (Fixture.User.owner, main, "Olivia", "Hart", "olivia@northwind.example", "owner", true, 4000),
            (Fixture.User.admin, main, "Arjun", "Mehta", "arjun@northwind.example", "admin", true, 4000),
            (Fixture.User.manager, main, "Maria", "Lopez", "maria@northwind.example", "manager", true, 4000),
            (Fixture.User.member, main, "Sam", "Carter", "sam@northwind.example", "member", true, 3500),
            (Fixture.User.member2, main, "Lena", "Novak", "lena@northwind.example", "member", true, 3200),
            (Fixture.User.inactive, main, "Tom", "Reed", "tom@northwind.example", "member", false, 4000),
            (Fixture.User.soloOwner, Fixture.Workspace.solo, "Priya", "Shah", "priya@soloworkshop.example", "owner", true, 4000),
            (Fixture.User.freeOwner, Fixture.Workspace.free, "Felix", "Wong", "felix@freecorner.example", "owner", true, 4000),
            (Fixture.User.agencyOwner, Fixture.Workspace.agency, "Ada", "Brandt", "ada@atlas.example", "owner", true, 4000),
            (Fixture.User.agencyMember, Fixture.Workspace.agency, "Jonas", "Weber", "jonas@atlas.example", "member", true, 4000),
        ]
        for (id, workspace, first, last, email, role, active, capacity) in people {
            store.users[id] = UserRecord(
                id: id, workspaceID: workspace, firstName: first, lastName: last, email: email, role: role,
                isActive: active, isRemoved: false, weeklyCapacityHundredths: capacity,
                createdAt: past(420 - id * 7), updatedAt: active ? past(420 - id * 7) : past(30))
        }

        // Tokens
        for (token, user, revoked) in [
            (Fixture.Token.owner, Fixture.User.owner, false), (Fixture.Token.admin, Fixture.User.admin, false),
            (Fixture.Token.manager, Fixture.User.manager, false), (Fixture.Token.member, Fixture.User.member, false),
            (Fixture.Token.member2, Fixture.User.member2, false), (Fixture.Token.inactiveMember, Fixture.User.inactive, false),
            (Fixture.Token.agencyOwner, Fixture.User.agencyOwner, false), (Fixture.Token.soloPlan, Fixture.User.soloOwner, false),
            (Fixture.Token.freePlan, Fixture.User.freeOwner, false), (Fixture.Token.revoked, Fixture.User.owner, true),
        ] {
            store.tokens[token] = TokenRecord(token: token, userID: user, isRevoked: revoked)
        }

        // Clients
        for (id, workspace, name, currency, address, active, age) in [
            (Fixture.Client.acme, main, "Acme Corp", "USD", "1 Acme Way\nSpringfield, IL 62701", true, 320),
            (Fixture.Client.globex, main, "Globex", "USD", "500 Globex Plaza\nCypress Creek, OR 97401", true, 300),
            (Fixture.Client.initech, main, "Initech", "USD", nil, true, 200),
            (Fixture.Client.umbrella, main, "Umbrella Health", "USD", nil, false, 380),
            (Fixture.Client.stark, main, "Stark Industries", "USD", "10880 Malibu Point\nMalibu, CA 90265", true, 260),
            (Fixture.Client.nordlicht, Fixture.Workspace.agency, "Nordlicht GmbH", "EUR", "Hafenstraße 12\n20457 Hamburg", true, 150),
        ] as [(Int, Int, String, String, String?, Bool, Int)] {
            store.clients[id] = ClientRecord(
                id: id, workspaceID: workspace, name: name, currency: currency, address: address, isActive: active,
                createdAt: past(age), updatedAt: past(active ? age : 90))
        }

        // Projects
        let P = Fixture.Project.self
        for project in [
            ProjectRecord(id: P.acmeWebsite, workspaceID: main, clientID: Fixture.Client.acme, name: "Acme Website",
                          code: "ACME-WEB", isActive: true, isBillable: true, hourlyRate: 15000, budgetHours: 40000,
                          startsOn: today - 300, endsOn: nil, notes: "Marketing site rebuild, phase 2.",
                          memberIDs: [1, 2, 3, 4], createdAt: past(300), updatedAt: past(300)),
            ProjectRecord(id: P.acmeMobile, workspaceID: main, clientID: Fixture.Client.acme, name: "Acme Mobile App",
                          code: "ACME-APP", isActive: true, isBillable: true, hourlyRate: 16000, budgetHours: nil,
                          startsOn: today - 260, endsOn: nil, notes: nil,
                          memberIDs: [3, 4, 5], createdAt: past(260), updatedAt: past(260)),
            ProjectRecord(id: P.globexRebrand, workspaceID: main, clientID: Fixture.Client.globex, name: "Globex Rebrand",
                          code: "GLX-RB", isActive: false, isBillable: true, hourlyRate: 13500, budgetHours: 30000,
                          startsOn: today - SeedDays.globexStart, endsOn: today - SeedDays.globexEnd, notes: "Finished and billed.",
                          memberIDs: [2, 3], createdAt: past(245), updatedAt: past(120)),
            ProjectRecord(id: P.initechMigration, workspaceID: main, clientID: Fixture.Client.initech, name: "Initech Migration",
                          code: "INI-MIG", isActive: false, isBillable: true, hourlyRate: 12000, budgetHours: nil,
                          startsOn: today - SeedDays.initechStart, endsOn: today - SeedDays.initechEnd, notes: nil,
                          memberIDs: [3, 5], createdAt: past(185), updatedAt: past(85)),
            ProjectRecord(id: P.starkDashboard, workspaceID: main, clientID: Fixture.Client.stark, name: "Stark Dashboard",
                          code: "STK-DASH", isActive: true, isBillable: true, hourlyRate: 14000, budgetHours: 25000,
                          startsOn: today - 250, endsOn: nil, notes: "Reactor telemetry dashboard.",
                          memberIDs: [3, 5], createdAt: past(250), updatedAt: past(250)),
            ProjectRecord(id: Fixture.Project.nordlichtPortal, workspaceID: Fixture.Workspace.agency, clientID: Fixture.Client.nordlicht,
                          name: "Nordlicht Portal", code: "NL-PORTAL", isActive: true, isBillable: true, hourlyRate: 11000,
                          budgetHours: nil, startsOn: today - 140, endsOn: nil, notes: nil,
                          memberIDs: [Fixture.User.agencyOwner, Fixture.User.agencyMember], createdAt: past(140), updatedAt: past(140)),
        ] {
            store.projects[project.id] = project
        }

        // Tasks
        let T = Fixture.Task.self
        for (id, project, name, active, billable, rate) in [
            (T.acmeDesign, P.acmeWebsite, "Design", true, true, nil),
            (T.acmeDevelopment, P.acmeWebsite, "Development", true, true, nil),
            (T.acmeManagement, P.acmeWebsite, "Project Management", true, false, nil),
            (T.acmeLegacySupport, P.acmeWebsite, "Legacy Support", false, true, nil),
            (T.mobileDesign, P.acmeMobile, "Design", true, true, nil),
            (T.mobileDevelopment, P.acmeMobile, "Development", true, true, nil),
            (T.globexStrategy, P.globexRebrand, "Brand Strategy", true, true, nil),
            (T.initechMigration, P.initechMigration, "Data Migration", true, true, nil),
            (T.starkDevelopment, P.starkDashboard, "Development", true, true, nil),
            (T.starkQA, P.starkDashboard, "QA", true, true, 12000),
            (Fixture.Task.nordlichtConsulting, Fixture.Project.nordlichtPortal, "Consulting", true, true, nil),
            (Fixture.Task.nordlichtDevelopment, Fixture.Project.nordlichtPortal, "Development", true, true, nil),
        ] as [(Int, Int, String, Bool, Bool, Int?)] {
            let created = (store.projects[project]?.createdAt ?? past(300)) + 600
            store.tasks[id] = TaskRecord(
                id: id, projectID: project, name: name, isActive: active, billableByDefault: billable, hourlyRate: rate,
                createdAt: created, updatedAt: active ? created : past(150))
        }

        // Time entries: the special ones, the agency's, then the bulk.
        // The bulk comes oldest first: reversed, it is already in the table's order.
        store.timeEntries = OrderedTable(newestFirst:
            BulkSeed.timeEntries(today: today, now: now, projects: store.projects, tasks: store.tasks).reversed())
        for entry in specialTimeEntries(today: today, now: now) {
            store.timeEntries.insert(entry)
            if entry.isRunning { store.runningEntryIDs.insert(entry.id) }
        }

        store.expenses = OrderedTable(newestFirst: BulkSeed.expenses(today: today, now: now, projects: store.projects).reversed())
        for expense in specialExpenses(today: today) { store.expenses.insert(expense) }

        seedInvoices(into: &store, today: today)
        store.resetIDCounters()
        return store
    }

    private static func specialTimeEntries(today: Int, now: Int) -> [TimeEntryRecord] {
        let U = Fixture.User.self, P = Fixture.Project.self, T = Fixture.Task.self, E = Fixture.TimeEntry.self
        let main = Fixture.Workspace.main, agency = Fixture.Workspace.agency
        let rows: [(Int, Int, Int, Int, Int, Int, Int, String?)] = [
            // id, workspace, user, project, task, days ago, hours, notes
            (E.samRunningTimer, main, U.member, P.acmeWebsite, T.acmeDevelopment, 0, 0, "Homepage hero section"),
            (E.invoiced, main, U.manager, P.globexRebrand, T.globexStrategy, 200, 350, "Brand workshop preparation"),
            (E.samYesterday, main, U.member, P.acmeWebsite, T.acmeDesign, 1, 200, "Wireframes for the pricing page"),
            (E.lenaMobile, main, U.member2, P.acmeMobile, T.mobileDesign, 2, 400, "Onboarding screens"),
            (E.mariaToday, main, U.manager, P.starkDashboard, T.starkQA, 0, 150, "Regression pass on the charts"),
            (E.lenaInitech, main, U.member2, P.initechMigration, T.initechMigration, 120, 600, "Customer table import"),
            (7, agency, Fixture.User.agencyOwner, Fixture.Project.nordlichtPortal, Fixture.Task.nordlichtConsulting, 3, 250, "Kick-off workshop"),
            (8, agency, Fixture.User.agencyMember, Fixture.Project.nordlichtPortal, Fixture.Task.nordlichtDevelopment, 2, 600, "Login flow"),
            (9, agency, Fixture.User.agencyMember, Fixture.Project.nordlichtPortal, Fixture.Task.nordlichtDevelopment, 1, 750, nil),
            (10, agency, Fixture.User.agencyOwner, Fixture.Project.nordlichtPortal, Fixture.Task.nordlichtConsulting, 0, 100, "Weekly call"),
        ]
        return rows.map { id, workspace, user, project, task, daysAgo, hours, notes in
            let created = min(now - 3600, (today - daysAgo) * CivilTime.secondsPerDay + 17 * 3600)
            let running = id == E.samRunningTimer
            return TimeEntryRecord(
                id: id, workspaceID: workspace, userID: user, projectID: project, taskID: task, spentDay: today - daysAgo,
                hours: hours, notes: notes, billable: true, timerStartedAt: running ? now - 3600 : nil, invoiceID: nil,
                createdAt: created, updatedAt: created)
        }
    }

    private static func specialExpenses(today: Int) -> [ExpenseRecord] {
        let X = Fixture.Expense.self, main = Fixture.Workspace.main
        let rows: [(Int, Int, Int, Int, Int, String, String)] = [
            (X.invoiced, Fixture.User.manager, Fixture.Project.globexRebrand, 195, 42000, "Travel", "Train to Globex HQ"),
            (X.acmeUninvoiced, Fixture.User.owner, Fixture.Project.acmeWebsite, 4, 4900, "Software", "Stock photo licence"),
            (X.initech, Fixture.User.member2, Fixture.Project.initechMigration, 110, 8990, "Hardware", "USB drives for the data transfer"),
        ]
        return rows.map { id, user, project, daysAgo, amount, category, notes in
            let created = (today - daysAgo) * CivilTime.secondsPerDay + 18 * 3600
            return ExpenseRecord(
                id: id, workspaceID: main, userID: user, projectID: project, spentDay: today - daysAgo, amount: amount,
                category: category, notes: notes, billable: true, invoiceID: nil, createdAt: created, updatedAt: created)
        }
    }

    /// INV-0001 and INV-0002 bill all of Globex's billable time and expenses (two periods);
    /// INV-0003 is a draft for Acme with one "other" line item.
    private static func seedInvoices(into store: inout Store, today: Int) {
        let main = Fixture.Workspace.main
        let periods = [
            (Fixture.Invoice.globexPaid, "INV-0001", "paid", SeedDays.globexStart, SeedDays.globexSplit, "Globex Rebrand, phase 1"),
            (Fixture.Invoice.globexOpen, "INV-0002", "open", SeedDays.globexSplit - 1, SeedDays.globexEnd, "Globex Rebrand, phase 2"),
        ]
        for (id, number, state, fromAgo, toAgo, subject) in periods {
            let issue = today - toAgo + 3
            let created = issue * CivilTime.secondsPerDay + 10 * 3600
            let (entries, expenses) = store.billable(
                clientID: Fixture.Client.globex, from: today - fromAgo, to: today - toAgo, projectIDs: nil)
            let items = store.bill(entries: entries, expenses: expenses, invoiceID: id, now: created)
            store.invoices[id] = InvoiceRecord(
                id: id, workspaceID: main, clientID: Fixture.Client.globex, number: number, state: state,
                issueDay: issue, dueDay: issue + 30, subject: subject, notes: "Thank you for your business.",
                currency: "USD", amount: items.reduce(0) { $0 + $1.amount }, lineItems: items,
                createdAt: created, updatedAt: state == "paid" ? created + 20 * CivilTime.secondsPerDay : created)
        }
        let issue = today - 5
        let created = issue * CivilTime.secondsPerDay + 10 * 3600
        let workshop = LineItemRecord(
            kind: "other", description: "Discovery workshop (two days, on site)", quantity: 100, unitPrice: 240_000,
            amount: 240_000, projectID: nil)
        store.invoices[Fixture.Invoice.acmeDraft] = InvoiceRecord(
            id: Fixture.Invoice.acmeDraft, workspaceID: main, clientID: Fixture.Client.acme, number: "INV-0003",
            state: "draft", issueDay: issue, dueDay: issue + 30, subject: "Discovery workshop", notes: nil,
            currency: "USD", amount: workshop.amount, lineItems: [workshop], createdAt: created, updatedAt: created)
    }
}

/// The story's periods, in days before "today".
enum SeedDays {
    /// How many days back the bulk time starts.
    static let bulkDays = 240
    /// Globex Rebrand ran from this many days ago…
    static let globexStart = 240
    /// …INV-0001 billed up to here, INV-0002 from the day after…
    static let globexSplit = 186
    /// …to this many days ago.
    static let globexEnd = 130
    /// Initech Migration ran from this many days ago to `initechEnd`.
    static let initechStart = 180
    static let initechEnd = 90
    /// Acme Website's "Legacy Support" task was used until this many days ago, then archived.
    static let legacySupportEnd = 150
    /// Sam and Lena have short days in the last this many days (`BulkSeed.isAway`).
    static let shortDays = 42
}
