import HoursmithSandbox
import JSONCore
import Testing

@Suite("Sandbox pagination and ordering")
struct PaginationTests {
    @Test func firstPageHasTheDefaultsAndAbsoluteLinks() throws {
        let sandbox = try makeSandbox()
        let total = sandbox.snapshot().timeEntries.rows.filter { $0.workspaceID == Fixture.Workspace.main }.count
        let page = API(sandbox).get("/time_entries").json
        #expect(page["time_entries"]?.arrayValue?.count == 100)
        #expect(page["page"]?.intValue == 1)
        #expect(page["per_page"]?.intValue == 100)
        #expect(page["total_entries"]?.intValue == total)
        #expect(page["total_pages"]?.intValue == (total + 99) / 100)
        #expect(page["next_page"]?.intValue == 2)
        #expect(page["previous_page"]?.isNull == true)
        let base = "http://127.0.0.1:\(sandbox.port)/api/v1/time_entries"
        #expect(page["links"]?["first"]?.stringValue == "\(base)?page=1&per_page=100")
        #expect(page["links"]?["next"]?.stringValue == "\(base)?page=2&per_page=100")
        #expect(page["links"]?["previous"]?.isNull == true)
        #expect(page["links"]?["last"]?.stringValue == "\(base)?page=\((total + 99) / 100)&per_page=100")
    }

    @Test func lastAndBeyondLastPages() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let total = try #require(api.get("/time_entries?per_page=1").json["total_entries"]?.intValue)
        let pages = (total + 999) / 1000
        let last = api.get("/time_entries?per_page=1000&page=\(pages)").json
        #expect(last["time_entries"]?.arrayValue?.count == total - (pages - 1) * 1000)
        #expect(last["next_page"]?.isNull == true)
        #expect(last["links"]?["next"]?.isNull == true)
        #expect(last["previous_page"]?.intValue == pages - 1)
        let beyond = api.get("/time_entries?per_page=1000&page=\(pages + 5)").json
        #expect(beyond["time_entries"]?.arrayValue?.isEmpty == true)
        #expect(beyond["next_page"]?.isNull == true)
        #expect(beyond["total_entries"]?.intValue == total)
    }

    @Test func anEmptyListHasOnePage() throws {
        let sandbox = try makeSandbox()
        let page = API(sandbox).get("/time_entries?from=2001-01-01&to=2001-01-31").json
        #expect(page["time_entries"]?.arrayValue?.isEmpty == true)
        #expect(page["total_entries"]?.intValue == 0)
        #expect(page["total_pages"]?.intValue == 1)
        #expect(page["next_page"]?.isNull == true)
        #expect(page["previous_page"]?.isNull == true)
    }

    @Test func linksKeepTheFilters() throws {
        let sandbox = try makeSandbox()
        let page = API(sandbox).get("/time_entries?project_id=1&per_page=50&page=2&notes=a%20b").json
        let next = try #require(page["links"]?["next"]?.stringValue)
        #expect(next.hasPrefix("http://127.0.0.1:\(sandbox.port)/api/v1/time_entries?page=3&per_page=50"))
        #expect(next.contains("project_id=1"))
        #expect(next.contains("notes=a%20b"))
        let previous = try #require(page["links"]?["previous"]?.stringValue)
        #expect(previous.contains("page=1&") && previous.contains("project_id=1"))
    }

    @Test(arguments: ["page=0", "page=-1", "page=x", "per_page=0", "per_page=2001", "per_page=5000", "per_page=1.5"])
    func outOfRangePagingIs422(_ query: String) throws {
        let sandbox = try makeSandbox()
        let response = API(sandbox).get("/clients?\(query)")
        #expect(response.status == 422)
        #expect(response.errorCode == "validation_failed")
        #expect(response.errorFields == [String(query.prefix { $0 != "=" })])
    }

    @Test func walkingEveryPageYieldsEachEntryOnceNewestFirst() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        var seen: [(date: String, id: Int)] = []
        var page = 1
        while true {
            let answer = api.get("/time_entries?per_page=2000&page=\(page)").json
            for entry in answer["time_entries"]?.arrayValue ?? [] {
                seen.append((entry["spent_date"]?.stringValue ?? "", entry["id"]?.intValue ?? 0))
            }
            guard let next = answer["next_page"]?.intValue else { break }
            page = next
        }
        let total = sandbox.snapshot().timeEntries.rows.filter { $0.workspaceID == Fixture.Workspace.main }.count
        #expect(total >= 10_000)
        #expect(seen.count == total)
        #expect(Set(seen.map(\.id)).count == total)
        let ordered = zip(seen, seen.dropFirst()).allSatisfy { $0.date > $1.date || ($0.date == $1.date && $0.id > $1.id) }
        #expect(ordered)
    }

    @Test func listsAreOrderedAsTheContractSays() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let users = api.get("/users").json["users"]?.arrayValue ?? []
        #expect(users.compactMap { $0["first_name"]?.stringValue } == ["Arjun", "Lena", "Maria", "Olivia", "Sam", "Tom"])
        let tasks = api.get("/tasks").json["tasks"]?.arrayValue ?? []
        let names = tasks.compactMap { $0["name"]?.stringValue }
        #expect(names == names.sorted())
        let expenses = api.get("/expenses?per_page=300").json["expenses"]?.arrayValue ?? []
        let keys = expenses.map { ($0["spent_date"]?.stringValue ?? "", $0["id"]?.intValue ?? 0) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 > $1.1) })
        #expect(ids(api.get("/users?is_active=false"), "users") == [Fixture.User.inactive])
    }
}
