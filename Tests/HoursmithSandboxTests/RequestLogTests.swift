import HoursmithSandbox
import JSONCore
import Testing

@Suite("Sandbox request log")
struct RequestLogTests {
    @Test func everyRequestIsLoggedInOrderWithItsStatus() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        _ = api.get("/time_entries?project_id=1&notes=a%20b+c")
        _ = api.post("/clients", ["name": "Logged"], headers: ["Idempotency-Key": "abc"])
        _ = api.get("/nowhere")
        let log = sandbox.requests()
        #expect(log.map(\.method) == ["GET", "POST", "GET"])
        #expect(log.map(\.path) == ["/time_entries", "/clients", "/nowhere"])
        #expect(log.map(\.status) == [200, 201, 404])
        #expect(log[0].query == ["project_id": "1", "notes": "a b c"])
        #expect(log[1].headers["idempotency-key"] == "abc")
        #expect(log[1].headers["authorization"] == "Bearer \(Fixture.Token.owner)")
        #expect(log[1].headers["user-agent"] == "sandbox-tests/1.0")
        #expect(try JSON.parse(log[1].body) == ["name": "Logged"])
        sandbox.clearRequests()
        #expect(sandbox.requests().isEmpty)
        _ = api.get("/me")
        #expect(sandbox.requests().count == 1)
    }

    @Test func malformedAndForeignRequestsAreLoggedToo() throws {
        let sandbox = try makeSandbox()
        let connection = try RawConnection(port: sandbox.port)
        connection.send("NOT HTTP AT ALL\r\n\r\n")
        _ = connection.readResponse()
        let other = try RawConnection(port: sandbox.port)
        other.send("GET /favicon.ico HTTP/1.1\r\nUser-Agent: t\r\nConnection: close\r\n\r\n")
        _ = other.readResponse()
        let log = sandbox.requests()
        #expect(log.count == 2)
        #expect(log[0].status == 400)
        #expect(log[1].path == "/favicon.ico")
        #expect(log[1].status == 401)
    }
}
