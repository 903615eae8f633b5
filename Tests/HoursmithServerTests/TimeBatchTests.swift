import Foundation
import HoursmithClient
import JSONCore
import Testing
@testable import HoursmithServer

/// `create_time_entries`' pure parts: the keys that make a resent batch log nothing twice, copies
/// a week on, look-alikes, the hours per day, and the API's checks known beforehand.
@Suite struct TimeBatchTests {
    static let monday: LocalDate = {
        guard let date = LocalDate("2026-03-02") else { preconditionFailure("2026-03-02 is a date") }
        return date
    }()

    static func draft(
        project: Int = 1, task: Int = 2, day: Int = 0, hours: Decimal = 1.5, notes: String? = "Wireframes",
        billable: Bool? = nil, user: Int? = 4
    ) -> TimeEntryDraft {
        TimeEntryDraft(projectID: project, taskID: task, spentDate: monday.adding(days: day), hours: hours, notes: notes,
                       billable: billable, userID: user)
    }

    /// A time entry as the API writes one.
    static func entry(
        _ id: Int, user: Int = 4, project: Int = 1, task: Int = 2, day: Int = 0, hours: String = "1.5",
        notes: String? = "Wireframes", running: Bool = false, invoiced: Bool = false, billable: Bool = true
    ) throws -> TimeEntry {
        let json = try JSON.parse(Array("""
            {"id":\(id),"spent_date":"\(monday.adding(days: day))","hours":\(hours),"notes":\(notes.map { "\"\($0)\"" } ?? "null"),
            "billable":\(billable),"is_running":\(running),"timer_started_at":\(running ? "\"2026-03-02T09:00:00Z\"" : "null"),
            "is_invoiced":\(invoiced),"invoice":\(invoiced ? #"{"id":1,"number":"INV-0001"}"# : "null"),
            "user":{"id":\(user),"name":"Sam Carter"},"client":{"id":1,"name":"Acme Corp"},
            "project":{"id":\(project),"name":"Acme Website"},"task":{"id":\(task),"name":"Development"},
            "created_at":"2026-03-02T09:00:00Z","updated_at":"2026-03-02T09:00:00Z"}
            """.utf8))
        return try TimeEntry(json: json)
    }

    // MARK: Keys

    @Test func keysComeFromTheContentAndTheOccurrenceNotFromTheOtherEntries() {
        let a = Self.draft(), b = Self.draft(hours: 2), c = Self.draft(notes: "Review")
        let keys = TimeBatch.idempotencyKeys([a, b, a, c, a], userID: 1, workspaceID: 1)
        #expect(Set(keys).count == 5, "identical entries in one batch are distinct entries")
        #expect(keys == TimeBatch.idempotencyKeys([a, b, a, c, a], userID: 1, workspaceID: 1), "deterministic")
        // The same entries in another batch, alone or in another order, keep their keys.
        #expect(TimeBatch.idempotencyKeys([c], userID: 1, workspaceID: 1) == [keys[3]])
        #expect(TimeBatch.idempotencyKeys([b, a, a], userID: 1, workspaceID: 1) == [keys[1], keys[0], keys[2]])
        // Anything else that differs makes another key.
        #expect(TimeBatch.idempotencyKeys([a], userID: 2, workspaceID: 1) != [keys[0]])
        #expect(TimeBatch.idempotencyKeys([a], userID: 1, workspaceID: 4) != [keys[0]])
        #expect(TimeBatch.idempotencyKeys([Self.draft(billable: false)], userID: 1, workspaceID: 1) != [keys[0]])
        #expect(TimeBatch.idempotencyKeys([Self.draft(day: 7)], userID: 1, workspaceID: 1) != [keys[0]])
        // What the contract allows: 1–255 printable ASCII.
        for key in keys {
            #expect(!key.isEmpty && key.utf8.count <= 255 && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }, "\(key)")
        }
    }

    // MARK: Copies

