import Foundation
import HoursmithSandbox
import JSONCore

/// `get_time_report` totalling 12,005 entries itself (a filter `/reports/time` can't answer), as a
/// client sees it: the walk over every matching page, without a list to write.
struct Walks {
    var sample = Sample()
    var entries = 0
    var requests = 0
    var replyBytes = 0

    /// The walk's figures beside the floors, and their ratio (the target).
    func add(_ floors: Floors, to results: inout Results) {
        results.add("summary of 12,005 entries (get_time_report, walked): wall time, median", sample.median, "ms")
        results.add("  entries totalled", Double(entries), "")
        results.add("  reply size", Double(replyBytes), "bytes")
        results.add("  HTTP requests", Double(requests), "")
        results.add("  floor: curl, the same 7 pages", floors.curl.median, "ms")
        results.add("  floor: URLSession, 4 at a time, no decoding", floors.session.median, "ms")
        let ratio = sample.median / floors.curl.median
        results.add("  ratio to the curl floor (the raw fetch)", ratio, "×", target: "≤ 1.5×", met: ratio <= 1.5)
        results.add("  ratio to the URLSession floor", sample.median / floors.session.median, "×")
    }
}

/// The raw-HTTP floor of the walk: the same five pages, fetched without decoding.
struct Floors {
    var curl = Sample()
    var session = Sample()
}

let walkArguments = #"{"is_running":false,"group_by":"project"}"#
private let walkPages = (1...7).map { "/time_entries?is_running=false&page=\($0)&per_page=2000" }

/// Runs the walk `count` times, each timed from writing the request to the last byte of the reply.
@MainActor
func measureWalks(_ count: Int, server: ServerProcess, sandbox: Sandbox, nextID: inout Int) throws -> Walks {
    var walks = Walks()
    for _ in 0..<count {
        sandbox.clearRequests()
        nextID += 1
        let started = ContinuousClock.now
        server.write(Requests.call(nextID, "get_time_report", walkArguments))
        // Timed to the last byte of the reply; checked (parsed) afterwards.
        guard let line = server.readLine() else { throw BenchError("no reply to the walk") }
        walks.sample.add(milliseconds(since: started))
        let reply = try JSON.parse(line)
        walks.entries = reply["result"]?["structuredContent"]?["report"]?["totals"]?["entries"]?.intValue ?? 0
        walks.requests = sandbox.requests().count
        walks.replyBytes = line.count
    }
    return walks
}

/// Fetches the walk's pages `count` times with curl (one process, one connection) and with
/// URLSession (four at a time).
func measureFloors(_ count: Int, sandbox: Sandbox) throws -> Floors {
    let floor = RawHTTP(baseURL: sandbox.baseURL, token: Fixture.Token.owner)
    var floors = Floors()
    for _ in 0..<count {
        floors.curl.add(try RawHTTP.curl(baseURL: sandbox.baseURL, token: Fixture.Token.owner, paths: walkPages))
        floors.session.add(try floor.concurrently(walkPages, width: 4))
    }
    return floors
}
