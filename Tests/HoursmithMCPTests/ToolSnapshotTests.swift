import Foundation
import JSONCore
import Testing

/// Golden files of what the model sees: each tool's declaration (name, title, description,
/// schemas, annotations) as tools/list gives it, one file per tool in `__toolsnaps__/`. A change
/// to a tool's surface shows up as a change to its file, reviewed as data.
///
/// `UPDATE_SNAPSHOTS=1 swift test --filter ToolSnapshotTests` rewrites the files.
@Suite struct ToolSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__toolsnaps__")

    @Test func everyToolMatchesItsSnapshot() async throws {
        // No token: the full catalog is listed, and nothing is called.
        let server = try MCPProcess(environment: ["HOURSMITH_API_URL": "http://127.0.0.1:9/api/v1"])
        let result = try #require(try await server.request("tools/list")["result"])
        let tools = try #require(result["tools"]?.arrayValue)
        #expect(result["nextCursor"] == nil, "the whole catalog on one page: a second page would go unchecked")
        let update = ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1"
        var names: [String] = []
        for tool in tools {
            let name = try #require(tool["name"]?.stringValue)
            names.append(name)
            let file = Self.directory.appendingPathComponent("\(name).json")
            let pretty = try Self.pretty(tool)
            if update {
                try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
                try pretty.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let stored = try? String(contentsOf: file, encoding: .utf8)
            #expect(stored == pretty, "\(name) differs from __toolsnaps__/\(name).json (UPDATE_SNAPSHOTS=1 to accept)")
        }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Self.directory.path)) ?? []
        let stale = files.filter { $0.hasSuffix(".json") && !names.contains(String($0.dropLast(5))) }
        #expect(stale.isEmpty, "snapshots of tools that no longer exist: \(stale)")
        server.closeInput()
        _ = await server.exitStatus()
    }

    /// Pretty JSON with sorted keys, so a diff shows exactly what changed.
    static func pretty(_ json: JSON) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(json.serialized()))
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
