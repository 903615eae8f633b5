import Foundation
import HoursmithSandbox
import Testing
@testable import HoursmithClient

/// Every endpoint of the contract, over real HTTP against a fresh sandbox per test.
@Suite struct EndpointTests {
    @Test func me() async throws {
        let harness = try Harness()
        let me = try await harness.client.me()
        #expect(me.user.id == Fixture.User.owner)
        #expect(me.user.role == .owner)
        #expect(me.workspace.id == Fixture.Workspace.main)
        #expect(me.workspace.plan == .studio)
        #expect(me.workspace.timezone == "America/New_York")
        #expect(me.workspace.weekStart == .monday)
        #expect(me.workspace.currency == "USD")
    }

    @Test func sendsTheContractsHeaders() async throws {
        let harness = try Harness()
        _ = try await harness.client.me()
        _ = try await harness.client.createClient(ClientDraft(name: "Header Check"))
        let get = try #require(harness.requests("GET", "/me").first)
        #expect(get.headers["authorization"] == "Bearer \(Fixture.Token.owner)")
        #expect(get.headers["user-agent"] == "hoursmith-mcp/\(Harness.version)")
        #expect(get.headers["accept"] == "application/json")
        #expect(get.headers["content-type"] == nil)
        #expect(get.headers["idempotency-key"] == nil)
        #expect(get.headers["cookie"] == nil)
        let post = try #require(harness.requests("POST", "/clients").first)
        #expect(post.headers["content-type"] == "application/json")
        let key = try #require(post.headers["idempotency-key"])
        #expect(UUID(uuidString: key) != nil)
        #expect(post.bodyText == #"{"name":"Header Check"}"#)
    }

    @Test func users() async throws {
        let harness = try Harness()
        let all = try await harness.client.listUsers()
        #expect(Set(all.items.map(\.id)).isSuperset(of: [Fixture.User.owner, Fixture.User.member, Fixture.User.inactive]))
        #expect(all.items.map(\.firstName) == all.items.map(\.firstName).sorted())
        let inactive = try await harness.client.listUsers(UserFilter(isActive: false))
        #expect(inactive.items.map(\.id) == [Fixture.User.inactive])
        let sam = try await harness.client.getUser(id: Fixture.User.member)
        #expect(sam.name == "Sam Carter")
        #expect(sam.role == .member)
    }

    @Test func clients() async throws {
        let harness = try Harness()
        let client = harness.client
        let list = try await client.listClients()
        #expect(list.items.map(\.name) == ["Acme Corp", "Globex", "Initech", "Stark Industries", "Umbrella Health"])
        #expect(try await client.listClients(ClientFilter(isActive: false)).items.map(\.id) == [Fixture.Client.umbrella])
        #expect(try await client.getClient(id: Fixture.Client.acme).name == "Acme Corp")

        let created = try await client.createClient(ClientDraft(name: "Wayne Enterprises", currency: "EUR", address: "1 Gotham Way"))
        #expect(created.name == "Wayne Enterprises")
        #expect(created.currency == "EUR")
        #expect(created.address == "1 Gotham Way")
        #expect(created.isActive)

        let renamed = try await client.updateClient(id: created.id, ClientChanges(name: "Wayne Corp"))
        #expect(renamed.name == "Wayne Corp")
        #expect(renamed.address == "1 Gotham Way", "a field left alone stays")
        let cleared = try await client.updateClient(id: created.id, ClientChanges(address: .clear))
        #expect(cleared.address == nil)
        #expect(cleared.name == "Wayne Corp")

        try await client.deleteClient(id: created.id)
        let gone = await #expect(throws: HoursmithError.self) { try await client.getClient(id: created.id) }
        #expect(gone?.kind == .notFound)
        #expect(harness.requests("DELETE", "/clients/\(created.id)").first?.status == 204)
    }

