import Foundation
import ConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The floor: the same HTTP requests with nothing on top — no JSON decoding, no MCP.
final class RawHTTP: Sendable {
    let baseURL: String
    let token: String
    private let session: URLSession

    init(baseURL: String, token: String) {
        self.baseURL = baseURL
        self.token = token
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 8
        session = URLSession(configuration: configuration)
    }

    private func request(_ path: String) throws -> URLRequest {
        guard let url = URL(string: baseURL + path) else { throw BenchError("bad URL \(path)") }
        var request = URLRequest(url: url)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("hoursmith-bench/1", forHTTPHeaderField: "User-Agent")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        return request
    }

    /// One GET, waited for; the body's size.
    func get(_ path: String) throws -> Int {
        try concurrentlyFetch([path], width: 1).first ?? 0
    }

    /// Fetches `paths`, at most `width` at a time; the wall time in milliseconds.
    func concurrently(_ paths: [String], width: Int) throws -> Double {
        let started = ContinuousClock.now
        _ = try concurrentlyFetch(paths, width: width)
        return milliseconds(since: started)
    }

    private func concurrentlyFetch(_ paths: [String], width: Int) throws -> [Int] {
        let requests = try paths.map(request)
        let slots = DispatchSemaphore(value: width)
        let group = DispatchGroup()
        let outcome = Outcome(count: requests.count)
        for (index, request) in requests.enumerated() {
            slots.wait()
            group.enter()
            session.dataTask(with: request) { data, response, error in
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                outcome.record(index, size: data?.count ?? 0, failure: error.map { "\($0)" } ?? (status == 200 ? nil : "HTTP \(status)"))
                slots.signal()
                group.leave()
            }.resume()
        }
        group.wait()
        if let failure = outcome.failure { throw BenchError("raw HTTP failed: \(failure)") }
        return outcome.sizes
    }

    /// One `curl` process fetching `paths` in turn over one kept-alive connection; its wall time
    /// in milliseconds, process start included. Spawned with `posix_spawnp`, as the server is
    /// (Foundation's `Process` adds milliseconds of its own).
    static func curl(baseURL: String, token: String, paths: [String]) throws -> Double {
        var arguments = ["curl", "-s", "--fail", "-H", "Authorization: Bearer \(token)", "-H", "User-Agent: curl-floor",
                         "-H", "Accept: application/json"]
        for path in paths { arguments += ["-o", "/dev/null", baseURL + path] }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let started = ContinuousClock.now
        var child: pid_t = 0
        let spawned = posix_spawnp(&child, "curl", nil, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("could not start curl: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        waitpid(child, &status, 0)
        let elapsed = milliseconds(since: started)
        guard status == 0 else { throw BenchError("curl failed (status \(status))") }
        return elapsed
    }
}

/// What a batch of requests brought back, filled in from URLSession's threads.
private final class Outcome: Sendable {
    private let state: Locked<(sizes: [Int], failure: String?)>

    init(count: Int) {
        state = Locked(([Int](repeating: 0, count: count), nil))
    }

    var sizes: [Int] { state.current.sizes }
    var failure: String? { state.current.failure }

    func record(_ index: Int, size: Int, failure: String?) {
        state.withLock { state in
            state.sizes[index] = size
            if let failure { state.failure = failure }
        }
    }
}
