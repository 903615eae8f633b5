import HoursmithSandbox
import JSONCore
import Testing

/// Roles × endpoints: each row is a request and the status each role gets, in the contract's
/// words (owner/admin everything; manager reads everything and writes clients, projects, tasks
/// and time; member only their own time and their projects, read-only).
@Suite("Sandbox roles")
struct RoleTests {
    struct Row: Sendable, CustomStringConvertible {
        let method: String
        let path: String
        let body: JSON?
        /// owner, admin, manager, member (Sam)
        let expected: [Int]
        var description: String { "\(method) \(path)" }
    }

    static let today = "2026-01-15"

    /// In order: later rows may rely on what earlier ones did (PATCH before DELETE).
    static let rows: [Row] = [
        Row(method: "GET", path: "/users", body: nil, expected: [200, 200, 200, 403]),
        Row(method: "GET", path: "/users/1", body: nil, expected: [200, 200, 200, 403]),
        Row(method: "GET", path: "/users/4", body: nil, expected: [200, 200, 200, 200]),
        Row(method: "GET", path: "/clients", body: nil, expected: [200, 200, 200, 403]),
        Row(method: "GET", path: "/clients/1", body: nil, expected: [200, 200, 200, 403]),
        Row(method: "POST", path: "/clients", body: ["name": "Wayne Enterprises"], expected: [201, 201, 201, 403]),
        Row(method: "PATCH", path: "/clients/5", body: ["address": "Malibu"], expected: [200, 200, 200, 403]),
        Row(method: "DELETE", path: "/clients/4", body: nil, expected: [204, 204, 403, 403]),
        Row(method: "GET", path: "/projects/1", body: nil, expected: [200, 200, 200, 200]),
        Row(method: "GET", path: "/projects/5", body: nil, expected: [200, 200, 200, 404]),
        Row(method: "POST", path: "/projects", body: ["client_id": 5, "name": "Stark Mobile"], expected: [201, 201, 201, 403]),
        Row(method: "PATCH", path: "/projects/1", body: ["notes": "Changed"], expected: [200, 200, 200, 403]),
        Row(method: "GET", path: "/tasks/1", body: nil, expected: [200, 200, 200, 200]),
        Row(method: "GET", path: "/tasks/9", body: nil, expected: [200, 200, 200, 404]),
        Row(method: "POST", path: "/tasks", body: ["project_id": 5, "name": "Research"], expected: [201, 201, 201, 403]),
        Row(method: "PATCH", path: "/tasks/1", body: ["hourly_rate": 155], expected: [200, 200, 200, 403]),
        Row(method: "POST", path: "/tasks/10/archive", body: nil, expected: [200, 200, 200, 403]),
        Row(method: "POST", path: "/projects/5/archive", body: nil, expected: [200, 200, 200, 403]),
        Row(method: "GET", path: "/time_entries/4", body: nil, expected: [200, 200, 200, 404]),
        Row(method: "GET", path: "/time_entries?user_id=5", body: nil, expected: [200, 200, 200, 403]),
        Row(method: "GET", path: "/time_entries?user_id=4", body: nil, expected: [200, 200, 200, 200]),
        Row(method: "POST", path: "/time_entries",
            body: ["project_id": 2, "task_id": 6, "spent_date": .string(today), "hours": 1.5, "user_id": 5],
            expected: [201, 201, 201, 403]),
        Row(method: "POST", path: "/time_entries",
            body: ["project_id": 2, "task_id": 6, "spent_date": .string(today), "hours": 1.5],
            expected: [201, 201, 201, 201]),
        Row(method: "DELETE", path: "/time_entries/3", body: nil, expected: [204, 204, 204, 204]),
        Row(method: "DELETE", path: "/time_entries/4", body: nil, expected: [204, 204, 204, 404]),
        Row(method: "GET", path: "/expenses", body: nil, expected: [200, 200, 200, 403]),
        Row(method: "GET", path: "/expenses/2", body: nil, expected: [200, 200, 200, 403]),
        Row(method: "POST", path: "/expenses",
            body: ["project_id": 1, "spent_date": .string(today), "amount": 12.5, "category": "Meals"],
            expected: [201, 201, 403, 403]),
        Row(method: "PATCH", path: "/expenses/2", body: ["notes": "Receipt attached"], expected: [200, 200, 403, 403]),
        Row(method: "DELETE", path: "/expenses/2", body: nil, expected: [204, 204, 403, 403]),
        Row(method: "GET", path: "/invoices", body: nil, expected: [200, 200, 200, 403]),
        Row(method: "GET", path: "/invoices/3", body: nil, expected: [200, 200, 200, 403]),
        Row(method: "POST", path: "/invoices",
            body: ["client_id": 5, "line_items": [["kind": "other", "description": "Retainer", "unit_price": 1000]]],
            expected: [201, 201, 403, 403]),
        Row(method: "GET", path: "/reports/time?from=2026-01-01&to=2026-01-31", body: nil, expected: [200, 200, 200, 200]),
        Row(method: "GET", path: "/reports/time?from=2026-01-01&to=2026-01-31&user_id=5", body: nil, expected: [200, 200, 200, 403]),
    ]

