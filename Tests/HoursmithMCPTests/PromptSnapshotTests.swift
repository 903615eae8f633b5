import Foundation
import JSONCore
import Testing

/// Golden files of the prompts and resources a client lists, as `__toolsnaps__` are of the
/// tools: each prompt's declaration in `__promptsnaps__/`, each resource's and template's in
/// `__resourcesnaps__/`, as the current revision lists them. A change shows up as a change to a
/// file, reviewed as data.
///
/// `UPDATE_SNAPSHOTS=1 swift test --filter PromptSnapshotTests` rewrites the files.
@Suite struct PromptSnapshotTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    @Test func everyPromptResourceAndTemplateMatchesItsSnapshot() async throws {
        // No token: everything is listed, and nothing is called.
        let server = try MCPProcess(environment: ["HOURSMITH_API_URL": "http://127.0.0.1:9/api/v1"])
        let prompts = try #require(try await server.request("prompts/list")["result"]?["prompts"]?.arrayValue)
        try Self.compare(prompts, in: "__promptsnaps__")
        let resources = try #require(try await server.request("resources/list")["result"]?["resources"]?.arrayValue)
        let templates = try #require(try await server.request("resources/templates/list")["result"]?["resourceTemplates"]?.arrayValue)
        try Self.compare(resources + templates, in: "__resourcesnaps__")
        server.closeInput()
        _ = await server.exitStatus()
    }

    /// Each item against `<directory>/<name>.json`; files of items that no longer exist fail too.
    static func compare(_ items: [JSON], in directory: String) throws {
        let folder = here.appendingPathComponent(directory)
        let update = ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1"
        var names: [String] = []
        for item in items {
            let name = try #require(item["name"]?.stringValue)
            names.append(name)
            let file = folder.appendingPathComponent("\(name).json")
            let pretty = try ToolSnapshotTests.pretty(item)
            if update {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try pretty.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let stored = try? String(contentsOf: file, encoding: .utf8)
            #expect(stored == pretty, "\(name) differs from \(directory)/\(name).json (UPDATE_SNAPSHOTS=1 to accept)")
        }
        #expect(Set(names).count == names.count, "names are unique, so each has a file")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let stale = files.filter { $0.hasSuffix(".json") && !names.contains(String($0.dropLast(5))) }
        #expect(stale.isEmpty, "snapshots of things that no longer exist: \(stale)")
    }
}
