import Foundation
import HoursmithSandbox
import JSONCore
import Testing

/// `hoursmith-mcp setup` and `doctor`, run as a person runs them: the built binary, a home
/// directory of the test's own, and the sandbox over real HTTP.
@Suite struct SetupTests {
    /// A home directory with a Cursor config that already holds another server.
    struct Scene {
        let home: URL
        let sandbox: Sandbox
        var cursorConfig: URL { home.appendingPathComponent(".cursor/mcp.json") }

        static let otherServer = """
            {
                "mcpServers": {
                    "github": {
                        "command": "docker",
                        "args": ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server"],
                        "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_not_ours" }
                    }
                },
                "editor.fontSize": 14
            }

            """

        static func make(cursorConfig: String? = otherServer) async throws -> Scene {
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("hoursmith-setup-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home.appendingPathComponent(".cursor"), withIntermediateDirectories: true)
            let scene = Scene(home: home, sandbox: try await makeSandbox())
            if let cursorConfig { try Data(cursorConfig.utf8).write(to: scene.cursorConfig) }
            return scene
        }

        /// Runs the binary with `arguments` in this home, stdin closed; status and output.
        func run(_ arguments: [String], token: String? = Fixture.Token.owner, apiURL: String? = nil) async throws
            -> (status: Int32, out: String, err: String) {
            var environment = ["HOME": home.path, "HOURSMITH_API_URL": apiURL ?? sandbox.baseURL]
            if let token { environment["HOURSMITH_API_TOKEN"] = token }
            let process = try MCPProcess(environment: environment, arguments: arguments)
            process.closeInput()
            // Returns once the process exited and both outputs were read to their end.
            let status = try #require(await process.exitStatus())
            SecretScan.check(stdout: process.stdoutLines, stderr: process.stderrText)
            return (status, process.stdoutLines.joined(separator: "\n"), process.stderrText)
        }

        func finish() {
            sandbox.shutdown()
            try? FileManager.default.removeItem(at: home)
        }

        func bytes(_ url: URL) -> [UInt8]? {
            FileManager.default.contents(atPath: url.path).map(Array.init)
        }
    }

    @Test func mergesIntoAConfigHoldingAnotherServerAndKeepsItByteForByte() async throws {
        let scene = try await Scene.make()
        defer { scene.finish() }
        let (status, out, err) = try await scene.run(["setup", "cursor", "--read-only"])
        #expect(status == 0, "\(err)")

        let original = Array(Scene.otherServer.utf8)
        let written = try #require(scene.bytes(scene.cursorConfig))
        // One insertion, nothing of the original changed or lost.
        var prefix = 0
        while prefix < original.count, original[prefix] == written[prefix] { prefix += 1 }
        #expect(Array(written.suffix(original.count - prefix)) == Array(original[prefix...]))
        #expect(String(decoding: original[..<prefix], as: UTF8.self).hasSuffix("\"ghp_not_ours\" }\n        }"), "inserted after the github entry")
        #expect(scene.bytes(scene.cursorConfig.appendingPathExtension("bak")) == original, "the old file is kept as .bak")

        let config = try JSON.parse(written)
        let entry = try #require(config["mcpServers"]?["hoursmith"])
        let executable = try MCPProcess.executable().path
        #expect(entry["command"]?.stringValue == executable)
        #expect(entry["args"] == ["--read-only"])
        #expect(entry["env"]?["HOURSMITH_API_TOKEN"]?.stringValue == Fixture.Token.owner)
        #expect(entry["env"]?["HOURSMITH_API_URL"]?.stringValue == scene.sandbox.baseURL)
        #expect(config["mcpServers"]?["github"]?["env"]?["GITHUB_PERSONAL_ACCESS_TOKEN"] == "ghp_not_ours")

        #expect(out.contains("Olivia Hart (owner)"), "it says whose token it checked")
        #expect(out.contains(#""HOURSMITH_API_TOKEN": "hsk_live_a4c123b1612d_[redacted]""#), "and shows it masked:\n\(out)")
        #expect(scene.sandbox.requests().map { "\($0.method) \($0.path)" } == ["GET /me"])

        // Again: nothing to change, nothing written.
        let again = try await scene.run(["setup", "cursor", "--read-only"])
        #expect(again.status == 0)
        #expect(again.out.contains("nothing to change"))
        #expect(scene.bytes(scene.cursorConfig) == written)
    }

