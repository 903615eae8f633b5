import Foundation
import HoursmithSandbox
import JSONCore
import Testing

@Suite("Sandbox fault injection")
struct FaultTests {
    private func clients(_ sandbox: Sandbox) -> Int { sandbox.snapshot().clients.count }

    @Test func delayThenServe() throws {
        let sandbox = try makeSandbox()
        sandbox.inject(.delay(milliseconds: 200))
        let start = Date()
        #expect(API(sandbox).get("/me").status == 200)
        #expect(Date().timeIntervalSince(start) >= 0.19)
    }

    @Test func statusAnswersWithoutProcessing() throws {
        let sandbox = try makeSandbox()
        sandbox.inject(.status(503), method: "POST", path: "/clients")
        let response = API(sandbox).post("/clients", ["name": "Never"])
        #expect(response.status == 503)
        #expect(response.errorCode == "server_error")
        #expect(clients(sandbox) == 6)
    }

    @Test func failAfterProcessingCreatesThenFails() throws {
        let sandbox = try makeSandbox()
        sandbox.inject(.failAfterProcessing(502), path: "/clients")
        let response = API(sandbox).post("/clients", ["name": "Half Done"])
        #expect(response.status == 502)
        #expect(clients(sandbox) == 7)
    }

    @Test(arguments: [false, true])
    func dropConnectionClosesWithoutAnAnswer(_ afterProcessing: Bool) throws {
        let sandbox = try makeSandbox()
        sandbox.inject(.dropConnection(afterProcessing: afterProcessing))
        let connection = try RawConnection(port: sandbox.port)
        connection.send(API(sandbox).requestText("POST", "/clients", body: Array(#"{"name":"Dropped"}"#.utf8)))
        #expect(connection.readResponse() == nil)
        #expect(clients(sandbox) == (afterProcessing ? 7 : 6))
        #expect(sandbox.requests().last?.status == 0)
    }

    @Test func truncatedBodyDeclaresMoreThanItSends() throws {
        let sandbox = try makeSandbox()
        sandbox.inject(.truncatedBody, path: "/clients")
        let response = API(sandbox).post("/clients", ["name": "Cut Short"])
        #expect(response.isTruncated)
        #expect(Int(response.headers["content-length"] ?? "") ?? 0 > response.body.count)
        #expect(clients(sandbox) == 7)
    }

    @Test func nonJSONBodyIsHTML() throws {
        let sandbox = try makeSandbox()
        sandbox.inject(.nonJSONBody)
        let response = API(sandbox).get("/me")
        #expect(response.status == 200)
        #expect(response.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(response.json == .null)
        #expect(response.text.contains("<html>"))
    }

    @Test func redirectAnswersWithoutProcessing() throws {
        let sandbox = try makeSandbox()
        sandbox.inject(.redirect(location: "http://127.0.0.1:9/api/v1/clients", status: 307), path: "/clients")
        let response = API(sandbox).post("/clients", ["name": "Moved"])
        #expect(response.status == 307)
        #expect(response.headers["location"] == "http://127.0.0.1:9/api/v1/clients")
        #expect(clients(sandbox) == 6)
        sandbox.inject(.redirect(location: "/elsewhere"))
        #expect(API(sandbox).get("/me").status == 302)
    }

    @Test func rateLimitedCarriesRetryAfter() throws {
        let sandbox = try makeSandbox()
        sandbox.inject(.rateLimited(retryAfter: 7))
        let response = API(sandbox).get("/me")
        #expect(response.status == 429)
        #expect(response.errorCode == "rate_limited")
        #expect(response.headers["retry-after"] == "7")
    }

    @Test func faultsMatchMethodAndPathAndRunOut() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        sandbox.inject(.status(500), times: 2, method: "POST", path: "/clients")
        #expect(api.get("/clients").status == 200)
        #expect(api.post("/time_entries", IdempotencyTests.entry).status == 201)
        #expect(api.post("/clients", ["name": "A"]).status == 500)
        #expect(api.post("/clients", ["name": "A"]).status == 500)
        #expect(api.post("/clients", ["name": "A"]).status == 201)
        sandbox.inject(.status(500), path: "/time_entries")
        #expect(api.get("/time_entries_extra").status == 404, "a path prefix matches at a / boundary only")
        #expect(api.post("/time_entries/1/stop").status == 500)
        sandbox.inject(.status(500), times: 5)
        sandbox.clearFaults()
        #expect(api.get("/me").status == 200)
    }

    @Test func faultedRequestsAreLogged() throws {
        let sandbox = try makeSandbox()
        sandbox.inject(.status(504))
        _ = API(sandbox).get("/me")
        let logged = try #require(sandbox.requests().last)
        #expect(logged.path == "/me")
        #expect(logged.status == 504)
    }
}
