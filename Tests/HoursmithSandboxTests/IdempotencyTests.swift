import HoursmithSandbox
import JSONCore
import Testing

@Suite("Sandbox idempotency keys")
struct IdempotencyTests {
    static let entry: JSON = ["project_id": 1, "task_id": 2, "spent_date": "2026-03-02", "hours": 1.5]

    @Test func theSameKeyAndBodyReturnTheFirstAnswerAndCreateNothingNew() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let before = sandbox.snapshot().timeEntries.count
        let first = api.post("/time_entries", Self.entry, headers: ["Idempotency-Key": "key-1"])
        let second = api.post("/time_entries", Self.entry, headers: ["Idempotency-Key": "key-1"])
        #expect(first.status == 201)
        #expect(second.status == 201)
        #expect(second.body == first.body)
        #expect(sandbox.snapshot().timeEntries.count == before + 1)
        // Members in another order are the same body.
        let reordered: JSON = ["hours": 1.5, "spent_date": "2026-03-02", "task_id": 2, "project_id": 1]
        #expect(api.post("/time_entries", reordered, headers: ["Idempotency-Key": "key-1"]).body == first.body)
        #expect(sandbox.snapshot().timeEntries.count == before + 1)
    }

    @Test func aReusedKeyWithAnotherRequestIs422() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        #expect(api.post("/time_entries", Self.entry, headers: ["Idempotency-Key": "k"]).status == 201)
        let body = api.post("/time_entries", ["project_id": 1, "task_id": 2, "spent_date": "2026-03-02", "hours": 2],
                            headers: ["Idempotency-Key": "k"])
        #expect(body.status == 422)
        #expect(body.errorCode == "idempotency_key_reused")
        let path = api.post("/clients", ["name": "Other"], headers: ["Idempotency-Key": "k"])
        #expect(path.errorCode == "idempotency_key_reused")
        #expect(sandbox.snapshot().clients.count == 6)
    }

    @Test func keysAreScopedToTheToken() throws {
        let sandbox = try makeSandbox()
        let owner = API(sandbox).post("/clients", ["name": "Scoped"], headers: ["Idempotency-Key": "same"])
        let admin = API(sandbox, token: Fixture.Token.admin).post("/clients", ["name": "Scoped 2"], headers: ["Idempotency-Key": "same"])
        #expect(owner.status == 201)
        #expect(admin.status == 201)
        #expect(owner.json["id"] != admin.json["id"])
    }

    @Test func aFailedRequestIsNotRemembered() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let failed = api.post("/time_entries", ["project_id": 1], headers: ["Idempotency-Key": "retry-me"])
        #expect(failed.status == 422)
        let fixed = api.post("/time_entries", Self.entry, headers: ["Idempotency-Key": "retry-me"])
        #expect(fixed.status == 201)
        sandbox.inject(.status(503), path: "/clients")
        #expect(api.post("/clients", ["name": "Unlucky"], headers: ["Idempotency-Key": "five-oh-three"]).status == 503)
        #expect(api.post("/clients", ["name": "Unlucky"], headers: ["Idempotency-Key": "five-oh-three"]).status == 201)
    }

    @Test func aRequestProcessedBeforeAFailureIsReplayedNotRedone() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let before = sandbox.snapshot().timeEntries.count
        sandbox.inject(.failAfterProcessing(500), method: "POST", path: "/time_entries")
        #expect(api.post("/time_entries", Self.entry, headers: ["Idempotency-Key": "flaky"]).status == 500)
        let retry = api.post("/time_entries", Self.entry, headers: ["Idempotency-Key": "flaky"])
        #expect(retry.status == 201)
        #expect(sandbox.snapshot().timeEntries.count == before + 1)
        sandbox.inject(.dropConnection(afterProcessing: true), method: "POST", path: "/clients")
        #expect(api.post("/clients", ["name": "Dropped"], headers: ["Idempotency-Key": "drop"]).status == 0)
        #expect(api.post("/clients", ["name": "Dropped"], headers: ["Idempotency-Key": "drop"]).status == 201)
        #expect(sandbox.snapshot().clients.values.filter { $0.name == "Dropped" }.count == 1)
    }

    @Test func withoutAKeyEveryPostCreates() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let before = sandbox.snapshot().timeEntries.count
        _ = api.post("/time_entries", Self.entry)
        _ = api.post("/time_entries", Self.entry)
        #expect(sandbox.snapshot().timeEntries.count == before + 2)
    }

    @Test func malformedKeysAre400() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let long = api.post("/clients", ["name": "Long"], headers: ["Idempotency-Key": String(repeating: "k", count: 256)])
        #expect(long.status == 400)
        #expect(long.errorCode == "bad_request")
        #expect(api.post("/clients", ["name": "Max"], headers: ["Idempotency-Key": String(repeating: "k", count: 255)]).status == 201)
    }
}