    @Test func copiesMoveByWholeWeeksLeaveOutRunningTimersAndCarryNoInvoice() throws {
        let entries = try [
            Self.entry(30, day: 2, hours: "2.25", notes: nil, billable: false),
            Self.entry(20, day: 0, hours: "1.02", notes: "Timer", running: true),
            Self.entry(10, day: 0, hours: "3.5", invoiced: true),
            Self.entry(11, user: 5, day: 0, hours: "0.5"),
        ]
        let (drafts, running) = TimeBatch.copies(of: entries, weeks: 1)
        #expect(running == 1)
        #expect(drafts.count == 3)
        #expect(drafts.map(\.spentDate) == [Self.monday.adding(days: 7), Self.monday.adding(days: 7), Self.monday.adding(days: 9)],
                "oldest first")
        #expect(drafts.map(\.hours) == [3.5, 0.5, 2.25])
        #expect(drafts.map(\.userID) == [4, 5, 4], "each for the same person")
        #expect(drafts.map(\.notes) == ["Wireframes", "Wireframes", nil])
        #expect(drafts.map(\.billable) == [true, true, false])
        #expect(!drafts.contains { $0.notes == "Timer" })
        // Nothing of an invoice is in a draft's body.
        #expect(drafts.allSatisfy { !JSON.object($0.json).serializedString().contains("invoice") })
        let back = TimeBatch.copies(of: entries, weeks: -2).drafts
        #expect(back.first?.spentDate == Self.monday.adding(days: -14))
    }

    // MARK: Look-alikes and days

    @Test func lookalikesAreOfTheSamePersonAndDayWithTheSameWorkOrNotes() throws {
        let existing = try [
            Self.entry(1, hours: "1.5", notes: "Something else"),     // same project, task, hours
            Self.entry(2, task: 3, hours: "4", notes: "  WIREFRAMES "), // same notes, other case and spaces
            Self.entry(3, user: 5),                                    // another person
            Self.entry(4, day: 1),                                     // another day
            Self.entry(5, hours: "1.25", notes: nil),                  // other hours, no notes
        ]
        let drafts = [
            Self.draft(),
            Self.draft(task: 9, hours: 7, notes: "Other"),
            Self.draft(task: 9, hours: 7, notes: nil),
            Self.draft(notes: ""),
        ]
        let found = TimeBatch.lookalikes(drafts, userID: 4, existing: existing)
        #expect(found[0].existing == [1, 2] && found[0].earlier.isEmpty)
        #expect(found[1].existing.isEmpty && found[1].earlier.isEmpty)
        #expect(found[2].existing.isEmpty && found[2].earlier == [1], "the same work as the entry before it")
        #expect(found[3].existing == [1] && found[3].earlier == [0], "empty notes match nothing; the same work does")
        // A draft without a person is the token's user's.
        let mine = TimeBatch.lookalikes([Self.draft(user: nil)], userID: 4, existing: existing)
        #expect(mine[0].existing == [1, 2])
        #expect(TimeBatch.lookalikes([Self.draft(user: nil)], userID: 5, existing: existing)[0].existing == [3])
    }

    @Test func theDaysAddUpTheBatchBesideWhatIsLogged() throws {
        let drafts = [Self.draft(hours: 1.5), Self.draft(day: 1, hours: 2), Self.draft(hours: 0.25), Self.draft(hours: 3, user: 5)]
        let existing = try [Self.entry(1, hours: "6"), Self.entry(2, hours: "1.25"), Self.entry(3, day: 3, hours: "8"),
                            Self.entry(4, user: 5, hours: "0.5")]
        let days = TimeBatch.days(drafts, userID: 4, existing: existing)
        #expect(days == [
            TimeBatch.Day(userID: 4, date: Self.monday, hours: 175, alreadyLogged: 725),
            TimeBatch.Day(userID: 5, date: Self.monday, hours: 300, alreadyLogged: 50),
            TimeBatch.Day(userID: 4, date: Self.monday.adding(days: 1), hours: 200, alreadyLogged: 0),
        ])
    }

    // MARK: Checks

    @Test func theChecksSayWhatTheAPIWouldRefuseInItsOrder() {
        let acme = NamedReference(id: 1, name: "Acme Website"), globex = NamedReference(id: 3, name: "Globex Rebrand")
        let projects = [
            DirectoryEntry(id: 1, name: "Acme Website", memberIDs: [1, 4]),
            DirectoryEntry(id: 3, name: "Globex Rebrand", isActive: false, memberIDs: [2, 3]),
        ]
        let tasks = [
            DirectoryEntry(id: 2, name: "Development", parent: acme),
            DirectoryEntry(id: 4, name: "Legacy Support", parent: acme, isActive: false),
            DirectoryEntry(id: 7, name: "Brand Strategy", parent: globex),
        ]
        let users = [1, 4, 5].map { DirectoryEntry(id: $0, name: "User \($0)") } + [DirectoryEntry(id: 6, name: "Gone", isActive: false)]
        let owner = EntryCheck(projects: projects, tasks: tasks, users: users, userID: 1, isMember: false)
        #expect(owner.problem(Self.draft()) == nil)
        #expect(owner.problem(Self.draft(user: 5)) == nil, "managers and up log for anyone active, on any project")
        #expect(owner.problem(Self.draft(user: 6))?.contains("user_id 6 is not an active user") == true)
        #expect(owner.problem(Self.draft(project: 99)) == ErrorMessages.notFound(APIObject(.projects, 99)), "the 404's words")
        #expect(owner.problem(Self.draft(task: 99)) == ErrorMessages.notFound(APIObject(.tasks, 99)))
        #expect(owner.problem(Self.draft(task: 7))?.contains("not a task of project 1") == true)
        #expect(owner.problem(Self.draft(hours: 24.01))?.contains("at most 24") == true)
        #expect(owner.problem(Self.draft(hours: 0.004))?.contains("more than 0") == true, "0.004 rounds to 0")
        #expect(owner.problem(Self.draft(hours: 24)) == nil)
        #expect(owner.problem(Self.draft(task: 4)) == ErrorMessages.archived(.task, name: "Legacy Support", id: 4))
        #expect(owner.problem(Self.draft(project: 3, task: 7))?.contains("Globex Rebrand (project 3) is archived") == true)
        // Values before archived: a bad user on an archived project names the user.
        let both = owner.problem(Self.draft(project: 3, task: 7, user: 6)) ?? ""
        #expect(both.contains("user_id 6") && !both.contains("archived"))

        // A member's directory has only the member.
        let member = EntryCheck(projects: projects, tasks: tasks, users: [DirectoryEntry(id: 4, name: "Sam")], userID: 4, isMember: true)
        #expect(member.problem(Self.draft()) == nil)
        #expect(member.problem(Self.draft(user: nil)) == nil)
        #expect(member.problem(Self.draft(user: 5)) == ErrorMessages.forbidden(action: TimeTools.logForOthers, role: .member),
                "a member logs only for themselves, first, in the 403's words")
        #expect(member.problem(Self.draft(project: 3, task: 7))?.contains("not assigned to Globex Rebrand") == true)
    }

    // MARK: Answers

    @Test func onlyA4xxRefusesAnEntryAnythingElseMayHaveLoggedIt() {
        func effect(_ kind: HoursmithError.Kind, status: Int?, unknown: Bool = false) -> TimesheetTools.Effect {
            TimesheetTools.effect(of: HoursmithError(kind: kind, message: "", status: status, outcomeIsUnknown: unknown))
        }
        #expect(effect(.validationFailed([]), status: 422) == .refused)
        #expect(effect(.taskArchived, status: 422) == .refused)
        #expect(effect(.forbidden, status: 403) == .refused)
        #expect(effect(.unexpectedResponse(status: 409, code: "conflict"), status: 409) == .refused)
        // The entry's fate is unknown: an answer that could not be read (the client calls it a
        // 200), a server error, a lost answer, the time limit, a status the contract lacks.
        #expect(effect(.undecodableResponse(detail: "the body is not JSON"), status: 200) == .unknown)
        #expect(effect(.responseTooLarge(limit: 1), status: nil) == .unknown)
        #expect(effect(.serverError(status: 500), status: 500, unknown: true) == .unknown)
        #expect(effect(.connectionLost, status: nil, unknown: true) == .unknown)
        #expect(effect(.timedOut, status: nil, unknown: true) == .unknown)
        #expect(effect(.deadlineExceeded(seconds: 40), status: nil, unknown: true) == .unknown)
        #expect(effect(.unexpectedResponse(status: 302, code: nil), status: 302) == .unknown)
        // Nothing was carried out, and the next entries would fare no better.
        #expect(effect(.invalidToken, status: 401) == .notSent)
        #expect(effect(.planRequired(plan: nil), status: 402) == .notSent)
        #expect(effect(.rateLimited(retryAfter: 3), status: 429) == .notSent)
        #expect(effect(.cannotConnect, status: nil) == .notSent)
    }

    @Test func anEntryCreatedBeforeTheCallIsAnEarlierCallsReplayed() throws {
        // The fixture's entries were created at 2026-03-02T09:00:00Z.
        let entry = try Self.entry(7)
        let created = Date(timeIntervalSince1970: TimeInterval(entry.createdAt.secondsSince1970))
        #expect(TimeBatch.isReplay(entry, callStarted: created.addingTimeInterval(1), readBefore: []))
        #expect(TimeBatch.isReplay(entry, callStarted: created.addingTimeInterval(3600), readBefore: []))
        // Created in the second the call started, or after: this call's own (created_at has whole seconds).
        #expect(!TimeBatch.isReplay(entry, callStarted: created.addingTimeInterval(0.9), readBefore: []))
        #expect(!TimeBatch.isReplay(entry, callStarted: created.addingTimeInterval(-5), readBefore: []))
        // Read before the first create: an earlier call's, whatever the clocks say.
        #expect(TimeBatch.isReplay(entry, callStarted: created.addingTimeInterval(-5), readBefore: [7]))
    }

    @Test func numbersAreToldInRuns() {
        #expect(TimeBatch.runs([1, 2, 3, 5, 7, 8]) == [1...3, 5...5, 7...8])
        #expect(TimeBatch.runs([]).isEmpty)
        #expect(TimeBatch.spelled([1, 2, 3, 5], prefix: "#") == "#1–#3, #5")
        #expect(TimeBatch.spelled([12101, 12102, 12104]) == "12101–12102, 12104")
    }

    // MARK: SHA-256

    @Test func sha256MatchesTheStandardsVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Lengths around a block's padding boundary (55, 56, 64 bytes) are digested as wholes.
        #expect(Set([55, 56, 63, 64, 65].map { SHA256.hex(String(repeating: "x", count: $0)) }).count == 5)
        #expect(SHA256.hex(String(repeating: "a", count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }
}
