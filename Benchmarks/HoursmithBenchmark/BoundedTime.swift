import Foundation
import HoursmithSandbox
import JSONCore

/// Bounded time (`--bounded`): how long calls take against an API that never answers, drips, asks
/// for a long `Retry-After` or hangs on `GET /me`, with the server's call time limit at `limit`
/// seconds; and a healthy call's latency alone and while 16 calls hang.
func measureBoundedTime(
    limit: Int, serverPath: String, sandbox: Sandbox, environment: [String: String], into results: inout Results
) throws {
    var environment = environment
    environment["HOURSMITH_CALL_TIMEOUT"] = String(limit)
    let limitMilliseconds = Double(limit) * 1000
    let server = try ServerProcess(executable: serverPath, environment: environment)
    var nextID = 0
    func call(_ process: ServerProcess, _ tool: String, _ arguments: String = "{}") throws -> Double {
        nextID += 1
        let started = ContinuousClock.now
        process.write(Requests.call(nextID, tool, arguments))
        _ = try process.response(id: nextID)
        return milliseconds(since: started)
    }
    _ = try call(server, "get_client", #"{"client_id":5}"#) // warm: /me and a connection

    let never = SandboxGate() // opened only when the sandbox shuts down
    sandbox.inject(.hold(never), times: 3, method: "GET", path: "/clients")
    let hung = try call(server, "list_clients")
    results.add("call to an API that never answers (limit \(limit) s)", hung, "ms",
                target: "≤ \(limit) s", met: hung <= limitMilliseconds)
    sandbox.inject(.drip(everyMilliseconds: 100), times: 3, method: "GET", path: "/projects")
    let dripped = try call(server, "list_projects")
    results.add("call to an API that drips a byte per 100 ms", dripped, "ms", target: "≤ \(limit) s", met: dripped <= limitMilliseconds)
    sandbox.inject(.rateLimited(retryAfter: 3 * limit), method: "GET", path: "/users")
    let rateLimited = try call(server, "list_users")
    results.add("call answered 429 with a Retry-After past the limit", rateLimited, "ms", target: "at once")

    // A healthy call alone, then while 16 calls hang on one endpoint.
    var alone = Sample()
    for _ in 0..<20 { alone.add(try call(server, "get_client", #"{"client_id":5}"#)) }
    let held = SandboxGate()
    sandbox.inject(.hold(held), times: 16, method: "GET", path: "/tasks")
    for _ in 0..<16 {
        nextID += 1
        server.write(Requests.call(nextID, "list_tasks", "{}"))
    }
    let heldUntil = ContinuousClock.now + .seconds(30)
    while sandbox.requests().filter({ $0.method == "GET" && $0.path == "/tasks" }).count < 16, ContinuousClock.now < heldUntil {
        Thread.sleep(forTimeInterval: 0.01)
    }
    var beside = Sample()
    for _ in 0..<20 {
        nextID += 1
        let id = nextID
        let started = ContinuousClock.now
        server.write(Requests.call(id, "get_client", #"{"client_id":5}"#))
        // Skips the replies of the hung calls, should any come.
        while let line = server.readLine() {
            if try JSON.parse(line)["id"]?.intValue == id { break }
        }
        beside.add(milliseconds(since: started))
    }
    held.open()
    results.add("healthy call alone, p50", alone.median, "ms")
    results.add("healthy call while 16 calls hang, p50", beside.median, "ms")
    results.add("healthy call while 16 calls hang, max", beside.percentile(100), "ms", target: "< 1 s", met: beside.percentile(100) < 1000)
    server.closeInput()
    _ = server.wait()

    // A GET /me that never answers, from start-up on.
    sandbox.inject(.hold(never), times: 20, method: "GET", path: "/me")
    let fresh = try ServerProcess(executable: serverPath, environment: environment)
    let first = try call(fresh, "get_client", #"{"client_id":5}"#)
    let second = try call(fresh, "get_client", #"{"client_id":5}"#)
    results.add("first call while GET /me hangs", first, "ms", target: "≤ \(limit) s", met: first <= limitMilliseconds)
    results.add("second call while GET /me hangs", second, "ms", target: "≤ \(limit) s", met: second <= limitMilliseconds)
    sandbox.clearFaults()
    fresh.closeInput()
    _ = fresh.wait()
}