    static let roles: [(name: String, token: String)] = [
        ("owner", Fixture.Token.owner), ("admin", Fixture.Token.admin),
        ("manager", Fixture.Token.manager), ("member", Fixture.Token.member),
    ]

    @Test(arguments: 0..<4)
    func eachRoleGetsTheContractsAnswers(_ roleIndex: Int) throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox, token: RoleTests.roles[roleIndex].token)
        for row in RoleTests.rows {
            let response = api.send(row.method, row.path, raw: row.body?.serialized())
            let expected = row.expected[roleIndex]
            #expect(response.status == expected, "\(RoleTests.roles[roleIndex].name): \(row)")
            if expected == 403 { #expect(response.errorCode == "forbidden", "\(row)") }
            if expected == 404 { #expect(response.errorCode == "not_found", "\(row)") }
        }
    }

    @Test func aMemberSeesOnlyTheirProjectsTasksAndTime() throws {
        let sandbox = try makeSandbox()
        let sam = API(sandbox, token: Fixture.Token.member)
        #expect(Set(ids(sam.get("/projects"), "projects")) == [Fixture.Project.acmeWebsite, Fixture.Project.acmeMobile])
        let lena = API(sandbox, token: Fixture.Token.member2)
        #expect(Set(ids(lena.get("/projects"), "projects"))
            == [Fixture.Project.acmeMobile, Fixture.Project.initechMigration, Fixture.Project.starkDashboard])
        let tasks = sam.get("/tasks?per_page=2000").json["tasks"]?.arrayValue ?? []
        #expect(Set(tasks.compactMap { $0["project"]?["id"]?.intValue }) == [Fixture.Project.acmeWebsite, Fixture.Project.acmeMobile])
        let entries = sam.get("/time_entries?per_page=2000").json
        let users = Set((entries["time_entries"]?.arrayValue ?? []).compactMap { $0["user"]?["id"]?.intValue })
        #expect(users == [Fixture.User.member])
        let samCount = sandbox.snapshot().timeEntries.rows.filter { $0.userID == Fixture.User.member }.count
        #expect(entries["total_entries"]?.intValue == samCount)
    }

    @Test func aMemberMayNotLogTimeOnAProjectTheyAreNotAssignedTo() throws {
        let sandbox = try makeSandbox()
        let response = API(sandbox, token: Fixture.Token.member).post("/time_entries", [
            "project_id": .int(Fixture.Project.starkDashboard), "task_id": .int(Fixture.Task.starkDevelopment),
            "spent_date": .string(sandbox.today), "hours": 1,
        ])
        #expect(response.status == 422)
        #expect(response.errorCode == "validation_failed")
        #expect(response.errorFields == ["project_id"])
    }

    @Test func aMemberLooksUpOnlyThemselves() throws {
        let sandbox = try makeSandbox()
        let sam = API(sandbox, token: Fixture.Token.member)
        #expect(sam.get("/users/\(Fixture.User.member)").json["email"]?.stringValue == "sam@northwind.example")
        #expect(sam.get("/users/\(Fixture.User.member2)").status == 403)
        #expect(sam.get("/users/999").status == 403)
        #expect(API(sandbox).get("/users/999").status == 404)
    }

    @Test func objectsOfAnotherWorkspaceAreNotFound() throws {
        let sandbox = try makeSandbox()
        let atlas = API(sandbox, token: Fixture.Token.agencyOwner)
        #expect(atlas.get("/clients/\(Fixture.Client.acme)").status == 404)
        #expect(atlas.get("/projects/\(Fixture.Project.acmeWebsite)").status == 404)
        #expect(atlas.get("/time_entries/\(Fixture.TimeEntry.samYesterday)").status == 404)
        #expect(atlas.get("/invoices/\(Fixture.Invoice.acmeDraft)").status == 404)
        #expect(atlas.get("/users/\(Fixture.User.owner)").status == 404)
        let entries = atlas.get("/time_entries").json
        #expect(entries["total_entries"]?.intValue == 4)
        #expect(ids(atlas.get("/clients"), "clients") == [6])
    }
}