    @Test func refusesAFileThatIsNotJSONBeforeAskingForAnything() async throws {
        let broken = "{\n  \"mcpServers\": {\n    \"a\": {\"command\": \"x\"},\n  }\n}\n"
        let scene = try await Scene.make(cursorConfig: broken)
        defer { scene.finish() }
        let (status, _, err) = try await scene.run(["setup", "cursor"])
        #expect(status == 1)
        #expect(err.contains("is not valid JSON (line 4, column 3"), "\(err)")
        #expect(err.contains("Nothing was written"))
        #expect(scene.bytes(scene.cursorConfig) == Array(broken.utf8))
        #expect(scene.bytes(scene.cursorConfig.appendingPathExtension("bak")) == nil)
        #expect(scene.sandbox.requests().isEmpty, "the token is not even checked")
    }

    @Test(arguments: [
        (Fixture.Token.revoked, "Hoursmith rejected the API token"),
        (Fixture.Token.soloPlan, "Studio or Agency"),
        ("hsk_live_…", "placeholder from the docs"),
        ("hsk_live_4f8a2c1bdedf_" + "9X3kQp7vT2nM5wRzL8sJyB6FhA1uC0gE", "example token from Hoursmith's docs"),
    ])
    func refusesATokenThatDoesNotWork(token: String, says expected: String) async throws {
        let scene = try await Scene.make()
        defer { scene.finish() }
        let (status, _, err) = try await scene.run(["setup", "cursor"], token: token)
        #expect(status == 1)
        #expect(err.contains(expected), "\(err)")
        #expect(err.contains("Nothing was written"))
        #expect(scene.bytes(scene.cursorConfig) == Array(Scene.otherServer.utf8))
        #expect(scene.bytes(scene.cursorConfig.appendingPathExtension("bak")) == nil)
    }

    @Test func refusesAnAPIURLWithoutItsVersion() async throws {
        let scene = try await Scene.make()
        defer { scene.finish() }
        let url = String(scene.sandbox.baseURL.dropLast("/api/v1".count))
        let (status, _, err) = try await scene.run(["setup", "cursor"], apiURL: url)
        #expect(status == 1)
        #expect(err.contains("does not end in /api/v1"), "\(err)")
        #expect(scene.sandbox.requests().isEmpty)
    }

    @Test func printsWithoutWritingAndStartsAMissingFile() async throws {
        let scene = try await Scene.make(cursorConfig: nil)
        defer { scene.finish() }
        let printed = try await scene.run(["setup", "cursor", "--print", "--toolsets", "time"])
        #expect(printed.status == 0)
        #expect(printed.out.contains(#""args": ["--toolsets", "time"]"#), "\(printed.out)")
        #expect(scene.bytes(scene.cursorConfig) == nil, "--print writes nothing")

        let written = try await scene.run(["setup", "cursor"])
        #expect(written.status == 0, "\(written.err)")
        let attributes = try FileManager.default.attributesOfItem(atPath: scene.cursorConfig.path)
        #expect(attributes[.posixPermissions] as? Int == 0o600, "a new file holding a token is its owner's only")
        #expect(try JSON.parse(#require(scene.bytes(scene.cursorConfig)))["mcpServers"]?["hoursmith"]?["command"] != nil)
    }

    @Test func refusesOptionsTheServerWouldRefuse() async throws {
        let scene = try await Scene.make()
        defer { scene.finish() }
        let (status, _, err) = try await scene.run(["setup", "cursor", "--tools", "no_such_tool"])
        #expect(status == 2)
        #expect(err.contains("Unknown tool \"no_such_tool\""))
        #expect(scene.bytes(scene.cursorConfig) == Array(Scene.otherServer.utf8))
    }