    @Test func projects() async throws {
        let harness = try Harness()
        let client = harness.client
        let acme = try await client.listProjects(ProjectFilter(clientID: Fixture.Client.acme))
        #expect(acme.items.map(\.id) == [Fixture.Project.acmeMobile, Fixture.Project.acmeWebsite])
        let website = try await client.getProject(id: Fixture.Project.acmeWebsite)
        #expect(website.code == "ACME-WEB")
        #expect(website.hourlyRate == 150)
        #expect(website.budgetHours == 400)
        #expect(website.client == NamedReference(id: Fixture.Client.acme, name: "Acme Corp"))
        #expect(website.memberIDs == [1, 2, 3, 4])
        #expect(try await client.listProjects(ProjectFilter(isActive: false)).items.allSatisfy { !$0.isActive })

        let start = harness.today
        let draft = ProjectDraft(clientID: Fixture.Client.stark, name: "Stark Audit", code: "STK-AUD", hourlyRate: Decimal(string: "175.50"),
                                 startsOn: start, endsOn: start.adding(days: 30), notes: "Q4")
        let created = try await client.createProject(draft)
        #expect(created.hourlyRate == Decimal(string: "175.5"))
        #expect(created.endsOn == start.adding(days: 30))
        #expect(created.client.name == "Stark Industries")

        let changed = try await client.updateProject(id: created.id, ProjectChanges(code: .clear, hourlyRate: .clear, endsOn: .clear, notes: .set("Q1")))
        #expect(changed.code == nil && changed.hourlyRate == nil && changed.endsOn == nil)
        #expect(changed.notes == "Q1")
        #expect(changed.startsOn == start)

        let archived = try await client.archiveProject(id: created.id)
        #expect(!archived.isActive)
        let restored = try await client.updateProject(id: created.id, ProjectChanges(isActive: true))
        #expect(restored.isActive)
    }

    @Test func tasks() async throws {
        let harness = try Harness()
        let client = harness.client
        let all = try await client.listTasks(TaskFilter(projectID: Fixture.Project.acmeWebsite))
        #expect(Set(all.items.map(\.id)) == [1, 2, 3, 4])
        #expect(all.items.map(\.name) == all.items.map(\.name).sorted())
        let active = try await client.listTasks(TaskFilter(projectID: Fixture.Project.acmeWebsite, isActive: true))
        #expect(Set(active.items.map(\.id)) == [1, 2, 3])
        let management = try await client.getTask(id: Fixture.Task.acmeManagement)
        #expect(!management.billableByDefault)
        #expect(management.project.id == Fixture.Project.acmeWebsite)

        let created = try await client.createTask(TaskDraft(projectID: Fixture.Project.starkDashboard, name: "Security review", hourlyRate: 180))
        #expect(created.hourlyRate == 180)
        let changed = try await client.updateTask(id: created.id, TaskChanges(name: "Security audit", hourlyRate: .clear))
        #expect(changed.name == "Security audit")
        #expect(changed.hourlyRate == nil)
        #expect(!(try await client.archiveTask(id: created.id)).isActive)
    }

    @Test func timeEntries() async throws {
        let harness = try Harness()
        let owner = harness.client
        let today = harness.today

        let samsWeek = try await owner.listTimeEntries(TimeEntryFilter(userID: Fixture.User.member, from: today.adding(days: -7), to: today))
        #expect(!samsWeek.items.isEmpty)
        #expect(samsWeek.items.allSatisfy { $0.user.id == Fixture.User.member && $0.spentDate >= today.adding(days: -7) && $0.spentDate <= today })
        #expect(samsWeek.items.map(\.spentDate) == samsWeek.items.map(\.spentDate).sorted(by: >), "newest first")
        let running = try await owner.listTimeEntries(TimeEntryFilter(isRunning: true))
        #expect(running.items.map(\.id).contains(Fixture.TimeEntry.samRunningTimer))

        let invoiced = try await owner.getTimeEntry(id: Fixture.TimeEntry.invoiced)
        #expect(invoiced.isInvoiced)
        #expect(invoiced.invoice?.number == "INV-0001")

        let logged = try await owner.createTimeEntry(TimeEntryDraft(
            projectID: Fixture.Project.acmeWebsite, taskID: Fixture.Task.acmeDesign, spentDate: today,
            hours: Decimal(string: "1.25"), notes: "Wireframes", userID: Fixture.User.manager))
        #expect(logged.hours == Decimal(string: "1.25"))
        #expect(logged.user.id == Fixture.User.manager)
        #expect(!logged.isRunning)
        #expect(logged.task == NamedReference(id: Fixture.Task.acmeDesign, name: "Design"))

        let changed = try await owner.updateTimeEntry(id: logged.id, TimeEntryChanges(hours: 2, notes: .clear))
        #expect(changed.hours == 2)
        #expect(changed.notes == nil)

        try await owner.deleteTimeEntry(id: logged.id)
        let gone = await #expect(throws: HoursmithError.self) { try await owner.getTimeEntry(id: logged.id) }
        #expect(gone?.kind == .notFound)
    }

