import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// find_missing_time and create_time_entries, end to end: the built server over stdio, the
/// sandbox over HTTP, for an owner, a manager and a member. Gaps are checked against the API's
/// own entries, added up here day by day; batches against what the sandbox then holds.
@Suite struct TimesheetTests {
    // MARK: find_missing_time

    @Test func theTeamsGapsAreThoseOfTheAPIsOwnEntries() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let today = harness.sandbox.today
            let (from, to) = (day(today, plus: -27), day(today, plus: -1))
            harness.sandbox.clearRequests()
            let result = try await harness.call("find_missing_time", ["team": true, "from": .string(from), "to": .string(to)]).content()
            #expect(harness.requestLines == ["GET /users", "GET /time_entries"], "the people, then one walk for all of them")

            let api = SandboxAPI(baseURL: harness.sandbox.baseURL, token: Fixture.Token.owner)
            let expected = try await Self.expectedRows(api, from: from, to: to)
            let people = result["people"]?.arrayValue ?? []
            #expect(Set(people.compactMap { $0["id"]?.intValue }) == Set(expected.keys), "every active person, and only them")
            for person in people {
                let id = try #require(person["id"]?.intValue)
                try Self.expect(person, equals: try #require(expected[id]))
            }
            let gaps = people.compactMap { hundredths($0["gap"]) }
            #expect(gaps == gaps.sorted(by: >), "the shortest first")
            #expect(people.contains { $0["short_days"] != nil } && people.contains { $0["short_days"] == nil },
                    "the seed has people short on some days and people who are not")
            #expect(people.contains { $0["weekend_hours"] != nil }, "and someone who logged a weekend day")
            #expect(hundredths(result["totals"]?["gap"]) == expected.values.reduce(0) { $0 + $1.gap })
            #expect(result["totals"]?["short_days"]?.intValue == expected.values.reduce(0) { $0 + $1.short.count })
            #expect(result["computed"]?.stringValue?.contains("one walk") == true)
            #expect((result["from"], result["to"]) == (.string(from), .string(to)))

