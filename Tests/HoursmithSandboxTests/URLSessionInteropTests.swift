import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HoursmithSandbox
import JSONCore
import Testing

/// The sandbox as the client will meet it: through URLSession (libcurl on Linux).
@Suite("Sandbox with URLSession")
struct URLSessionInteropTests {
    /// One request, waited for.
    private func send(_ session: URLSession, _ method: String, _ url: String, body: JSON? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        request.setValue("Bearer \(Fixture.Token.owner)", forHTTPHeaderField: "Authorization")
        request.setValue("sandbox-tests/1.0", forHTTPHeaderField: "User-Agent")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            request.httpBody = Data(body.serialized())
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test func everyKindOfAnswerReadsCleanly() async throws {
        let sandbox = try makeSandbox()
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        let base = sandbox.baseURL
        let (pageStatus, page) = try await send(session, "GET", "\(base)/time_entries?per_page=2000")
        #expect(pageStatus == 200)
        #expect(try JSON.parse(Array(page))["time_entries"]?.arrayValue?.count == 2000)
        let (created, client) = try await send(session, "POST", "\(base)/clients", body: ["name": "Via URLSession"])
        #expect(created == 201)
        let id = try #require(try JSON.parse(Array(client))["id"]?.intValue)
        let (deleted, empty) = try await send(session, "DELETE", "\(base)/clients/\(id)")
        #expect(deleted == 204)
        #expect(empty.isEmpty)
        let (invalid, problem) = try await send(session, "POST", "\(base)/clients", body: ["name": 5])
        #expect(invalid == 422)
        #expect(try JSON.parse(Array(problem))["errors"]?["name"] != nil)
        let (me, _) = try await send(session, "GET", "\(base)/me")
        #expect(me == 200)
        #expect(sandbox.requests().map(\.status) == [200, 201, 204, 422, 200])
    }
}
