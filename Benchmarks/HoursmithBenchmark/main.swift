// hoursmith-bench: measures hoursmith-mcp as an MCP client would, against the sandbox, beside a
// raw-HTTP floor measured in the same run. Run it with `Benchmarks/run` (builds release first).
import Foundation
import HoursmithSandbox
import JSONCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@MainActor
func runBenchmark() throws {
    let arguments = CommandLine.arguments
    func argument(_ name: String) -> String? {
        arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }
    let executableDirectory = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().path
    let serverPath = argument("--server") ?? "\(executableDirectory)/hoursmith-mcp"
    let floorPath = argument("--floor") ?? "\(executableDirectory)/hoursmith-floor"
    for (path, flag) in [(serverPath, "--server"), (floorPath, "--floor")] where !FileManager.default.isExecutableFile(atPath: path) {
        FileHandle.standardError.write(Data("hoursmith-bench: nothing to run at \(path); build it (swift build -c release) or pass \(flag) PATH\n".utf8))
        exit(2)
    }

    let sandbox = try Sandbox(.relaxed)
    let environment = [
        "HOURSMITH_API_URL": sandbox.baseURL, "HOURSMITH_API_TOKEN": Fixture.Token.owner, "HOURSMITH_LOG_LEVEL": "error",
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    func start() throws -> ServerProcess { try ServerProcess(executable: serverPath, environment: environment) }
    // The demo: no token, no API URL; the workspace is seeded inside the server.
    let demoEnvironment = ["HOURSMITH_LOG_LEVEL": "error", "PATH": environment["PATH"] ?? "/usr/bin:/bin"]
    func startDemo() throws -> ServerProcess {
        try ServerProcess(executable: serverPath, arguments: ["--demo"], environment: demoEnvironment)
    }

    var results = Results()
    let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    print("hoursmith-bench: \(serverPath) against the sandbox at \(sandbox.baseURL)")
    if arguments.contains("--bounded") {
        // Only the bounded-time figures (BoundedTime.swift), with a call time limit of 10 s.
        try measureBoundedTime(limit: 10, serverPath: serverPath, sandbox: sandbox, environment: environment, into: &results)
        print(results.table())
        return
    }

    if let count = argument("--memory").flatMap(Int.init) {
        // Only the memory figures beside the floor's, from `count` runs of each (for iterating on them).
        try measureMemory(count, floorPath: floorPath, sandbox: sandbox, start: start, startDemo: startDemo).add(to: &results)
        print(results.table())
        return
    }

    // MARK: Cold start, beside its floor

    // Each server start alternates with a start of the floor that does the least the same reply
    // needs: `initialize` answers at once (floor: `hoursmith-floor --echo`); the first
    // `server/discover` waits for the start-up `GET /me` (floor: `hoursmith-floor URL`, one GET).
    let coldRuns = argument("--cold").flatMap(Int.init)
    let floorEnvironment = ["PATH": environment["PATH"] ?? "/usr/bin:/bin"]
    for (label, request, floorArguments) in [
        ("server/discover", Requests.modern(1, "server/discover"), [sandbox.baseURL + "/me"]),
        ("initialize", Requests.initialize(1), ["--echo"]),
    ] {
        var sample = Sample(), floorSample = Sample()
        for _ in 0..<(coldRuns ?? 20) {
            var started = ContinuousClock.now
            let server = try start()
            server.write(request)
            _ = try server.response(id: 1)
            sample.add(milliseconds(since: started))
            server.closeInput()
            _ = server.wait()

            started = ContinuousClock.now
            let floor = try ServerProcess(executable: floorPath, arguments: floorArguments, environment: floorEnvironment)
            floor.write(request)
            guard floor.readLine() != nil else { throw BenchError("hoursmith-floor \(floorArguments[0]) did not answer") }
            floorSample.add(milliseconds(since: started))
            floor.closeInput()
            _ = floor.wait()
        }
        results.add("cold start → first reply (\(label)), median", sample.median, "ms", target: "≤ 15 ms", met: sample.median <= 15)
        results.add("— floor: hoursmith-floor \(label == "initialize" ? "--echo" : "URL (one GET)"), median", floorSample.median, "ms")
        results.add("— above its floor", sample.median - floorSample.median, "ms")
    }
    // The demo's own cold start: `initialize` is answered while the workspace is seeded on a
    // thread of its own; the first `server/discover` waits for the start-up `/me`, which waits
    // for the seed (12,000 time entries), so it is the whole of it.
    for (label, request) in [("initialize", Requests.initialize(1)), ("server/discover", Requests.modern(1, "server/discover"))] {
        var sample = Sample()
        for _ in 0..<(coldRuns ?? 20) {
            let started = ContinuousClock.now
            let server = try startDemo()
            server.write(request)
            _ = try server.response(id: 1)
            sample.add(milliseconds(since: started))
            server.closeInput()
            _ = server.wait()
        }
        results.add("--demo: cold start → first reply (\(label)\(label == "initialize" ? "" : ", after the seed")), median", sample.median, "ms")
    }
    if coldRuns != nil {
        // Only the cold starts, N times each (for a moment when the machine is quiet).
        print(results.table())
        return
    }

    // One server for the steady-state figures.
    let server = try start()
    var nextID = 1
    func ask(_ build: (Int) -> String) throws -> JSON {
        nextID += 1
        server.write(build(nextID))
        return try server.response(id: nextID)
    }

    /// One request, timed from writing it to the last byte of its reply (a client's own parsing
    /// is not the server's time); the reply is checked afterwards.
    func timed(_ build: (Int) -> String) throws -> (milliseconds: Double, reply: JSON) {
        nextID += 1
        let request = build(nextID)
        let start = ContinuousClock.now
        server.write(request)
        guard let line = server.readLine() else { throw BenchError("the server closed its output") }
        let elapsed = milliseconds(since: start)
        let reply = try JSON.parse(line)
        guard reply["id"]?.intValue == nextID else { throw BenchError("an unexpected line: \(reply)") }
        return (elapsed, reply)
    }

    // MARK: tools/list

    var started = ContinuousClock.now
    let firstList = try timed { Requests.modern($0, "tools/list") }.milliseconds
    var listSample = Sample()
    for _ in 0..<300 {
        listSample.add(try timed { Requests.modern($0, "tools/list") }.milliseconds)
    }
    results.add("tools/list, first", firstList, "ms")
    results.add("tools/list, median", listSample.median, "ms", target: "≤ 0.3 ms", met: listSample.median <= 0.3)

    // MARK: ping

    var pingSample = Sample()
    for _ in 0..<2000 {
        pingSample.add(try timed { Requests.modern($0, "ping") }.milliseconds)
    }
    results.add("ping round trip p50", pingSample.median, "ms", target: "≤ 0.2 ms", met: pingSample.median <= 0.2)
    results.add("ping round trip p99", pingSample.percentile(99), "ms")

    /// Writes `count` requests from another thread while this one reads the replies; calls per second.
    func pipelined(_ count: Int, _ build: @Sendable (Int) -> String) throws -> (seconds: Double, perSecond: Double) {
        let base = nextID + 1
        nextID += count
        let batch = (0..<count).map { build(base + $0) }.joined(separator: "\n")
        let writer = server
        started = ContinuousClock.now
        let thread = Thread { writer.write(batch) }
        thread.start()
        var seen = 0
        while seen < count, let line = server.readLine() {
            if let id = try JSON.parse(line)["id"]?.intValue, id >= base { seen += 1 }
        }
        let seconds = milliseconds(since: started) / 1000
        return (seconds, Double(count) / seconds)
    }

    let pings = try pipelined(1000) { Requests.modern($0, "ping") }
    results.add("1,000 pipelined pings", pings.perSecond, "/s", target: "≥ 20,000 /s", met: pings.perSecond >= 20_000)

    // MARK: A cheap tool call, and its HTTP call alone

    _ = try ask { Requests.call($0, "get_client", #"{"client_id":5}"#) } // warm: /me and the connection
    var toolSample = Sample()
    for _ in 0..<500 {
        let (elapsed, reply) = try timed { Requests.call($0, "get_client", #"{"client_id":5}"#) }
        guard reply["result"]?["isError"] == nil else { throw BenchError("get_client failed: \(reply)") }
        toolSample.add(elapsed)
    }
    let floor = RawHTTP(baseURL: sandbox.baseURL, token: Fixture.Token.owner)
    if let count = argument("--walks").flatMap(Int.init) {
        // Only the walk and its floors, `count` times each, alternating (for iterating on it).
        let ticks = server.cpuTicks()
        let walks = try measureWalks(count, server: server, sandbox: sandbox, nextID: &nextID)
        let cpu = Double(server.cpuTicks() - ticks) / ticksPerSecond * 1000 / Double(count)
        walks.add(try measureFloors(count, sandbox: sandbox), to: &results)
        results.add("  server CPU per walk (user + system, all threads)", cpu, "ms")
        print(results.table())
        return
    }
    var httpSample = Sample()
    _ = try floor.get("/clients/5")
    for _ in 0..<500 {
        started = ContinuousClock.now
        _ = try floor.get("/clients/5")
        httpSample.add(milliseconds(since: started))
    }
    let above = toolSample.median - httpSample.median
    results.add("cheap tool call (get_client) p50", toolSample.median, "ms")
    results.add("cheap tool call p99", toolSample.percentile(99), "ms")
    results.add("its HTTP call alone (URLSession, same process) p50", httpSample.median, "ms")
    results.add("tool call above its HTTP call, p50", above, "ms", target: "≤ 0.2 ms", met: above <= 0.2)

    let calls = try pipelined(1000) { Requests.call($0, "get_client", #"{"client_id":5}"#) }
    results.add("1,000 pipelined tool calls, total", calls.seconds * 1000, "ms")
    results.add("1,000 pipelined tool calls", calls.perSecond, "/s", target: "API allows 6.7 /s (100 per 15 s)")

    // MARK: Idle

    // The first second after a burst holds the one memory trim (250 ms after the last call); idle
    // is what follows it.
    let burstEnd = server.cpuTicks()
    Thread.sleep(forTimeInterval: 1)
    let cpuBefore = server.cpuTicks()
    Thread.sleep(forTimeInterval: 3)
    let idleCPU = Double(server.cpuTicks() - cpuBefore) / ticksPerSecond * 1000
    results.add("CPU in the second after the burst (the memory trim)", Double(cpuBefore - burstEnd) / ticksPerSecond * 1000, "ms")
    results.add("idle CPU over the 3 s after that", idleCPU, "ms", target: "0 (no polling)", met: idleCPU == 0)
    let idleMemory = server.memory()

    // MARK: A summary of 12,005 entries

    let walks = try measureWalks(5, server: server, sandbox: sandbox, nextID: &nextID)
    Thread.sleep(forTimeInterval: 1)
    let afterFiveWalks = server.memory()
    let floors = try measureFloors(5, sandbox: sandbox)
    walks.add(floors, to: &results)

    // MARK: Memory, beside the floor's (fresh servers, so that each figure has one cause)

    let memory = try measureMemory(3, floorPath: floorPath, sandbox: sandbox, start: start, startDemo: startDemo)
    memory.add(to: &results)
    results.add("idle RSS after the calls above (3 s idle)", Double(idleMemory.rss) / 1024, "MiB")
    results.add("idle RSS 1 s after five walks", Double(afterFiveWalks.rss) / 1024, "MiB")
    results.add("peak RSS after five walks", Double(afterFiveWalks.peak) / 1024, "MiB")

    // MARK: The largest valid argument

    // create_invoice's 500 lines (its maxItems) of 5,000 characters (their maxLength), mixed
    // scripts so that lengths are counted in code points: validated, then previewed (a dry run).
    let description = String(String(repeating: "Design and build, café, naïve, 日本語 ", count: 200).prefix(5000))
    let line = #"{"kind":"other","description":"\#(description)","quantity":1.5,"unit_price":100}"#
    let largest = #"{"client_id":1,"dry_run":true,"line_items":["# + Array(repeating: line, count: 500).joined(separator: ",") + "]}"
    var largestTimes = Sample()
    var largestCPU = Sample()
    for _ in 0..<5 {
        let ticks = server.cpuTicks()
        started = ContinuousClock.now
        let reply = try ask { Requests.call($0, "create_invoice", largest) }
        largestTimes.add(milliseconds(since: started))
        largestCPU.add(Double(server.cpuTicks() - ticks) / ticksPerSecond * 1000)
        guard reply["result"]?["isError"] != .bool(true) else { throw BenchError("the largest valid argument was refused: \(String(describing: reply).prefix(300))") }
    }
    results.add("largest valid argument (\(largest.utf8.count / 1000) KB: 500 invoice lines × 5,000 characters), answered, median",
                largestTimes.median, "ms", target: "< 1 s", met: largestTimes.median < 1000)
    results.add("  its server CPU (user + system), median", largestCPU.median, "ms")

    // MARK: A 16 MiB line

    let padding = String(repeating: "a", count: 16 * 1024 * 1024 - 300)
    started = ContinuousClock.now
    let big = try ask { Requests.modern($0, "ping", #""padding":"\#(padding)""#) }
    let bigTime = milliseconds(since: started)
    results.add("16 MiB request line answered", bigTime, "ms", target: "< 1 s", met: bigTime < 1000 && big["result"] != nil)
    server.closeInput()
    _ = server.wait()

    // MARK: Exit after stdin closes

    var exitSample = Sample()
    for _ in 0..<10 {
        let idle = try start()
        idle.write(Requests.modern(1, "ping"))
        _ = try idle.response(id: 1)
        Thread.sleep(forTimeInterval: 0.05)
        started = ContinuousClock.now
        idle.closeInput()
        _ = idle.wait()
        exitSample.add(milliseconds(since: started))
    }
    results.add("exit after stdin EOF (idle), median", exitSample.median, "ms", target: "≤ 20 ms", met: exitSample.median <= 20)

    sandbox.shutdown()
    print("")
    print(results.table())
    print("")
    print(results.json(extra: ["benchmark": "hoursmith-bench", "cores": .int(ProcessInfo.processInfo.activeProcessorCount)]))
}

do {
    try runBenchmark()
} catch {
    FileHandle.standardError.write(Data("hoursmith-bench: \(error)\n".utf8))
    exit(1)
}
