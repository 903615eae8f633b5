import Foundation
import HoursmithSandbox

/// Resident memory, in KiB: the floor program's and the server's, idle, measured the same way in
/// the same run (the floor moves by a MiB or two with the machine and with how each binary
/// entered the page cache, so the targets are relative to it).
struct MemoryFigures {
    /// `hoursmith-floor` one second after its one GET: the least this stack can be.
    var floor = 0
    /// The server one second after one cheap tool call.
    var afterOneCall = 0
    /// The server one second after one 12,005-entry summary walk (and the one call before it).
    var afterWalk = 0
    /// The server's peak during that walk.
    var peakDuringWalk = 0
    /// The same three of `--demo`, whose workspace (12,000 entries) lives in the server.
    var demoAfterOneCall = 0
    var demoAfterWalk = 0
    var demoPeakDuringWalk = 0

    /// The targets of issue 11: idle within 3 MiB of the floor; after a walk, within 6 MiB of it
    /// once idle for a second.
    func add(to results: inout Results) {
        let floorMiB = Double(floor) / 1024
        results.add("floor: idle RSS of hoursmith-floor (one URLSession GET)", floorMiB, "MiB")
        results.add("idle RSS, 1 s after one call", Double(afterOneCall) / 1024, "MiB",
                    target: String(format: "≤ floor + 3 = %.1f MiB", floorMiB + 3), met: afterOneCall <= floor + 3 * 1024)
        results.add("idle RSS, 1 s after a 12,005-entry summary", Double(afterWalk) / 1024, "MiB",
                    target: String(format: "≤ floor + 6 = %.1f MiB", floorMiB + 6), met: afterWalk <= floor + 6 * 1024)
        results.add("peak RSS during a 12,005-entry summary", Double(peakDuringWalk) / 1024, "MiB",
                    target: "≤ 64 MiB", met: peakDuringWalk <= 64 * 1024)
        results.add("--demo: idle RSS, 1 s after one call (the seeded workspace in the process)", Double(demoAfterOneCall) / 1024, "MiB")
        results.add("--demo: idle RSS, 1 s after a 12,005-entry summary", Double(demoAfterWalk) / 1024, "MiB")
        results.add("--demo: peak RSS during a 12,005-entry summary", Double(demoPeakDuringWalk) / 1024, "MiB")
    }
}

/// Runs the floor, a fresh server and a fresh `--demo` server `count` times each, alternately, and
/// keeps the medians.
func measureMemory(
    _ count: Int, floorPath: String, sandbox: Sandbox, start: () throws -> ServerProcess, startDemo: () throws -> ServerProcess
) throws -> MemoryFigures {
    var floors: [Int] = [], calls: [Int] = [], walks: [Int] = [], peaks: [Int] = []
    var demoCalls: [Int] = [], demoWalks: [Int] = [], demoPeaks: [Int] = []
    /// One cheap call, then a walk: the server's RSS a second after each, and its peak.
    func measure(_ server: ServerProcess) throws -> (call: Int, walk: Int, peak: Int) {
        server.write(Requests.call(1, "get_client", #"{"client_id":5}"#))
        _ = try server.response(id: 1)
        Thread.sleep(forTimeInterval: 1)
        let call = server.memory().rss
        server.write(Requests.call(2, "get_time_report", walkArguments))
        _ = try server.response(id: 2)
        let peak = server.memory().peak
        Thread.sleep(forTimeInterval: 1)
        let walk = server.memory().rss
        server.closeInput()
        _ = server.wait()
        return (call, walk, peak)
    }
    for _ in 0..<count {
        let floor = try ServerProcess(
            executable: floorPath, arguments: [sandbox.baseURL + "/me"],
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        guard let line = floor.readLine(), String(decoding: line, as: UTF8.self).hasPrefix("ready") else {
            throw BenchError("hoursmith-floor did not make its request")
        }
        Thread.sleep(forTimeInterval: 1)
        floors.append(floor.memory().rss)
        floor.closeInput()
        _ = floor.wait()

        let server = try measure(try start())
        calls.append(server.call)
        walks.append(server.walk)
        peaks.append(server.peak)
        let demo = try measure(try startDemo())
        demoCalls.append(demo.call)
        demoWalks.append(demo.walk)
        demoPeaks.append(demo.peak)
    }
    func median(_ values: [Int]) -> Int { values.sorted()[values.count / 2] }
    return MemoryFigures(floor: median(floors), afterOneCall: median(calls), afterWalk: median(walks), peakDuringWalk: median(peaks),
                         demoAfterOneCall: median(demoCalls), demoAfterWalk: median(demoWalks), demoPeakDuringWalk: median(demoPeaks))
}
