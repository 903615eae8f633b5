import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// The resources, end to end: each shows what the tool of the same facts shows — checked
/// against those tools — within the contract's members, and a role reads only what it may.
@Suite struct ResourcesTests {
    @Test func anOwnerReadsWhatTheToolsWouldSay() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let server = harness.server
            let listed = try #require(try await server.request("resources/list")["result"]?["resources"]?.arrayValue)
            #expect(listed.map { $0["uri"] } == ["hoursmith://me", "hoursmith://timer"])
            let templates = try #require(try await server.request("resources/templates/list")["result"]?["resourceTemplates"]?.arrayValue)
            #expect(templates.map { $0["uriTemplate"] } == ["hoursmith://projects/{project_id}", "hoursmith://clients/{client_id}"])

            // me: get_current_user's answer, without a request.
            harness.sandbox.clearRequests()
            #expect(try await server.readJSON("hoursmith://me") == (try await harness.call("get_current_user").content()))
            #expect(harness.requestLines == [])
            #expect(try await server.readJSON("hoursmith://timer") == ["time_entry": .null, "message": "You have no running timer. start_timer starts one."])

            // A project: its budget use is what a time report of all its time says.
            let today = harness.sandbox.today
            let project = try await server.readJSON("hoursmith://projects/\(Fixture.Project.acmeWebsite)")
            #expect(project["project"]?["name"] == "Acme Website" && project["project"]?["client"] == "Acme Corp")
            #expect(project["project"]?["member_ids"] == nil, "concise")
            let report = try await harness.call("get_time_report", [
                "project_id": .int(Fixture.Project.acmeWebsite), "from": "2000-01-01", "to": .string(today)]).content()
            let budget = try #require(project["budget"])
            #expect(hundredths(budget["hours_logged"]) == hundredths(report["report"]?["totals"]?["total_hours"]))
            #expect(hundredths(budget["budget_hours"]) == 40_000)
            let logged = try #require(hundredths(budget["hours_logged"]))
            #expect(hundredths(budget["hours_left"]) == 40_000 - logged)
            #expect(budget["scope"] == nil)

            // A client: its unbilled work is what the invoice dry run of everything to date says.
            let client = try await server.readJSON("hoursmith://clients/\(Fixture.Client.acme)")
            #expect(client["client"]?["name"] == "Acme Corp")
            #expect(client["active_projects"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Acme Mobile App", "Acme Website"])
            let preview = try await harness.call("create_invoice", [
                "client_id": .int(Fixture.Client.acme), "from": "2000-01-01", "to": .string(today), "dry_run": true]).content()
            let unbilled = try #require(client["unbilled"])
            #expect(unbilled["total"] == preview["billed"]?["total"])
            #expect(unbilled["hours"] == preview["billed"]?["hours"])
            #expect(unbilled["lines"] == preview["line_items"])

            // What names nothing is the modern missing-resource error, saying why.
            for (uri, words) in [
                ("hoursmith://projects/999", "Hoursmith has no project 999"), ("hoursmith://projects/abc", "is not a project id"),
                ("hoursmith://projects/1/tasks", "this server has no resource"), ("hoursmith://invoices/1", "this server has no resource"),
            ] {
                let error = try #require(try await server.readResource(uri)["error"], "\(uri)")
                #expect(error["code"] == -32602)
                #expect(error["message"]?.stringValue?.hasPrefix("Resource not found: ") == true)
                #expect(error["message"]?.stringValue?.contains(words) == true, "\(uri): \(error)")
                #expect(error["data"] == ["uri": .string(uri)])
            }

            // Template variables complete to ids, found by name or by the id's digits.
            #expect(try await completions(server, "hoursmith://projects/{project_id}", "project_id", "acme web") == ["1"])
            #expect(try await completions(server, "hoursmith://projects/{project_id}", "project_id", "5") == ["5"])
            #expect(try await completions(server, "hoursmith://clients/{client_id}", "client_id", "glo") == ["2"])
        }
    }

    @Test func aMemberReadsTheirOwnProjectsAndTimerButNoClient() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let server = harness.server
            let templates = try #require(try await server.request("resources/templates/list")["result"]?["resourceTemplates"]?.arrayValue)
            #expect(templates.map { $0["uriTemplate"] } == ["hoursmith://projects/{project_id}"])
            let timer = try await server.readJSON("hoursmith://timer")
            #expect(timer["time_entry"]?["id"]?.intValue == Fixture.TimeEntry.samRunningTimer)
            #expect(timer["time_entry"]?["is_running"] == true)
            // The running timer's hours grow with the clock: stopped, the two reads below see the same time.
            let stop = try await SandboxAPI(baseURL: harness.sandbox.baseURL, token: Fixture.Token.member)
                .send("POST", "/time_entries/\(Fixture.TimeEntry.samRunningTimer)/stop")
            #expect(stop.status == 200)

            let project = try await server.readJSON("hoursmith://projects/\(Fixture.Project.acmeWebsite)")
            #expect(project["budget"]?["scope"]?.stringValue?.contains("Only your own time") == true)
            let own = try await harness.call("get_time_report", [
                "project_id": .int(Fixture.Project.acmeWebsite), "from": "2000-01-01", "to": .string(harness.sandbox.today)]).content()
            #expect(hundredths(project["budget"]?["hours_logged"]) == hundredths(own["report"]?["totals"]?["total_hours"]))

            let stark = try #require(try await server.readResource("hoursmith://projects/\(Fixture.Project.starkDashboard)")["error"])
            #expect(stark["message"]?.stringValue?.contains("Hoursmith has no project \(Fixture.Project.starkDashboard) that this token can see") == true)
            harness.sandbox.clearRequests()
            let client = try #require(try await server.readResource("hoursmith://clients/\(Fixture.Client.acme)")["error"])
            #expect(client["code"] == -32602)
            #expect(client["message"]?.stringValue?.contains("Members can't see clients") == true, "\(client)")
            #expect(harness.requestLines == [], "refused without a request")
            #expect(try await completions(server, "hoursmith://projects/{project_id}", "project_id", "") == ["2", "1"])
            let noClients = try #require(try await server.complete(template: "hoursmith://clients/{client_id}", "client_id", "")["error"])
            #expect(noClients["message"]?.stringValue?.contains("Members can't see clients") == true)
        }
    }

    private func completions(_ server: MCPProcess, _ template: String, _ variable: String, _ value: String) async throws -> [String] {
        let reply = try await server.complete(template: template, variable, value)
        guard let values = reply["result"]?["completion"]?["values"]?.arrayValue else { throw HarnessError("\(reply)") }
        return values.compactMap(\.stringValue)
    }
}