            // The default: the token's own person, this week's whole days; today, not over, is never
            // short: its hours so far are told apart.
            let mine = try await harness.call("find_missing_time").content()
            #expect(mine["people"]?.arrayValue?.map { $0["name"] } == ["Olivia Hart"])
            #expect(mine["from"] == .string(Self.weekStart(today)) && mine["to"] == .string(today))
            #expect(mine["note"]?.stringValue?.contains("Today (\(today)) is not over") == true, "\(mine)")
            let myRow = try #require(mine["people"]?.arrayValue?.first)
            let myToday = try await Self.expectedRows(api, from: today, to: today)[Fixture.User.owner]?.logged
            #expect(hundredths(myRow["today"]) == myToday, "today's hours so far: \(myRow)")
            #expect(!(myRow["short_days"]?.objectValue?.keys ?? []).contains { $0 == today || $0.hasSuffix(" to \(today)") },
                    "today is never short: \(myRow)")
            if Self.weekStart(today) < today {
                let week = try await Self.expectedRows(api, from: Self.weekStart(today), to: day(today, plus: -1))
                try Self.expect(myRow, equals: try #require(week[Fixture.User.owner]), "the week's whole days")
            }
            let onlyToday = try await harness.call("find_missing_time", ["period": "today"]).content()
            let todayRow = try #require(onlyToday["people"]?.arrayValue?.first)
            #expect(hundredths(todayRow["expected"]) == 0 && todayRow["short_days"] == nil && hundredths(todayRow["today"]) == myToday,
                    "\(onlyToday)")
            // Days to come are never counted, and a range wholly to come has nothing to check.
            let ahead = try await harness.call("find_missing_time", ["from": .string(day(today, plus: -1)), "to": .string(day(today, plus: 9))]).content()
            #expect(ahead["to"] == .string(today) && ahead["note"]?.stringValue?.contains("after today") == true)
            let future = try await harness.call("find_missing_time", ["from": .string(day(today, plus: 1))])
            #expect(future.isError && future.text.contains("starts after today"))
        }
    }

    @Test func aManagerChecksOnePersonAndAMemberOnlyThemselves() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let today = harness.sandbox.today
            let (from, to) = (day(today, plus: -27), day(today, plus: -1))
            let api = SandboxAPI(baseURL: harness.sandbox.baseURL, token: Fixture.Token.owner)
            let expected = try await Self.expectedRows(api, from: from, to: to)

            let sam = try await harness.call("find_missing_time", ["user": "Sam Carter", "from": .string(from), "to": .string(to)]).content()
            let row = try #require(sam["people"]?.arrayValue?.first)
            #expect(sam["people"]?.arrayValue?.count == 1)
            try Self.expect(row, equals: try #require(expected[Fixture.User.member]))
            #expect((row["short_days"]?.objectValue?.map(\.key).count ?? 0) >= 4, "Sam logs nothing on Fridays of late: \(row)")
            let both = try await harness.call("find_missing_time", ["team": true, "user_id": .int(Fixture.User.member)])
            #expect(both.isError && both.text.contains("not both"))

            try await withHarness(token: Fixture.Token.member) { member in
                let own = try await member.call("find_missing_time", ["from": .string(from), "to": .string(to)]).content()
                let ownRow = try #require(own["people"]?.arrayValue?.first)
                #expect(own["people"]?.arrayValue?.count == 1)
                try Self.expect(ownRow, equals: try #require(expected[Fixture.User.member]), "a member's own gaps are what a manager sees")
                member.sandbox.clearRequests()
                for arguments: JSONObject in [["team": true], ["user_id": .int(Fixture.User.owner)], ["user": "Olivia Hart"]] {
                    let refused = try await member.call("find_missing_time", arguments)
                    #expect(refused.isError, "\(arguments)")
                    #expect(refused.text.contains("Your Hoursmith role is Member, and Members can't check other people's time")
                        || refused.text.contains("a member can name only themselves"), "\(refused.text)")
                }
                #expect(member.requestLines.isEmpty, "refused before any request: \(member.requestLines)")
            }
        }
    }

    // MARK: create_time_entries

    @Test func aDryRunWritesNothingAndShowsWhatTheBatchThenLogs() async throws {
        try await withHarness(token: Fixture.Token.owner) { harness in
            let (first, second) = (day(harness.sandbox.today, plus: 50), day(harness.sandbox.today, plus: 51))
            let entries: [JSON] = [
                ["project": "Acme Website", "task": "Design", "spent_date": .string(first), "hours": 1.5, "notes": "Batch wireframes"],
                ["project_id": .int(Fixture.Project.acmeMobile), "task": "Development", "spent_date": .string(first), "hours": 2.25,
                 "user": "Sam Carter"],
                ["project": "ACME-WEB", "task": "Development", "spent_date": .string(second), "hours": 0.5, "billable": false],
                ["project": "Acme Website", "task": "Design", "spent_date": .string(first), "hours": 1.5, "notes": "Batch wireframes"],
            ]
            let before = harness.sandbox.snapshot().timeEntries.count
            harness.sandbox.clearRequests()
            let preview = try await harness.call("create_time_entries", ["entries": .array(entries), "dry_run": true]).content()
            #expect(harness.sandbox.requests().allSatisfy { $0.method == "GET" }, "a dry run only reads: \(harness.requestLines)")
            #expect(harness.sandbox.snapshot().timeEntries.count == before)
            let looks = harness.sandbox.requests().filter { $0.path == "/time_entries" }.map(\.query)
            #expect(looks.count == 2 && Set(looks.compactMap { $0["user_id"] }) == [String(Fixture.User.owner), String(Fixture.User.member)],
                    "the look-alikes are read person by person, never every user's entries at once: \(looks)")
            #expect(preview["resend"] == nil && preview["note"]?.stringValue?.contains("send the same call without dry_run") == true,
                    "every date is a day already: the same call is the one to send")
            let rows = preview["entries"]?.arrayValue ?? []
            #expect(rows.count == 4 && rows.allSatisfy { $0["problem"] == nil }, "\(preview)")
            #expect(rows[3]["same_as"] == [1], "the fourth is the first again")
            #expect(rows[1]["user"] == "Sam Carter" && rows[0]["user"] == nil)
            #expect(rows[2]["billable"] == false)
            #expect(preview["totals"]?["would_log"] == 4 && hundredths(preview["totals"]?["hours"]) == 575)
            let days = preview["days"]?.arrayValue ?? []
            #expect(days.map { $0["date"] } == [.string(first), .string(first), .string(second)])
            #expect(days.compactMap { hundredths($0["hours"]) } == [300, 225, 50], "per person and day: \(days)")

            let logged = try await harness.call("create_time_entries", ["entries": .array(entries)]).content()
            let ids = logged["logged_ids"]?.arrayValue?.compactMap(\.intValue) ?? []
            #expect(ids.count == 4 && Set(ids).count == 4, "\(logged)")
            #expect(harness.sandbox.requests().filter { $0.method == "POST" }.count == 4)
            let keys = harness.sandbox.requests().filter { $0.method == "POST" }.compactMap { $0.headers["idempotency-key"] }
            #expect(Set(keys).count == 4, "each entry its own key")
            let snapshot = harness.sandbox.snapshot()
            #expect(snapshot.timeEntries.count == before + 4)
            for (row, id) in zip(rows, ids) {
                let record = try #require(snapshot.timeEntries[id: id])
                #expect(.string(record.spentDate) == row["date"] && record.hours == hundredths(row["hours"]))
                #expect(.string(snapshot.projects[record.projectID]?.name ?? "") == row["project"])
                #expect(.string(snapshot.tasks[record.taskID]?.name ?? "") == row["task"])
                #expect(record.notes.map(JSON.string) == row["notes"])
                #expect(record.userID == (row["user"] == nil ? Fixture.User.owner : Fixture.User.member))
                #expect(record.billable == (row["billable"] != false))
            }
            let lines = logged["results"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(lines.count == 4 && lines[3].hasPrefix("#4 logged \(ids[3])") && lines[3].contains("looks like #1"), "\(lines)")
        }
    }

    @Test func aBadEntryIsNamedAndTheOthersAreLogged() async throws {
        try await withHarness(token: Fixture.Token.manager) { harness in
            let date = JSON.string(day(harness.sandbox.today, plus: 60))
            let entries: [JSON] = [
                ["project": "Stark Dashboard", "task": "QA", "spent_date": date, "hours": 1],
                ["project": "Acme Website", "task": "Legacy Support", "spent_date": date, "hours": 2],
                ["project": "Nowhere Project", "task": "QA", "spent_date": date, "hours": 3],
                ["project": "Stark Dashboard", "task": "Development", "spent_date": date, "hours": 4, "user": "Lena Novak"],
            ]
            let preview = try await harness.call("create_time_entries", ["entries": .array(entries), "dry_run": true]).content()
            let problems = preview["entries"]?.arrayValue?.map { $0["problem"]?.stringValue } ?? []
            #expect(problems[0] == nil && problems[3] == nil)
            #expect(problems[1]?.contains("Legacy Support (task \(Fixture.Task.acmeLegacySupport)) is archived") == true, "\(problems)")
            #expect(problems[2]?.contains("No project matches \"Nowhere Project\"") == true)
            #expect(preview["totals"]?["would_log"] == 2 && preview["totals"]?["refused"] == 2)

            let before = harness.sandbox.snapshot().timeEntries.count
            let logged = try await harness.call("create_time_entries", ["entries": .array(entries)]).content()
            let lines = logged["results"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(lines.count == 4)
            #expect(lines[0].hasPrefix("#1 logged ") && lines[3].hasPrefix("#4 logged ") && lines[3].contains("(Lena Novak)"), "\(lines)")
            #expect(lines[1].hasPrefix("#2 refused: ") && lines[1].contains("task is archived"), "the API's refusal: \(lines[1])")
            #expect(lines[2].hasPrefix("#3 refused: No project matches \"Nowhere Project\"") && !lines[2].contains("Nothing was done"))
            #expect(harness.sandbox.snapshot().timeEntries.count == before + 2)
            #expect(harness.sandbox.requests().filter { $0.method == "POST" }.map(\.status) == [201, 422, 201],
                    "the unresolved name is never sent; the archived task is the API's to refuse")
        }
    }

    @Test func aBatchSentAgainAfterALostAnswerLogsNothingTwice() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let start = day(harness.sandbox.today, plus: 70)
            let entries: [JSON] = (0..<5).map { offset in
                ["project": "Acme Website", "task": "Development", "spent_date": .string(day(start, plus: offset)), "hours": 1.25,
                 "notes": .string("Retry \(offset)")]
            }
            let before = harness.sandbox.snapshot().timeEntries.count
            // The first two creates are answered; the third is carried out, but every answer to it is
            // lost (a 500 after processing, on each of the client's tries): the call stops there.
            harness.sandbox.inject(.delay(milliseconds: 0), times: 2, method: "POST", path: "/time_entries")
            harness.sandbox.inject(.failAfterProcessing(500), times: 3, method: "POST", path: "/time_entries")
            let stopped = try await harness.call("create_time_entries", ["entries": .array(entries)]).content()
            let lines = stopped["results"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(lines.count == 4, "\(lines)")
            #expect(lines[0].hasPrefix("#1 logged ") && lines[1].hasPrefix("#2 logged "))
            #expect(lines[2].hasPrefix("#3 may or may not be logged"), "\(lines)")
            #expect(lines[3] == "#4–#5 not attempted")
            #expect(stopped["note"]?.stringValue?.contains("send the same call again unchanged") == true)
            #expect(harness.sandbox.snapshot().timeEntries.count == before + 3, "the third was carried out")

            harness.sandbox.clearFaults()
            let again = try await harness.call("create_time_entries", ["entries": .array(entries)]).content()
            let second = again["results"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(second.prefix(3).allSatisfy { $0.contains("already logged as") }, "\(second)")
            #expect(second[3].hasPrefix("#4 logged ") && second[4].hasPrefix("#5 logged "))
            let snapshot = harness.sandbox.snapshot()
            #expect(snapshot.timeEntries.count == before + 5, "five entries, none twice")
            let notes = snapshot.timeEntries.rows.filter { $0.userID == Fixture.User.member }.compactMap(\.notes).filter { $0.hasPrefix("Retry ") }
            #expect(notes.sorted() == (0..<5).map { "Retry \($0)" })
            // The whole batch once more: all five are recognised.
            let third = try await harness.call("create_time_entries", ["entries": .array(entries)]).content()
            #expect(third["totals"]?["already_logged"] == 5 && third["totals"]?["logged"] == 0)
            #expect(harness.sandbox.snapshot().timeEntries.count == before + 5)

            // An answer that can't be read — a 200 that is not the entry — leaves the entry's fate
            // unknown, never "refused": the batch stops there. Its dates were relative (none given,
            // or a word), so the answer writes out the call to send again, each day as YYYY-MM-DD.
            let today = harness.sandbox.today
            let relative: [JSON] = [
                ["project": "Acme Website", "task": "Development", "hours": 0.5, "notes": "Unreadable 0"],
                ["project": "Acme Website", "task": "Development", "spent_date": "yesterday", "hours": 0.5, "notes": "Unreadable 1"],
                ["project": "Acme Website", "task": "Development", "spent_date": .string(day(today, plus: 71)), "hours": 0.5,
                 "notes": "Unreadable 2"],
            ]
            harness.sandbox.inject(.delay(milliseconds: 0), times: 1, method: "POST", path: "/time_entries")
            harness.sandbox.inject(.nonJSONBody, times: 1, method: "POST", path: "/time_entries")
            let unreadable = try await harness.call("create_time_entries", ["entries": .array(relative)]).content()
            let unreadableLines = unreadable["results"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(unreadableLines.count == 3 && unreadableLines[0].hasPrefix("#1 logged "), "\(unreadable)")
            #expect(unreadableLines[1].hasPrefix("#2 may or may not be logged: Hoursmith's answer could not be read"), "\(unreadableLines)")
            #expect(unreadableLines[2] == "#3 not attempted" && unreadable["totals"]?["refused"] == 0)
            let resend = try #require(unreadable["resend"]?.objectValue, "\(unreadable)")
            #expect(resend["entries"]?.arrayValue?.map { $0["spent_date"] } == [.string(today), .string(day(today, plus: -1)),
                                                                                   .string(day(today, plus: 71))])
            #expect(resend["entries"]?.arrayValue?.map { $0["notes"] } == relative.map { $0["notes"] }, "the rest as given")
            #expect(unreadable["note"]?.stringValue?.contains("send `resend` as the arguments") == true, "\(unreadable)")
            harness.sandbox.clearFaults()
            let finished = try await harness.call("create_time_entries", resend).content()
            let finishedLines = finished["results"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(finishedLines.prefix(2).allSatisfy { $0.contains("already logged as") } && finishedLines.last?.hasPrefix("#3 logged ") == true,
                    "\(finishedLines)")
            let unreadableNotes = harness.sandbox.snapshot().timeEntries.rows.compactMap(\.notes).filter { $0.hasPrefix("Unreadable ") }
            #expect(unreadableNotes.sorted() == ["Unreadable 0", "Unreadable 1", "Unreadable 2"], "each once")
        }
    }

    @Test func aCopyNeverCopiesARunningTimerAndAMemberLogsOnlyForThemselves() async throws {
        try await withHarness(token: Fixture.Token.member) { harness in
            let today = harness.sandbox.today
            // Sam's running timer is today's; give the day a stopped entry too.
            let api = SandboxAPI(baseURL: harness.sandbox.baseURL, token: Fixture.Token.member)
            let made = try await api.send("POST", "/time_entries", [
                "project_id": .int(Fixture.Project.acmeWebsite), "task_id": .int(Fixture.Task.acmeDesign), "spent_date": .string(today),
                "hours": 0.75, "notes": "Stopped work to copy",
            ])
            #expect(made.status == 201)
            let source = harness.sandbox.snapshot().timeEntries.rows.filter { $0.userID == Fixture.User.member && $0.spentDate == today }
            #expect(source.contains { $0.isRunning } && source.contains { !$0.isRunning })

            let copy: JSON = ["from": .string(today), "to": .string(today), "weeks": 2]
            let preview = try await harness.call("create_time_entries", ["copy": copy, "dry_run": true]).content()
            let rows = preview["entries"]?.arrayValue ?? []
            #expect(rows.count == source.filter { !$0.isRunning }.count)
            #expect(rows.allSatisfy { $0["date"] == .string(day(today, plus: 14)) })
            #expect(!rows.contains { $0["notes"] == "Homepage hero section" }, "the running timer's entry is not copied")
            #expect(preview["note"]?.stringValue?.contains("a running timer is not copied") == true)

            let logged = try await harness.call("create_time_entries", ["copy": copy]).content()
            let ids = logged["logged_ids"]?.arrayValue?.compactMap(\.intValue) ?? []
            let snapshot = harness.sandbox.snapshot()
            let copies = ids.compactMap { snapshot.timeEntries[id: $0] }
            #expect(copies.count == rows.count && !copies.isEmpty)
            #expect(copies.allSatisfy { !$0.isRunning && !$0.isInvoiced && $0.spentDate == day(today, plus: 14) && $0.userID == Fixture.User.member })
            #expect(copies.contains { $0.notes == "Stopped work to copy" } && !copies.contains { $0.notes == "Homepage hero section" })

            // A member logs for no one else: refused as the API refuses it.
            let others = try await harness.call("create_time_entries", ["entries": [
                ["project_id": .int(Fixture.Project.acmeWebsite), "task_id": .int(Fixture.Task.acmeDesign), "hours": 1,
                 "user_id": .int(Fixture.User.owner)],
                ["project_id": .int(Fixture.Project.starkDashboard), "task_id": .int(Fixture.Task.starkQA), "hours": 1],
            ]]).content()
            let lines = others["results"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(lines.first?.contains("Members can't log time for other people") == true, "\(lines)")
            #expect(lines.last?.hasPrefix("#2 refused: ") == true && others["totals"]?["logged"] == 0, "not Sam's project: \(lines)")
            let copyOthers = try await harness.call("create_time_entries", ["copy": ["period": "last_week", "user_id": .int(Fixture.User.owner)]])
            #expect(copyOthers.isError && copyOthers.text.contains("Members can't log time for other people"))

            // A copy whose copies would land on days it copies from is refused, saying why, before any request.
            harness.sandbox.clearRequests()
            let overlapping = try await harness.call("create_time_entries", ["copy": ["from": .string(day(today, plus: -13)), "to": .string(today)],
                                                                             "dry_run": true])
            #expect(overlapping.isError && overlapping.text.contains("would land on days it copies from (\(day(today, plus: -6)) to \(today))"),
                    "\(overlapping.text)")
            #expect(!harness.requestLines.contains("GET /time_entries"))
            let fortnight = try await harness.call("create_time_entries", ["copy": ["from": .string(day(today, plus: -13)), "to": .string(today),
                                                                                   "weeks": -2], "dry_run": true])
            #expect(!fortnight.isError, "two weeks back: no overlap: \(fortnight.text)")
            // A copy by period: the call to send is written out with its days.
            let byPeriod = try await harness.call("create_time_entries", ["copy": ["period": "last_week"], "dry_run": true]).content()
            let week = try #require(byPeriod["resend"]?["copy"]?.objectValue, "\(byPeriod)")
            #expect(week["period"] == nil && week["from"] == .string(day(Self.weekStart(today), plus: -7))
                && week["to"] == .string(day(Self.weekStart(today), plus: -1)), "\(week)")

            // A look-alike read that fails is said, never taken for "nothing logged".
            harness.sandbox.inject(.nonJSONBody, times: 1, method: "GET", path: "/time_entries")
            let unlooked = try await harness.call("create_time_entries", ["entries": [
                ["project": "Acme Website", "task": "Design", "hours": 1, "spent_date": .string(day(today, plus: 30))],
            ], "dry_run": true]).content()
            #expect(unlooked["note"]?.stringValue?.contains("were not checked for Sam Carter (the read failed") == true, "\(unlooked)")
            #expect(unlooked["days"]?.arrayValue?.first?["already_logged"] == nil, "not a zero it does not know")
        }
    }

    @Test func aBatchThatCannotFinishInTimeSaysWhereItStoppedAndFinishesWhenSentAgain() async throws {
        try await withHarness(token: Fixture.Token.owner, arguments: ["--call-timeout", "6"]) { harness in
            let start = day(harness.sandbox.today, plus: 80)
            let entries: [JSON] = (0..<6).map { offset in
                ["project": "Acme Website", "task": "Design", "spent_date": .string(day(start, plus: offset)), "hours": 2]
            }
            let before = harness.sandbox.snapshot().timeEntries.count
            harness.sandbox.inject(.delay(milliseconds: 1500), times: 6, method: "POST", path: "/time_entries")
            let outcome = try await harness.call("create_time_entries", ["entries": .array(entries)])
            let first = try outcome.content()
            let totals = try #require(first["totals"])
            let logged = totals["logged"]?.intValue ?? -1, notLogged = totals["not_logged"]?.intValue ?? -1
            #expect(notLogged >= 1 && logged + notLogged + (totals["unknown"]?.intValue ?? 0) == 6, "\(first)")
            #expect(first["note"]?.stringValue?.contains("Stopped at #") == true, "\(first)")
            harness.sandbox.clearFaults()
            let again = try await harness.call("create_time_entries", ["entries": .array(entries)]).content()
            #expect(again["totals"]?["not_logged"] == 0 && again["totals"]?["unknown"] == 0, "\(again)")
            #expect(harness.sandbox.snapshot().timeEntries.count == before + 6, "each of the six once")
        }
    }

    @Test func atTheSmallestBudgetAPreviewAndABatchKeepTheirNoteAndEveryEntry() async throws {
        try await withHarness(token: Fixture.Token.owner, arguments: ["--max-result-tokens", "1000"]) { harness in
            let start = day(harness.sandbox.today, plus: 100)
            let notes = String(repeating: "Long notes that say what was done, and then some more. ", count: 3)
            let entries: [JSON] = (0..<60).map { offset in
                ["project": "Acme Website", "task": "Design", "spent_date": .string(day(start, plus: offset)), "hours": 1,
                 "notes": .string("\(offset): \(notes)")]
            }
            let preview = try await harness.call("create_time_entries", ["entries": .array(entries), "dry_run": true]).content()
            #expect(preview["truncated"] == nil, "sized by itself, not cut: \(preview)")
            #expect(preview["note"]?.stringValue?.hasPrefix("Nothing was logged.") == true, "\(preview)")
            #expect(preview["totals"]?["would_log"] == 60)
            // Every entry is accounted for: listed, or among the `fine` ones.
            let listed = preview["entries"]?.arrayValue?.compactMap { $0["n"]?.intValue } ?? []
            #expect(listed.isEmpty && preview["fine"] == "#1–#60", "\(preview)")

            let before = Set(harness.sandbox.snapshot().timeEntries.rows.map(\.id))
            let logged = try await harness.call("create_time_entries", ["entries": .array(entries)]).content()
            let created = harness.sandbox.snapshot().timeEntries.rows.map(\.id).filter { !before.contains($0) }.sorted()
            #expect(logged["truncated"] == nil && created.count == 60, "\(logged)")
            #expect(logged["totals"]?["logged"] == 60)
            // Which entries were logged, and as what: "#1–#60 logged as 12101–12160".
            let lines = logged["results"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let ids = lines.flatMap { line -> [Int] in
                guard let range = line.components(separatedBy: " logged as ").last, line.contains(" logged as ") else { return [] }
                return range.components(separatedBy: ", ").flatMap { part -> [Int] in
                    let bounds = part.components(separatedBy: "–").compactMap { Int($0) }
                    return bounds.count == 2 ? Array(bounds[0]...bounds[1]) : bounds
                }
            }
            #expect(lines.first?.hasPrefix("#1–#60 logged as ") == true && ids == created, "\(lines) \(created)")
            #expect(logged["note"]?.stringValue?.contains("To fit the result budget") == true, "\(logged)")
        }
    }

    // MARK: The arithmetic, written out

    struct Expected {
        var logged = 0, expected = 0, gap = 0
        var short: [String: Int] = [:]
        var weekend = 0
    }

    /// Each active person's days from `from` to `to`, from the API's own users and entries:
    /// a working day (Monday to Friday) expects a fifth of the weekly capacity, to the hundredth.
    static func expectedRows(_ api: SandboxAPI, from: String, to: String) async throws -> [Int: Expected] {
        let users = try await api.send("GET", "/users?is_active=true&per_page=2000").json?["users"]?.arrayValue ?? []
        var logged: [Int: [String: Int]] = [:]
        var page = 1
        while true {
            let answer = try await api.send("GET", "/time_entries?from=\(from)&to=\(to)&per_page=2000&page=\(page)").json
            for entry in answer?["time_entries"]?.arrayValue ?? [] {
                guard let user = entry["user"]?["id"]?.intValue, let date = entry["spent_date"]?.stringValue,
                      let hours = hundredths(entry["hours"]) else { continue }
                logged[user, default: [:]][date, default: 0] += hours
            }
            guard let next = answer?["next_page"]?.intValue else { break }
            page = next
        }
        var rows: [Int: Expected] = [:]
        for user in users {
            guard let id = user["id"]?.intValue, let capacity = hundredths(user["weekly_capacity_hours"]) else { continue }
            let perDay = (capacity * 2 + 5) / 10
            var row = Expected()
            var date = from
            while date <= to {
                let hours = logged[id]?[date] ?? 0
                row.logged += hours
                if isWeekday(date) {
                    row.expected += perDay
                    if hours < perDay {
                        row.gap += perDay - hours
                        row.short[date] = hours
                    }
                } else {
                    row.weekend += hours
                }
                date = day(date, plus: 1)
            }
            rows[id] = row
        }
        return rows
    }

    static func expect(_ person: JSON, equals row: Expected, _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(hundredths(person["logged"]) == row.logged, "\(comment) logged: \(person)", sourceLocation: sourceLocation)
        #expect(hundredths(person["expected"]) == row.expected, "\(comment) expected: \(person)", sourceLocation: sourceLocation)
        #expect(hundredths(person["gap"]) == row.gap, "\(comment) gap: \(person)", sourceLocation: sourceLocation)
        var short: [String: Int] = [:]
        for (key, hours) in person["short_days"]?.objectValue ?? [:] {
            // "FROM to TO": the working days in between, each with nothing logged.
            let bounds = key.components(separatedBy: " to ")
            guard bounds.count == 2 else {
                short[key] = hundredths(hours)
                continue
            }
            #expect(hundredths(hours) == 0, "a range is of days with nothing logged", sourceLocation: sourceLocation)
            var date = bounds[0]
            while date <= bounds[1] {
                if isWeekday(date) { short[date] = 0 }
                date = day(date, plus: 1)
            }
        }
        #expect(short == row.short, "\(comment) short days: \(person)", sourceLocation: sourceLocation)
        #expect(hundredths(person["weekend_hours"]) ?? 0 == row.weekend, "\(comment) weekend: \(person)", sourceLocation: sourceLocation)
    }

    static func isWeekday(_ date: String) -> Bool {
        let weekday = weekdayNumber(date)
        return weekday != 1 && weekday != 7
    }

    /// Foundation's weekday (1 Sunday … 7 Saturday) of a `YYYY-MM-DD` day.
    static func weekdayNumber(_ date: String) -> Int {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return formatter.date(from: date).map { calendar.component(.weekday, from: $0) } ?? 0
    }

    /// The Monday of the week `date` is in (the sandbox's weeks start on Monday).
    static func weekStart(_ date: String) -> String {
        day(date, plus: -((weekdayNumber(date) + 5) % 7))
    }
}