    @Test func printsTheClaudeCodeCommandWithoutTheToken() async throws {
        let scene = try await Scene.make()
        defer { scene.finish() }
        let (status, out, _) = try await scene.run(["setup", "claude-code", "--read-only"])
        #expect(status == 0)
        let executable = try MCPProcess.executable().path
        #expect(out.contains("claude mcp add hoursmith --scope user --env HOURSMITH_API_TOKEN=\"$HOURSMITH_API_TOKEN\" "
            + "--env HOURSMITH_API_URL=\(scene.sandbox.baseURL) -- \(executable) --read-only"), "\(out)")
        #expect(!FileManager.default.fileExists(atPath: scene.home.appendingPathComponent(".claude.json").path))
    }

    @Test func helpNamesTheCommandsAndEachExplainsItself() async throws {
        let scene = try await Scene.make()
        defer { scene.finish() }
        let help = try await scene.run(["--help"])
        #expect(help.out.contains("hoursmith-mcp setup claude-desktop|claude-code|cursor") && help.out.contains("hoursmith-mcp doctor"))
        let setup = try await scene.run(["setup", "--help"])
        #expect(setup.status == 0 && setup.out.contains("--print") && setup.out.contains("<file>.bak"))
        let doctor = try await scene.run(["doctor", "--help"])
        #expect(doctor.status == 0 && doctor.out.contains("Changes nothing."))
        let unknown = try await scene.run(["setup", "vscode"])
        #expect(unknown.status == 2 && unknown.err.contains("setup knows claude-desktop, claude-code and cursor"))
        #expect(scene.sandbox.requests().isEmpty)
    }

    @Test func doctorFindsTheEntryAndChecksItsToken() async throws {
        let scene = try await Scene.make()
        defer { scene.finish() }
        #expect(try await scene.run(["setup", "cursor"]).status == 0)
        let (status, out, _) = try await scene.run(["doctor"], token: nil)
        #expect(status == 0, "\(out)")
        #expect(out.contains("\"hoursmith\" runs this binary"))
        #expect(out.contains("token hsk_live_a4c123b1612d_[redacted] works at \(scene.sandbox.baseURL): Olivia Hart (owner)"), "\(out)")
        #expect(out.contains("keeps time in America/New_York"))
        #expect(out.contains("No problems found."))
    }

    @Test func doctorSaysWhatIsWrongWithAnEntry() async throws {
        let config = """
            {"mcpServers": {
              "hoursmith": {"command": "hoursmith-mcp", "env": {"HOURSMITH_API_TOKEN": "hsk_live_…paste your token here…"}},
              "hoursmith-v0": {"command": "/nowhere/hoursmith-mcp", "args": ["--api-url", "https://hoursmith.app"],
                               "env": {"HOURSMITH_API_TOKEN": "\(Fixture.Token.owner)"}},
              "other": {"command": "/bin/true"}
            }}
            """
        let scene = try await Scene.make(cursorConfig: config)
        defer { scene.finish() }
        let (status, out, _) = try await scene.run(["doctor", "--config", scene.cursorConfig.path], token: nil)
        #expect(status == 1)
        #expect(out.contains("runs \"hoursmith-mcp\", not an absolute path"), "\(out)")
        #expect(out.contains("placeholder from the docs"))
        #expect(out.contains("/nowhere/hoursmith-mcp, which does not exist"))
        #expect(out.contains("does not end in /api/v1"))
        #expect(!out.contains("\"other\""), "only Hoursmith's entries are looked at")
        #expect(out.contains("4 problems found"))
        #expect(scene.sandbox.requests().isEmpty, "no token was sent to a wrong URL")
    }

    @Test func doctorSaysWhenTheFileIsNotJSON() async throws {
        let scene = try await Scene.make(cursorConfig: "{\"mcpServers\": {}")
        defer { scene.finish() }
        let (status, out, _) = try await scene.run(["doctor", "--config", scene.cursorConfig.path], token: nil)
        #expect(status == 1)
        #expect(out.contains("The file is not valid JSON (line 1, column 18: unexpected end of input)"), "\(out)")
        #expect(out.contains("1 problem found"), "the one problem, not also \"no Hoursmith server\"")
    }
}
