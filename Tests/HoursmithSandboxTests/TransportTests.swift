import Foundation
import HoursmithSandbox
import JSONCore
import ConcurrencyHelpers
import Testing

@Suite("Sandbox HTTP transport")
struct TransportTests {
    @Test func keepAliveServesSequentialRequestsOnOneConnection() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let connection = try RawConnection(port: sandbox.port)
        for id in [1, 2, 3] {
            connection.send(api.requestText("GET", "/clients/\(id)", close: false))
            let response = try #require(connection.readResponse())
            #expect(response.status == 200)
            #expect(response.json["id"]?.intValue == id)
            #expect(response.headers["connection"] == nil)
        }
        #expect(sandbox.requests().map(\.path) == ["/clients/1", "/clients/2", "/clients/3"])
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let connection = try RawConnection(port: sandbox.port)
        connection.send(api.requestText("GET", "/projects/2", close: false) + api.requestText("GET", "/projects/1", close: false))
        let first = try #require(connection.readResponse())
        let second = try #require(connection.readResponse())
        #expect(first.json["name"]?.stringValue == "Acme Mobile App")
        #expect(second.json["name"]?.stringValue == "Acme Website")
    }

    @Test func connectionCloseIsHonoured() throws {
        let sandbox = try makeSandbox()
        let connection = try RawConnection(port: sandbox.port)
        connection.send(API(sandbox).requestText("GET", "/me", close: true))
        let response = try #require(connection.readResponse())
        #expect(response.status == 200)
        #expect(response.headers["connection"] == "close")
        #expect(connection.isClosedByPeer())
    }

    @Test func headerNamesAreCaseInsensitive() throws {
        let sandbox = try makeSandbox()
        let connection = try RawConnection(port: sandbox.port)
        let body = #"{"name":"Case Co"}"#
        connection.send("POST /api/v1/clients HTTP/1.1\r\nuser-agent: t/1\r\nAUTHORIZATION: bearer \(Fixture.Token.owner)\r\n"
            + "CONTENT-type: application/json\r\ncontent-LENGTH: \(body.utf8.count)\r\n\r\n\(body)")
        let response = try #require(connection.readResponse())
        #expect(response.status == 201)
        #expect(response.json["name"]?.stringValue == "Case Co")
    }

    @Test func garbageGets400AndTheServerLivesOn() throws {
        let sandbox = try makeSandbox()
        let connection = try RawConnection(port: sandbox.port)
        connection.send([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03])
        let response = try #require(connection.readResponse())
        #expect(response.status == 400)
        #expect(response.errorCode == "bad_request")
        #expect(connection.isClosedByPeer())
        #expect(API(sandbox).get("/me").status == 200)
        #expect(sandbox.requests().first?.status == 400)
    }

    @Test(arguments: [
        "GET\r\n\r\n",
        "GET /api/v1/me\r\n\r\n",
        "GET /api/v1/me HTTP/9.9\r\n\r\n",
        "GET api/v1/me HTTP/1.1\r\n\r\n",
        "GET /api/v1/me HTTP/1.1\r\nno colon here\r\n\r\n",
        "GET /api/v1/me HTTP/1.1\r\nContent-Length: ten\r\n\r\n",
    ])
    func malformedRequestsGet400(_ text: String) throws {
        let sandbox = try makeSandbox()
        let connection = try RawConnection(port: sandbox.port)
        connection.send(text)
        let response = try #require(connection.readResponse())
        #expect(response.status == 400)
        #expect(response.errorCode == "bad_request")
        #expect(API(sandbox).get("/me").status == 200)
    }

    @Test func chunkedRequestBodiesAreRefusedWith411() throws {
        let sandbox = try makeSandbox()
        let connection = try RawConnection(port: sandbox.port)
        connection.send("POST /api/v1/clients HTTP/1.1\r\nUser-Agent: t/1\r\nAuthorization: Bearer \(Fixture.Token.owner)\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n")
        let response = try #require(connection.readResponse())
        #expect(response.status == 411)
        #expect(response.errorCode == "bad_request")
        #expect(sandbox.snapshot().clients.count == 6)
    }

    @Test func expectContinueGetsAnInterimAnswer() throws {
        let sandbox = try makeSandbox()
        let connection = try RawConnection(port: sandbox.port)
        let body = Array(#"{"name":"Later Inc"}"#.utf8)
        var head = API(sandbox).requestText("POST", "/clients", body: body, headers: ["Expect": "100-continue"])
        head.removeLast(body.count)
        connection.send(head)
        let interim = try #require(connection.readResponse(skippingInformational: false))
        #expect(interim.status == 100)
        connection.send(body)
        let response = try #require(connection.readResponse())
        #expect(response.status == 201)
    }

    @Test func aMissingUserAgentIs400() throws {
        let sandbox = try makeSandbox()
        var api = API(sandbox)
        api.userAgent = nil
        let response = api.get("/me")
        #expect(response.status == 400)
        #expect(response.errorCode == "bad_request")
        #expect(response.json["message"]?.stringValue?.contains("User-Agent") == true)
    }

    @Test func badBodiesAre400() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        let malformed = api.send("POST", "/clients", raw: Array(#"{"name": "#.utf8))
        #expect(malformed.status == 400)
        #expect(malformed.errorCode == "bad_request")
        let array = api.send("POST", "/clients", raw: Array("[1,2]".utf8))
        #expect(array.status == 400)
        let form = api.send("POST", "/clients", raw: Array("name=x".utf8), headers: ["Content-Type": "application/x-www-form-urlencoded"])
        #expect(form.status == 400)
        #expect(sandbox.snapshot().clients.count == 6)
    }

    @Test func unknownPathsAre404AndWrongMethods405() throws {
        let sandbox = try makeSandbox()
        let api = API(sandbox)
        for path in ["/nothing", "/clients/1/extra", "/clients/abc", "/clients/0", "/clients/", "/reports/money"] {
            let response = api.get(path)
            #expect(response.status == 404, "\(path)")
            #expect(response.errorCode == "not_found", "\(path)")
        }
        let outside = api.send("GET", "/../../other")
        #expect(outside.status == 404)
        let put = api.send("PUT", "/clients/1", raw: Array("{}".utf8))
        #expect(put.status == 405)
        #expect(put.errorCode == "method_not_allowed")
        #expect(put.headers["allow"] == "GET, PATCH, DELETE")
        let deleteProject = api.delete("/projects/1")
        #expect(deleteProject.status == 405)
        #expect(api.get("/projects/1/archive").status == 405)
        #expect(api.delete("/invoices/1").status == 405)
    }

    @Test func errorBodiesHaveCodeAndMessage() throws {
        let sandbox = try makeSandbox()
        let response = API(sandbox).get("/clients/999")
        #expect(response.status == 404)
        #expect(response.headers["content-type"]?.hasPrefix("application/json") == true)
        let object = try #require(response.json.objectValue)
        #expect(Set(object.keys) == ["error", "message"])
        #expect(object["message"]?.stringValue?.isEmpty == false)
    }

    @Test func shutdownClosesThePortAndIsIdempotent() throws {
        let sandbox = try makeSandbox()
        let port = sandbox.port
        let idle = try RawConnection(port: port)
        sandbox.shutdown()
        sandbox.shutdown()
        #expect(idle.isClosedByPeer())
        #expect(throws: RawConnection.Failure.self) { try RawConnection(port: port) }
    }

    @Test func sandboxesServeConcurrently() throws {
        let sandbox = try makeSandbox()
        let statuses = Locked([Int]())
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let status = API(sandbox).get("/time_entries?per_page=50&page=\(index + 1)").status
            statuses.withLock { $0.append(status) }
        }
        #expect(statuses.withLock { $0 } == Array(repeating: 200, count: 16))
    }

    @Test func baseURLNamesTheLoopbackPort() throws {
        let sandbox = try makeSandbox()
        #expect(sandbox.baseURL == "http://127.0.0.1:\(sandbox.port)/api/v1")
        #expect(sandbox.port != 0)
    }
}
