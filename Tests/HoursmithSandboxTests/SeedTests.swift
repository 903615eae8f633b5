import Foundation
import HoursmithSandbox
import JSONCore
import Testing

@Suite("Sandbox seed")
struct SeedTests {
    @Test func everyFixtureTokenHasTheContractsShape() throws {
        let pattern = try NSRegularExpression(pattern: "^hsk_live_[0-9a-f]{12}_[A-Za-z0-9]{32}$")
        let tokens = [Fixture.Token.owner, Fixture.Token.admin, Fixture.Token.manager, Fixture.Token.member,
                      Fixture.Token.member2, Fixture.Token.inactiveMember, Fixture.Token.agencyOwner,
                      Fixture.Token.soloPlan, Fixture.Token.freePlan, Fixture.Token.revoked]
        for token in tokens {
            #expect(pattern.firstMatch(in: token, range: NSRange(token.startIndex..., in: token)) != nil, "\(token)")
        }
        #expect(Set(tokens).count == tokens.count)
    }

    @Test func peopleAreWhoTheFixtureSays() throws {
        let sandbox = try makeSandbox()
        let users = sandbox.snapshot().users
        let expected: [(Int, String, String, Bool)] = [
            (Fixture.User.owner, "Olivia Hart", "owner", true), (Fixture.User.admin, "Arjun Mehta", "admin", true),
            (Fixture.User.manager, "Maria Lopez", "manager", true), (Fixture.User.member, "Sam Carter", "member", true),
            (Fixture.User.member2, "Lena Novak", "member", true), (Fixture.User.inactive, "Tom Reed", "member", false),
        ]
        for (id, name, role, active) in expected {
            let user = try #require(users[id])
            #expect(user.name == name)
            #expect(user.role == role)
            #expect(user.isActive == active)
            #expect(user.email == "\(user.firstName.lowercased())@northwind.example")
            #expect(user.workspaceID == Fixture.Workspace.main)
        }
        let workspaces = sandbox.snapshot().workspaces
        #expect(workspaces[Fixture.Workspace.main]?.name == "Northwind Studio")
        #expect(workspaces[Fixture.Workspace.solo]?.plan == "solo")
        #expect(workspaces[Fixture.Workspace.free]?.plan == "free")
        #expect(workspaces[Fixture.Workspace.agency]?.name == "Atlas Agency")
    }

    @Test func theStoryEntriesAreWhereTheFixtureSays() throws {
        let sandbox = try makeSandbox()
        let entries = sandbox.snapshot().timeEntries
        let timer = try #require(entries[id: Fixture.TimeEntry.samRunningTimer])
        #expect(timer.userID == Fixture.User.member && timer.isRunning && timer.taskID == Fixture.Task.acmeDevelopment)
        #expect(entries[id: Fixture.TimeEntry.samYesterday]?.spentDate == shift(sandbox.today, days: -1))
        #expect(entries[id: Fixture.TimeEntry.samYesterday]?.isInvoiced == false)
        #expect(entries[id: Fixture.TimeEntry.lenaMobile]?.userID == Fixture.User.member2)
        #expect(entries[id: Fixture.TimeEntry.lenaMobile]?.projectID == Fixture.Project.acmeMobile)
        #expect(entries[id: Fixture.TimeEntry.mariaToday]?.spentDate == sandbox.today)
        #expect(entries[id: Fixture.TimeEntry.mariaToday]?.isRunning == false)
        #expect(entries[id: Fixture.TimeEntry.lenaInitech]?.projectID == Fixture.Project.initechMigration)
    }