    @Test func timers() async throws {
        let harness = try Harness()
        let sam = try harness.client(token: Fixture.Token.member)
        let stopped = try await sam.stopTimeEntry(id: Fixture.TimeEntry.samRunningTimer)
        #expect(!stopped.isRunning)
        #expect(stopped.hours > 0)

        let started = try await sam.createTimeEntry(TimeEntryDraft(
            projectID: Fixture.Project.acmeWebsite, taskID: Fixture.Task.acmeDevelopment, spentDate: harness.today))
        #expect(started.isRunning)
        #expect(started.timerStartedAt != nil)

        let restarted = try await harness.client.restartTimeEntry(id: Fixture.TimeEntry.mariaToday)
        #expect(restarted.isRunning)
    }

    @Test func expenses() async throws {
        let harness = try Harness()
        let client = harness.client
        let page = try await client.listExpenses(ExpenseFilter(projectID: Fixture.Project.acmeWebsite), perPage: 5)
        #expect(page.perPage == 5)
        #expect(page.items.allSatisfy { $0.project.id == Fixture.Project.acmeWebsite })
        let invoiced = try await client.getExpense(id: Fixture.Expense.invoiced)
        #expect(invoiced.invoice?.id == Fixture.Invoice.globexPaid)

        let created = try await client.createExpense(ExpenseDraft(
            projectID: Fixture.Project.starkDashboard, spentDate: harness.today, amount: Decimal(string: "42.10") ?? 0,
            category: "Travel", notes: "Taxi"))
        #expect(created.amount == Decimal(string: "42.1"))
        #expect(created.client.id == Fixture.Client.stark)
        let changed = try await client.updateExpense(id: created.id, ExpenseChanges(amount: 40, notes: .clear))
        #expect(changed.amount == 40 && changed.notes == nil)
        try await client.deleteExpense(id: created.id)
        try await client.deleteExpense(id: Fixture.Expense.acmeUninvoiced)
        #expect(harness.requests("DELETE", "/expenses/\(Fixture.Expense.acmeUninvoiced)").first?.status == 204)
    }

    @Test func invoices() async throws {
        let harness = try Harness()
        let client = harness.client
        let list = try await client.listInvoices()
        #expect(Set(list.items.map(\.number)).isSuperset(of: ["INV-0001", "INV-0002", "INV-0003"]))
        #expect(list.items.allSatisfy { $0.lineItems == nil })
        #expect(try await client.listInvoices(InvoiceFilter(state: .paid)).items.map(\.id) == [Fixture.Invoice.globexPaid])

        let draft = try await client.getInvoice(id: Fixture.Invoice.acmeDraft)
        #expect(draft.state == .draft)
        #expect(draft.lineItems?.count == 1)
        #expect(draft.lineItems?.first?.kind == .other)

        let made = try await client.createInvoice(InvoiceDraft(
            clientID: Fixture.Client.acme,
            content: .lineItems([LineItemDraft(description: "Workshop", quantity: 2, unitPrice: Decimal(string: "450.25") ?? 0)]),
            subject: "Workshop"))
        #expect(made.state == .draft)
        #expect(made.amount == Decimal(string: "900.5"))
        #expect(made.lineItems?.first?.amount == Decimal(string: "900.5"))

        let today = harness.today
        let imported = try await client.createInvoice(InvoiceDraft(
            clientID: Fixture.Client.stark, content: .importing(from: today.adding(days: -400), to: today, projectIDs: nil)))
        #expect(imported.amount > 0)
        #expect(imported.lineItems?.isEmpty == false)
        let billed = try await client.listTimeEntries(TimeEntryFilter(projectID: Fixture.Project.starkDashboard, isInvoiced: true, billable: true), perPage: 1)
        #expect(billed.totalEntries > 0)

        let nothingLeft = await #expect(throws: HoursmithError.self) {
            try await client.createInvoice(InvoiceDraft(clientID: Fixture.Client.stark, content: .importing(from: today.adding(days: -400), to: today, projectIDs: nil)))
        }
        guard case .validationFailed(let fields)? = nothingLeft?.kind else {
            Issue.record("expected validation_failed, got \(String(describing: nothingLeft))")
            return
        }
        #expect(fields.map(\.field) == ["import"])
    }

    @Test func timeReport() async throws {
        let harness = try Harness()
        let today = harness.today
        let report = try await harness.client.timeReport(TimeReportQuery(from: today.firstDayOfMonth.adding(months: -1), to: today, groupBy: .project))
        #expect(report.groupBy == .project)
        #expect(report.currency == "USD")
        #expect(!report.results.isEmpty)
        #expect(report.results.allSatisfy { $0.billableHours <= $0.totalHours })
        let samOnly = try await harness.client(token: Fixture.Token.member).timeReport(TimeReportQuery(from: today.adding(days: -30), to: today, groupBy: .user))
        #expect(samOnly.results.map(\.id) == [Fixture.User.member])
    }
}
