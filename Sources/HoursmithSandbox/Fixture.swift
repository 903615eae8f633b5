/// The sandbox's seed data, by name: every test that needs a particular object refers to it
/// here, never by a bare number. The sandbox seeds exactly these objects (plus bulk time entries
/// and expenses generated deterministically after them); see docs/SANDBOX.md for the story.
///
/// Dates in the seed are relative to "today" in the main workspace's timezone, computed when the
/// sandbox starts, so that `this_month` or `last_week` always find data.
package enum Fixture {
    // MARK: Workspaces
    package enum Workspace {
        /// "Northwind Studio", plan studio, USD, week starts Monday; its timezone comes from
        /// `SandboxConfiguration.timezone`.
        package static let main = 1
        /// "Solo Workshop", plan solo: every call is 402.
        package static let solo = 2
        /// "Free Corner", plan free: every call is 402.
        package static let free = 3
        /// "Atlas Agency", plan agency: an owner token, a small workspace of its own.
        package static let agency = 4
    }

    // MARK: Tokens (one per role and plan; the secrets are recognisable on purpose)
    // They are the sandbox's own, documented in docs/SANDBOX.md, and open nothing but a sandbox:
    // Hoursmith never minted them. The released binary carries them for `--demo`, whose sandbox
    // answers inside the process.
    package enum Token {
        package static let owner = "hsk_live_a4c123b1612d_SBXOwnerAepfJBd0Kh8oOOL8dKLzdocJ"
        package static let admin = "hsk_live_49d439536b32_SBXAdminKdNnFRIBXuDL7DxtpYlSXpfK"
        package static let manager = "hsk_live_9fae923d5a4f_SBXManagerAc9QeWJKY40uvSwMFLZDe1"
        /// Sam Carter, member, assigned to Acme Website and Acme Mobile App.
        package static let member = "hsk_live_28f219e9cb0e_SBXMemberwkNhFdnXsiVpzz63FfkCzJr"
        /// Lena Novak, member, assigned to Acme Mobile App, Initech Migration and Stark Dashboard.
        package static let member2 = "hsk_live_4d8dbc742547_SBXMember2QoaF1LlqsajAIxNKu8iS2G"
        /// Tom Reed's token: his membership was deactivated, so it is 401.
        package static let inactiveMember = "hsk_live_1ecccc3fc162_SBXInactivenCkhvMdgaKjIg8xNbe3nN"
        /// Owner of "Atlas Agency" (plan agency).
        package static let agencyOwner = "hsk_live_c48bbf33feff_SBXAgencytfjgVvVqE1SkHbn88HxjSI6"
        /// Owner of "Solo Workshop" (plan solo): 402 on everything.
        package static let soloPlan = "hsk_live_0928b5b7a767_SBXSolo0zVZomHFwUbbYrEqmSM9wCZ7U"
        /// Owner of "Free Corner" (plan free): 402 on everything.
        package static let freePlan = "hsk_live_bb2737f6a6f0_SBXFreeE6PwZPf1Qh6yYTWmE4lBYOvfZ"
        /// A revoked token of Olivia's: 401.
        package static let revoked = "hsk_live_cec255404e4f_SBXRevokedQ7wjJJibaZUPgHV7iB3m03"
    }

    // MARK: Users of the main workspace
    package enum User {
        /// Olivia Hart, owner.
        package static let owner = 1
        /// Arjun Mehta, admin.
        package static let admin = 2
        /// Maria Lopez, manager.
        package static let manager = 3
        /// Sam Carter, member (Acme Website, Acme Mobile App).
        package static let member = 4
        /// Lena Novak, member (Acme Mobile App, Initech Migration, Stark Dashboard).
        package static let member2 = 5
        /// Tom Reed, member, `is_active` false.
        package static let inactive = 6
    }

    // MARK: Clients
    package enum Client {
        /// "Acme Corp": active projects (Acme Website, Acme Mobile App) and a draft invoice.
        /// delete → 422 client_has_active_projects.
        package static let acme = 1
        /// "Globex": only an archived project, and invoices. delete → 422 client_has_invoices.
        package static let globex = 2
        /// "Initech": one archived project with tasks, time entries and expenses, no invoices.
        /// delete → 204, taking the archived project and everything on it.
        package static let initech = 3
        /// "Umbrella Health": inactive, nothing attached. delete → 204.
        package static let umbrella = 4
        /// "Stark Industries": one active project (Stark Dashboard), no invoices.
        package static let stark = 5
    }

    // MARK: Projects
    package enum Project {
        /// "Acme Website" (ACME-WEB), active, billable, 150/h, budget 400 h; members 1, 2, 3, 4.
        package static let acmeWebsite = 1
        /// "Acme Mobile App" (ACME-APP), active, billable, 160/h; members 3, 4, 5.
        package static let acmeMobile = 2
        /// "Globex Rebrand", archived, billable; members 2, 3. Its time is invoiced.
        package static let globexRebrand = 3
        /// "Initech Migration", archived; members 3, 5. Uninvoiced time and expenses.
        package static let initechMigration = 4
        /// "Stark Dashboard", active, billable, 140/h; members 3, 5.
        package static let starkDashboard = 5
    }

    // MARK: Tasks
    package enum Task {
        /// Acme Website: "Design".
        package static let acmeDesign = 1
        /// Acme Website: "Development".
        package static let acmeDevelopment = 2
        /// Acme Website: "Project Management" (not billable by default).
        package static let acmeManagement = 3
        /// Acme Website: "Legacy Support", archived.
        package static let acmeLegacySupport = 4
        /// Acme Mobile App: "Design".
        package static let mobileDesign = 5
        /// Acme Mobile App: "Development".
        package static let mobileDevelopment = 6
        /// Globex Rebrand: "Brand Strategy".
        package static let globexStrategy = 7
        /// Initech Migration: "Data Migration".
        package static let initechMigration = 8
        /// Stark Dashboard: "Development".
        package static let starkDevelopment = 9
        /// Stark Dashboard: "QA".
        package static let starkQA = 10
    }

    // MARK: Time entries with a role in the story (bulk entries follow from `firstBulkTimeEntry`)
    package enum TimeEntry {
        /// Sam's running timer on Acme Website / Development, started an hour before the sandbox.
        package static let samRunningTimer = 1
        /// Maria's entry on Globex Rebrand, invoiced on INV-0001: delete/update → 422 time_entry_invoiced.
        package static let invoiced = 2
        /// Sam's entry from yesterday on Acme Website / Design, not invoiced: deletable.
        package static let samYesterday = 3
        /// Lena's entry on Acme Mobile App: Sam (also on that project) gets 404 for it.
        package static let lenaMobile = 4
        /// Maria's stopped entry from today on Stark Dashboard / QA: can be restarted.
        package static let mariaToday = 5
        /// Lena's entry on Initech Migration (an archived project): stop/delete allowed, update → project_archived.
        package static let lenaInitech = 6
        /// Bulk entries start here and run to `bulkTimeEntryCount` more; about 12,000 in all.
        package static let firstBulkTimeEntry = 100
    }

    /// How many bulk time entries the standard seed generates (over the last ~8 months).
    package static let bulkTimeEntryCount = 12_000

    // MARK: Expenses
    package enum Expense {
        /// Globex Rebrand, invoiced on INV-0001: delete/update → 422 expense_invoiced.
        package static let invoiced = 1
        /// Acme Website, not invoiced, billable: deletable.
        package static let acmeUninvoiced = 2
        /// Initech Migration, not invoiced.
        package static let initech = 3
        /// Bulk expenses start here.
        package static let firstBulkExpense = 100
    }

    // MARK: Invoices
    package enum Invoice {
        /// INV-0001, Globex, paid: bills time entry 2, expense 1 and the Globex Rebrand time.
        package static let globexPaid = 1
        /// INV-0002, Globex, open.
        package static let globexOpen = 2
        /// INV-0003, Acme Corp, draft, one "other" line item.
        package static let acmeDraft = 3
    }
}
