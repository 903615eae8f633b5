import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// The prompts and their completions, end to end: what each role lists, the messages (today and
/// the timezone from `/me`, the tools to call — and those calls, made as written, work), argument
/// errors, refusals by role and by options, and completions from the cached directory.
@Suite struct PromptsTests {
    static let everyPrompt = [
        "log_time", "weekly_review", "unbilled", "project_health", "find_duplicates", "fill_my_week", "team_timesheet_check",
    ]
    static let memberPrompts = ["log_time", "weekly_review", "find_duplicates", "fill_my_week"]

    @Test func everyPromptTellsTheModelCallsThatWorkAndChangesNothing() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let server = harness.server
            let listed = try #require(try await server.request("prompts/list")["result"]?["prompts"]?.arrayValue)
            #expect(listed.compactMap { $0["name"]?.stringValue } == Self.everyPrompt)
            let tools = try await server.toolNames()
            let today = harness.sandbox.today
            let (monday, sunday) = lastWeek(today)
            let cases: [(name: String, arguments: [String: String], says: [String])] = [
                ("log_time", ["description": "2h Acme website design yesterday, 30m standup", "project": "acme web", "task": "design"],
                 ["\"2h Acme website design yesterday, 30m standup\"", "\"Acme Website\"", "\"Design\"", "create_time_entry",
                  "ask me to confirm", "Create nothing before I confirm"]),
                ("weekly_review", [:], ["\"from\":\"\(monday)\",\"to\":\"\(sunday)\",\"group_by\":\"day\"", "\"is_running\":true",
                                        "capacity is 40 hours", "without notes"]),
                ("weekly_review", ["week": "this_week"], ["\"from\":\"\(day(monday, plus: 7))\",\"to\":\"\(day(sunday, plus: 7))\""]),
                ("unbilled", [:], ["\"is_invoiced\":false", "\"group_by\":\"client\"", "list_expenses", "\"dry_run\":true",
                                   "Create no invoice"]),
                ("unbilled", ["client": "acme"], ["create_invoice {\"client\":\"Acme Corp\",\"from\":\"2000-01-01\",\"to\":\"\(today)\",\"dry_run\":true}"]),
                ("project_health", ["project": "ACME-WEB"], ["\"Acme Website\" (client \"Acme Corp\")", "budget_hours",
                                                              "\"group_by\":\"week\"", "runs out"]),
                ("find_duplicates", ["period": "last_month"], ["list_time_entries {\"period\":\"last_month\",\"all\":true}",
                                                               "Delete or change nothing", "dry_run: true first"]),
                ("fill_my_week", [:], ["find_missing_time {\"period\":\"this_week\"}",
                                       "create_time_entries {\"copy\":{\"from\":\"\(monday)\",\"to\":\"\(sunday)\"},\"dry_run\":true}",
                                       "\"dry_run\":true}", "Log nothing before I confirm", "capacity is 40 hours"]),
                ("fill_my_week", ["week": "last_week", "description": "Mon-Wed Acme website design"],
                 ["find_missing_time {\"period\":\"last_week\"}", "\"Mon-Wed Acme website design\"", "Log nothing before I confirm"]),
                ("team_timesheet_check", [:], ["find_missing_time {\"team\":true,\"period\":\"this_week\"}", "reminder",
                                               "Send nothing"]),
            ]
            for (name, arguments, says) in cases {
                let text = try await server.promptText(name, arguments)
                #expect(text.contains("Today is \(today)"), "\(name) says today's date")
                #expect(text.contains("America/New_York") && text.contains("weeks start on Monday"), "\(name) says the timezone")
                for words in says { #expect(text.contains(words), "\(name) says \(words):\n\(text)") }
                // Every call written out is one the model can make as it stands (the dry run for a
                // client named by a placeholder too); none of them writes.
                let calls = try WrittenCall.all(in: text, tools: tools)
                #expect(!calls.isEmpty, "\(name) names calls")
                for call in calls {
                    var arguments = call.arguments
                    if call.tool == "create_time_entries" {
                        #expect(arguments["dry_run"] == true, "\(name): a batch is only previewed")
                    }
                    if call.tool == "create_invoice" {
                        #expect(arguments["dry_run"] == true, "\(name): an invoice is only previewed")
                        if arguments["client"] == "<name>" { arguments["client"] = "Acme Corp" }
                    }
                    guard !WrittenCall(tool: call.tool, arguments: arguments).hasPlaceholders else { continue }
                    let outcome = try await harness.call(call.tool, arguments)
                    #expect(!outcome.isError, "\(name): \(call) failed: \(outcome.text)")
                }
            }
            #expect(harness.sandbox.requests().allSatisfy { $0.method == "GET" }, "prompts and their calls changed nothing")
        }
    }

    @Test func argumentsAreValidatedWithClearErrorsAndAPromptCostsNoRequestOnceTheDirectoryIsRead() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let server = harness.server
            let cases: [(String, [String: String], String)] = [
                ("log_time", [:], "needs the argument \"description\""),
                ("log_time", ["description": "1h", "task": "Design"], "\"Design\" matches 2 tasks"),
                ("log_time", ["description": "1h", "project": "Acme Website", "task": "Cooking"], "No task matches \"Cooking\" on that project"),
                ("unbilled", ["client": "Nobody"], "No client matches \"Nobody\""),
                ("weekly_review", ["week": "next_week"], "use one of this_week, last_week"),
                ("find_duplicates", ["period": "forever"], "use one of today, yesterday"),
                ("project_health", [:], "needs the argument \"project\""),
                ("project_health", ["project": "Acme"], "\"Acme\" matches 2 projects"),
                ("no_such_prompt", [:], "Unknown prompt"),
            ]
            for (name, arguments, words) in cases {
                let error = try #require(try await server.getPrompt(name, arguments)["error"], "\(name) \(arguments)")
                #expect(error["code"] == -32602)
                #expect(error["message"]?.stringValue?.contains(words) == true, "\(name): \(error)")
            }
            // The directory is read; from now on prompts and completions make no request at all.
            harness.sandbox.clearRequests()
            _ = try await server.promptText("project_health", ["project": "Stark Dashboard"])
            _ = try await server.promptText("log_time", ["description": "1h", "project": "Acme Mobile App", "task": "Design"])
            _ = try await server.promptText("weekly_review")
            #expect(try await server.completions(prompt: "project_health", "project", "sta") == ["Stark Dashboard"])
            #expect(harness.requestLines == [])
        }
    }

    @Test func aMemberListsAndCompletesOnlyWhatTheRoleMaySee() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let server = harness.server
            let listed = try #require(try await server.request("prompts/list")["result"]?["prompts"]?.arrayValue)
            #expect(listed.compactMap { $0["name"]?.stringValue } == Self.memberPrompts)
            for name in ["unbilled", "project_health", "team_timesheet_check"] {
                let refused = try #require(try await server.getPrompt(name, ["project": "Acme Website"].filter { _ in name == "project_health" })["error"])
                #expect(refused["code"] == -32602)
                #expect(refused["message"]?.stringValue?.contains("Your Hoursmith role is Member, and Members can't") == true, "\(refused)")
            }
            // Sam is on Acme Website and Acme Mobile App only; Stark Dashboard is not his to name.
            #expect(try await server.completions(prompt: "log_time", "project", "") == ["Acme Mobile App", "Acme Website"])
            #expect(try await server.completions(prompt: "log_time", "project", "stark") == [])
            #expect(try await server.completions(prompt: "log_time", "task", "", context: ["project": "Acme Mobile App"]) == ["Design", "Development"])
            let noClients = try #require(try await server.complete(prompt: "unbilled", "client", "")["error"])
            #expect(noClients["message"]?.stringValue?.contains("Members can't") == true)
            let stark = try #require(try await server.getPrompt("log_time", ["description": "1h", "project": "Stark Dashboard"])["error"])
            #expect(stark["message"]?.stringValue?.contains("No project matches \"Stark Dashboard\"") == true, "\(stark)")
            // A member's review and duplicates are the member's own.
            let review = try await server.promptText("weekly_review")
            #expect(review.contains("\"user_id\":\(Fixture.User.member)"))
            let duplicates = try await server.promptText("find_duplicates")
            #expect(duplicates.contains("my own entries") && !duplicates.contains("person by person"))
            // Typing costs no request once the directory is read.
            harness.sandbox.clearRequests()
            for typed in ["a", "ac", "acm", "acme w"] { _ = try await server.completions(prompt: "log_time", "project", typed) }
            _ = try await server.completions(prompt: "log_time", "task", "de", context: ["project": "acme web"])
            #expect(harness.requestLines == [])
        }
    }

    @Test func aManagerSeesUnbilledWorkWithoutTheInvoicePreviewManagersCannotMake() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let listed = try #require(try await harness.server.request("prompts/list")["result"]?["prompts"]?.arrayValue)
            #expect(listed.compactMap { $0["name"]?.stringValue } == Self.everyPrompt)
            let text = try await harness.server.promptText("unbilled", ["client": "Globex"])
            #expect(!text.contains("create_invoice {"), "managers can't create (or preview) invoices")
            #expect(text.contains("get_time_report {") && text.contains("\"client\":\"Globex\""))
            #expect(text.contains("list_expenses {") && text.contains("billable_amount"))
            #expect(try await harness.server.completions(prompt: "unbilled", "client", "in") == ["Initech", "Stark Industries"], "prefix before substring")
        }
    }

    @Test func optionsThatLeaveOutAPromptsToolsLeaveOutThePrompt() async throws {
        try await withHarness(token: Fixture.Token.owner, arguments: ["--read-only"]) { harness in
            let listed = try #require(try await harness.server.request("prompts/list")["result"]?["prompts"]?.arrayValue)
            #expect(listed.compactMap { $0["name"]?.stringValue } == [
                "weekly_review", "unbilled", "project_health", "find_duplicates", "team_timesheet_check",
            ])
            let error = try #require(try await harness.server.getPrompt("log_time", ["description": "1h"])["error"])
            #expect(error["code"] == -32602)
            #expect(error["message"]?.stringValue?.contains("create_time_entry, which this server's options leave out (--read-only") == true)
            // What the options leave out is not in the messages either: no dry run, no deleting.
            #expect(!(try await harness.server.promptText("unbilled")).contains("create_invoice {"))
            #expect(!(try await harness.server.promptText("find_duplicates")).contains("delete_time_entry"))
        }
    }

    @Test func aLegacyClientHearsThatThePromptAndResourceListsNarrowed() async throws {
        let sandbox = try await makeSandbox()
        let gate = SandboxGate()
        sandbox.inject(.hold(gate), method: "GET", path: "/me")
        let server = try MCPProcess(sandboxURL: sandbox.baseURL, token: Fixture.Token.member)
        let initialized = try await server.initialize(version: "2025-06-18")
        let capabilities = try #require(initialized["result"]?["capabilities"])
        #expect(capabilities["prompts"] == ["listChanged": true] && capabilities["resources"] == ["listChanged": true])
        #expect(capabilities["completions"] == [:])
        let before = try await server.request("prompts/list", era: .legacy)
        #expect(before["result"]?["prompts"]?.arrayValue?.count == 7, "before the role is known, every prompt is listed")
        gate.open()
        try await server.waitForMessage("resources/list_changed") { $0["method"] == "notifications/resources/list_changed" }
        #expect(server.messages.contains { $0["method"] == "notifications/prompts/list_changed" })
        let after = try await server.request("prompts/list", era: .legacy)
        #expect(after["result"]?["prompts"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == Self.memberPrompts)
        let templates = try await server.request("resources/templates/list", era: .legacy)
        #expect(templates["result"]?["resourceTemplates"]?.arrayValue?.map { $0["uriTemplate"] } == ["hoursmith://projects/{project_id}"])
        // A legacy revision's missing resource is -32002.
        let missing = try #require(try await server.readResource("hoursmith://clients/1", era: .legacy)["error"])
        #expect(missing["code"] == -32002)
        #expect(missing["data"] == ["uri": "hoursmith://clients/1"])
        server.closeInput()
        #expect(await server.exitStatus() == 0)
        sandbox.shutdown()
    }

    @Test func withoutATokenEverythingIsListedAndEachAnswerSaysWhatIsMissing() async throws {
        let server = try MCPProcess(environment: ["HOURSMITH_API_URL": "http://127.0.0.1:9/api/v1"])
        #expect(try await server.request("prompts/list")["result"]?["prompts"]?.arrayValue?.count == 7)
        let answers = [
            try await server.getPrompt("weekly_review"), try await server.readResource("hoursmith://me"),
            try await server.complete(prompt: "log_time", "project", "a"),
        ]
        for answer in answers {
            let error = try #require(answer["error"], "\(answer)")
            #expect(error["code"] == -32603)
            #expect(error["message"]?.stringValue?.contains("HOURSMITH_API_TOKEN") == true, "\(error)")
        }
        server.closeInput()
        #expect(await server.exitStatus() == 0)
    }

    /// Monday and Sunday of the week before the one `today` is in.
    private func lastWeek(_ today: String) -> (String, String) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let weekday = formatter.date(from: today).map { calendar.component(.weekday, from: $0) } ?? 2
        let sinceMonday = (weekday + 5) % 7
        let monday = day(today, plus: -sinceMonday - 7)
        return (monday, day(monday, plus: 6))
    }
}
