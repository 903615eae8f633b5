import JSONCore
import Testing
import struct HoursmithSandbox.SplitMix64
@testable import HoursmithServer

/// `setup`'s edit of a client config: the entry goes in, every other byte stays.
@Suite struct ClientConfigEditTests {
    static let entry: JSON = ["command": "/opt/hoursmith/hoursmith-mcp", "args": ["--read-only"], "env": ["HOURSMITH_API_TOKEN": "t"]]

    /// The bytes `edited` has in place of `original`'s: one contiguous change, and what it is.
    func change(from original: [UInt8], to edited: [UInt8]) -> (prefix: Int, removed: String, inserted: String) {
        var prefix = 0
        while prefix < min(original.count, edited.count), original[prefix] == edited[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(original.count, edited.count) - prefix,
              original[original.count - 1 - suffix] == edited[edited.count - 1 - suffix] { suffix += 1 }
        return (prefix, String(decoding: original[prefix..<(original.count - suffix)], as: UTF8.self),
                String(decoding: edited[prefix..<(edited.count - suffix)], as: UTF8.self))
    }

    func merged(_ text: String, name: String = "hoursmith", entry: JSON = entry) throws -> (ClientConfigEdit, String) {
        let edit = try ClientConfigEdit.merging(server: name, entry: entry, into: Array(text.utf8))
        return (edit, String(decoding: edit.bytes, as: UTF8.self))
    }

    @Test func addsAfterAnotherServerKeepingEveryOtherByte() throws {
        let original = """
            {
                "mcpServers": {
                    "github": {
                        "command": "docker",
                        "args": ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server"],
                        "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_x" }
                    }
                },
                "globalShortcut": "Ctrl+Space"
            }

            """
        let (edit, text) = try merged(original)
        #expect(edit.change == .added)
        let difference = change(from: Array(original.utf8), to: edit.bytes)
        #expect(difference.removed.isEmpty, "nothing of the original is gone")
        #expect(difference.inserted == """
            ,
                    "hoursmith": {
                        "command": "/opt/hoursmith/hoursmith-mcp",
                        "args": ["--read-only"],
                        "env": {
                            "HOURSMITH_API_TOKEN": "t"
                        }
                    }
            """, "laid out as the file lays out its members")
        let parsed = try JSON.parse(Array(text.utf8))
        #expect(parsed["mcpServers"]?["hoursmith"] == Self.entry)
        #expect(parsed["mcpServers"]?["github"]?["command"] == "docker")
        #expect(parsed["globalShortcut"] == "Ctrl+Space")
    }

    @Test func replacesAnEntryOfTheSameNameAsAWhole() throws {
        let original = #"{"mcpServers": {"a": {"command": "x"}, "hoursmith": {"command": "/old", "env": {"X": "1"}}, "z": {}}}"#
        let (edit, text) = try merged(original)
        #expect(edit.change == .replaced)
        #expect(text == #"{"mcpServers": {"a": {"command": "x"}, "hoursmith": "#
            + #"{"command": "/opt/hoursmith/hoursmith-mcp", "args": ["--read-only"], "env": {"HOURSMITH_API_TOKEN": "t"}}, "z": {}}}"#)
    }

    @Test func leavesAnEqualEntryAlone() throws {
        let original = "{\"mcpServers\":{\"hoursmith\":{\"env\":{\"HOURSMITH_API_TOKEN\":\"t\"},\"args\":[\"--read-only\"],\"command\":\"/opt/hoursmith/hoursmith-mcp\"}}}"
        let (edit, text) = try merged(original)
        #expect(edit.change == .unchanged)
        #expect(text == original)
    }

    @Test func addsMCPServersToAConfigWithoutIt() throws {
        let original = "{\n\t\"theme\": \"dark\"\n}\n"
        let (edit, text) = try merged(original)
        #expect(edit.change == .added)
        #expect(text.hasPrefix("{\n\t\"theme\": \"dark\",\n\t\"mcpServers\": {\n\t\t\"hoursmith\": {\n\t\t\t\"command\""), "tabs, as the file has")
        #expect(text.hasSuffix("\n\t\t}\n\t}\n}\n"))
        #expect(try JSON.parse(Array(text.utf8))["mcpServers"]?["hoursmith"] == Self.entry)
    }

    @Test func fillsAnEmptyServersObject() throws {
        let (_, text) = try merged("{\r\n  \"mcpServers\": {}\r\n}\r\n")
        #expect(text.hasPrefix("{\r\n  \"mcpServers\": {\r\n    \"hoursmith\": {\r\n      \"command\""), "CRLF, as the file has")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare line feed")
        #expect(try JSON.parse(Array(text.utf8))["mcpServers"]?["hoursmith"] == Self.entry)
    }

    @Test func addsToAOneLineObjectOnItsLine() throws {
        let (_, text) = try merged(#"{"mcpServers": {"a": {"command": "x"}}}"#)
        #expect(text == #"{"mcpServers": {"a": {"command": "x"}, "hoursmith": {"command": "/opt/hoursmith/hoursmith-mcp", "args": ["--read-only"], "env": {"HOURSMITH_API_TOKEN": "t"}}}}"#)
    }

    @Test(arguments: ["", "  \n", "\u{FEFF}"])
    func startsAFileThatHasNothingYet(original: String) throws {
        let (edit, text) = try merged(original)
        #expect(edit.change == .added)
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        #expect(try JSON.parse(Array(body.utf8)) == ["mcpServers": ["hoursmith": Self.entry]])
        #expect(text.hasPrefix("\u{FEFF}") == original.hasPrefix("\u{FEFF}"), "a byte-order mark stays")
    }

    @Test func refusesWhatIsNotAConfig() throws {
        #expect(throws: ClientConfigProblem.notJSON(TextPosition(line: 3, column: 1), reason: "unexpected character '}' at offset 25")) {
            try ClientConfigEdit.merging(server: "h", entry: Self.entry, into: Array("{\"mcpServers\": {\"a\": 1,\n\n}}".utf8))
        }
        #expect(throws: ClientConfigProblem.notAnObject(found: "array")) {
            try ClientConfigEdit.merging(server: "h", entry: Self.entry, into: Array("[]".utf8))
        }
        #expect(throws: ClientConfigProblem.serversNotAnObject(found: "string")) {
            try ClientConfigEdit.merging(server: "h", entry: Self.entry, into: Array(#"{"mcpServers": "none"}"#.utf8))
        }
        let message = ClientConfigProblem.notJSON(TextPosition(line: 3, column: 1), reason: "r").message(path: "/c.json")
        #expect(message.contains("/c.json is not valid JSON (line 3, column 1"))
        #expect(ClientConfigProblem.notAnObject(found: "array").message(path: "/c.json").hasPrefix("/c.json holds an array at the top level"))
    }

    /// Seeded: configs of random shape and spacing keep every byte but the one insertion.
    @Test func keepsRandomConfigsByteForByte() throws {
        var random = SeededRandom(seed: 0x5EED_0011)
        for _ in 0..<200 {
            let space = [" ", "", "\n", "\n  ", "\t", "\r\n    "]
            func gap() -> String { space[random.next(below: space.count)] }
            var servers: [String] = []
            for index in 0..<random.next(below: 4) {
                servers.append("\(gap())\"s\(index)\"\(gap()):\(gap()){\"command\":\(gap())\"c\(index)\"}\(gap())")
            }
            let original = "\(gap()){\(gap())\"x\":\(gap())[1, 2]\(gap()),\(gap())\"mcpServers\"\(gap()):\(gap()){\(servers.joined(separator: ","))}\(gap())}\(gap())"
            let (edit, text) = try merged(original)
            let difference = change(from: Array(original.utf8), to: edit.bytes)
            #expect(difference.removed.isEmpty, "\(original)")
            let parsed = try JSON.parse(Array(text.utf8))
            #expect(parsed["mcpServers"]?["hoursmith"] == Self.entry, "\(text)")
            #expect(parsed["mcpServers"]?.objectValue?.count == servers.count + 1)
            #expect(parsed["x"] == [1, 2])
        }
    }
}

/// Where each client keeps its servers, on each platform.
@Suite struct ClientConfigPathTests {
    @Test func knowsEachClientsFileOnEachPlatform() {
        let unix = ["HOME": "/home/ada"]
        #expect(MCPClientApp.claudeDesktop.configPath(on: .macOS, environment: unix, home: "/Users/ada")
                == "/Users/ada/Library/Application Support/Claude/claude_desktop_config.json")
        #expect(MCPClientApp.claudeDesktop.configPath(on: .linux, environment: unix, home: "/home/ada")
                == "/home/ada/.config/Claude/claude_desktop_config.json")
        #expect(MCPClientApp.claudeDesktop.configPath(on: .linux, environment: ["XDG_CONFIG_HOME": "/xdg"], home: "/home/ada")
                == "/xdg/Claude/claude_desktop_config.json")
        #expect(MCPClientApp.claudeDesktop.configPath(on: .windows, environment: ["APPDATA": #"C:\Users\ada\AppData\Roaming"#], home: #"C:\Users\ada"#)
                == #"C:\Users\ada\AppData\Roaming\Claude\claude_desktop_config.json"#)
        #expect(MCPClientApp.claudeDesktop.configPath(on: .windows, environment: [:], home: #"C:\Users\ada"#)
                == #"C:\Users\ada\AppData\Roaming\Claude\claude_desktop_config.json"#)
        #expect(MCPClientApp.cursor.configPath(on: .macOS, environment: unix, home: "/Users/ada") == "/Users/ada/.cursor/mcp.json")
        #expect(MCPClientApp.cursor.configPath(on: .windows, environment: [:], home: #"C:\Users\ada"#) == #"C:\Users\ada\.cursor\mcp.json"#)
        #expect(MCPClientApp.claudeCode.configPath(on: .linux, environment: unix, home: "/home/ada") == "/home/ada/.claude.json")
        #expect(HostPlatform.home(environment: ["USERPROFILE": #"C:\Users\ada"#, "HOME": "/x"], platform: .windows, fallback: "?") == #"C:\Users\ada"#)
        #expect(HostPlatform.home(environment: [:], platform: .linux, fallback: "/fallback") == "/fallback")
    }

    @Test func quotesWordsForTheClaudeCodeLine() throws {
        #expect(ServerEntry.shellQuoted("/usr/local/bin/hoursmith-mcp") == "/usr/local/bin/hoursmith-mcp")
        #expect(ServerEntry.shellQuoted("/Users/Ada Lovelace/bin/hoursmith-mcp") == "'/Users/Ada Lovelace/bin/hoursmith-mcp'")
        #expect(ServerEntry.shellQuoted("it's") == #"'it'\''s'"#)
        #expect(ServerEntry.shellQuoted("") == "''")
    }

    @Test func catchesAnAPIURLWithoutItsVersion() {
        #expect(SetupChecks.apiURLProblem("https://hoursmith.app/api/v1") == nil)
        #expect(SetupChecks.apiURLProblem("http://127.0.0.1:8787/api/v1/") == nil)
        #expect(SetupChecks.apiURLProblem("https://hoursmith.app")?.contains("Use https://hoursmith.app/api/v1 (the default") == true)
        #expect(SetupChecks.apiURLProblem("http://127.0.0.1:8787/api")?.contains("Use http://127.0.0.1:8787/api/v1.") == true)
    }

    @Test func resolvesTheInvokedPathWithoutFollowingLinks() {
        #expect(ExecutablePath.resolve("/bin/sh", searchPath: "", currentDirectory: "/") == "/bin/sh")
        #expect(ExecutablePath.resolve("sh", searchPath: "relative:/nonexistent:/bin", currentDirectory: "/") == "/bin/sh")
        #expect(ExecutablePath.resolve("./sh", searchPath: "", currentDirectory: "/bin/../bin") == "/bin/sh", "links are not followed")
        #expect(ExecutablePath.normalized("/a/./b//c/../d") == "/a/b/d")
        #expect(ExecutablePath.resolve("no-such-program", searchPath: "/bin", currentDirectory: "/") == nil)
    }
}

/// SplitMix64, for seeded random tests.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