    @Test func theBulkFollowsTheStory() throws {
        let sandbox = try makeSandbox()
        let snapshot = sandbox.snapshot()
        let bulk = snapshot.timeEntries.rows.filter { $0.id >= Fixture.TimeEntry.firstBulkTimeEntry }
        #expect(bulk.count == Fixture.bulkTimeEntryCount)
        #expect(bulk.allSatisfy { snapshot.projects[$0.projectID]?.memberIDs.contains($0.userID) == true })
        #expect(bulk.filter { $0.userID == Fixture.User.member }.allSatisfy {
            $0.projectID == Fixture.Project.acmeWebsite || $0.projectID == Fixture.Project.acmeMobile
        })
        #expect(bulk.allSatisfy { $0.hours >= 25 && $0.hours <= 800 && $0.hours % 25 == 0 })
        let eightMonthsAgo = shift(sandbox.today, days: -245)
        #expect(bulk.allSatisfy { $0.spentDate >= eightMonthsAgo && $0.spentDate <= sandbox.today })
        let initech = bulk.filter { $0.projectID == Fixture.Project.initechMigration }
        #expect(!initech.isEmpty && initech.allSatisfy { !$0.isInvoiced })
        let monthAgo = shift(sandbox.today, days: -31)
        let recentAcme = bulk.filter {
            $0.spentDate >= monthAgo && $0.billable && !$0.isInvoiced && snapshot.projects[$0.projectID]?.clientID == Fixture.Client.acme
        }
        #expect(recentAcme.count > 500)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let weekend = bulk.filter {
            let weekday = calendar.component(.weekday, from: date($0.spentDate))
            return weekday == 1 || weekday == 7
        }
        #expect(weekend.count * 10 < bulk.count, "mostly weekdays")
        #expect(snapshot.expenses.rows.filter { $0.id >= Fixture.Expense.firstBulkExpense }.count == 200)
    }

    @Test func theSeedIsTheSameEveryTime() throws {
        // Two zones with the same offset: seeded separately (a process makes one seed per day and
        // zone), they must still come out the same.
        let one = try makeSandbox(SandboxConfiguration(timezone: "America/Detroit", requestsPerWindow: 1000))
        let two = try makeSandbox(SandboxConfiguration(timezone: "America/Toronto", requestsPerWindow: 1000))
        guard one.today == two.today else { return }
        #expect(one.snapshot().workspaces[Fixture.Workspace.main]?.timezone == "America/Detroit")
        func shape(_ sandbox: Sandbox) -> [String] {
            sandbox.snapshot().timeEntries.rows.map { "\($0.id) \($0.userID) \($0.projectID) \($0.taskID) \($0.spentDay) \($0.hours) \($0.notes ?? "-") \($0.invoiceID ?? 0)" }
        }
        #expect(shape(one) == shape(two))
    }

    @Test func newIdsContinueAfterTheSeed() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let snapshot = sandbox.snapshot()
        let entry = api.post("/time_entries", IdempotencyTests.entry).json["id"]?.intValue
        #expect(entry == (snapshot.timeEntries.rows.map(\.id).max() ?? 0) + 1)
        let expense = api.post("/expenses", ["project_id": 1, "spent_date": "2026-03-02", "amount": 5, "category": "Meals"]).json["id"]?.intValue
        #expect(expense == (snapshot.expenses.rows.map(\.id).max() ?? 0) + 1)
        #expect(api.post("/clients", ["name": "New"]).json["id"]?.intValue == (snapshot.clients.keys.max() ?? 0) + 1)
        #expect(api.post("/projects", ["client_id": 1, "name": "New"]).json["id"]?.intValue == (snapshot.projects.keys.max() ?? 0) + 1)
    }

    @Test func todayIsTodayInTheMainTimeZone() throws {
        for zone in ["Pacific/Kiritimati", "Pacific/Pago_Pago"] {
            let sandbox = try makeSandbox(SandboxConfiguration(timezone: zone, requestsPerWindow: 1000))
            let formatter = DateFormatter()
            formatter.timeZone = TimeZone(identifier: zone)
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyy-MM-dd"
            let expected = formatter.string(from: Date())
            guard expected == formatter.string(from: Date()) else { continue }
            #expect(sandbox.today == expected)
        }
    }

    private func date(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text) ?? Date.distantPast
    }
}
