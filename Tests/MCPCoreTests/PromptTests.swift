import Foundation
import JSONCore
import ConcurrencyHelpers
import Testing
@testable import MCPCore

/// Prompts and completions in both eras: the fields each revision defines, arguments checked
/// before a handler runs, errors as the specification names them, and role-like refusals.
@Suite struct PromptTests {
    /// `greet(name, mood?)`: its message echoes the arguments; names complete from a fixed list.
    static func greet() -> Prompt {
        Prompt(
            name: "greet", title: "Greet someone", description: "Says hello.",
            arguments: [
                PromptArgument(name: "name", title: "Name", description: "Whom to greet.", isRequired: true, maxLength: 20),
                PromptArgument(name: "mood", title: "Mood", description: "How."),
            ],
            completer: { request, _ in
                let names = (1...150).map { "name\($0)" } + ["Zoë"]
                let context = request.context["mood"].map { [$0] } ?? []
                return Completion(matches: context + names.filter { $0.hasPrefix(request.value) })
            },
            handler: { arguments, _ in
                let mood = arguments["mood"].map { " (\($0))" } ?? ""
                return PromptResult(description: "A greeting", messages: [.user("Hello \(arguments["name"] ?? "?")\(mood)")])
            })
    }

    static func failing(_ error: any Error) -> Prompt {
        Prompt(name: "fails", title: "Fails", description: "Always fails.", arguments: []) { _, _ in throw error }
    }

    @Test func promptFieldsFollowTheRevision() async throws {
        let old = Self.greet().json(for: .v2025_03_26)
        #expect(old.objectValue?.keys == ["name", "description", "arguments"])
        #expect(old["arguments"]?.arrayValue?.first?.objectValue?.keys == ["name", "description", "required"])
        let current = Self.greet().json(for: .v2025_06_18)
        #expect(current["title"] == "Greet someone")
        #expect(current["arguments"]?.arrayValue?.first?["title"] == "Name")
        #expect(current["arguments"]?.arrayValue?.map { $0["required"] } == [true, false])
    }

    @Test func listsInBothErasWithPrivateCacheHintsWhenModern() async throws {
        let harness = ServerHarness(prompts: StaticPromptSource([Self.greet()]))
        let modern = try #require(await harness.request(modern(1, "prompts/list"))?["result"])
        #expect(modern["prompts"]?.arrayValue?.map { $0["name"] } == ["greet"])
        #expect(modern["ttlMs"] == 1234)
        #expect(modern["cacheScope"] == "private")
        #expect(modern["resultType"] == "complete")
        await harness.initialize("2025-03-26")
        let legacyList = try #require(await harness.request(legacy(2, "prompts/list"))?["result"])
        #expect(legacyList["prompts"]?.arrayValue?.first?["title"] == nil)
        #expect(legacyList["ttlMs"] == nil)
        #expect(legacyList["resultType"] == nil)
        // One page only: a cursor is one this server never gave out.
        #expect(await harness.request(legacy(3, "prompts/list", ["cursor": "abc"]))?["error"]?["code"] == -32602)
    }

    @Test func getAnswersWithTheMessages() async throws {
        let harness = ServerHarness(prompts: StaticPromptSource([Self.greet()]))
        let result = try #require(await harness.request(modern(1, "prompts/get", ["name": "greet", "arguments": ["name": "Ada", "mood": "cheerful"]]))?["result"])
        #expect(result["description"] == "A greeting")
        #expect(result["messages"] == [["role": "user", "content": ["type": "text", "text": "Hello Ada (cheerful)"]]])
        #expect(result["resultType"] == "complete")
        #expect(result["ttlMs"] == nil, "prompts/get is not cacheable")
        // An empty optional value is as good as none (clients send "" for a field left empty).
        let empty = try #require(await harness.request(modern(2, "prompts/get", ["name": "greet", "arguments": ["name": "Ada", "mood": " "]]))?["result"])
        #expect(empty["messages"]?.arrayValue?.first?["content"]?["text"] == "Hello Ada")
    }

    static let badGets: [(JSONObject, String)] = [
        (["name": "nope"], "Unknown prompt"),
        (["name": "greet"], "needs the argument \"name\""),
        (["name": "greet", "arguments": ["name": ""]], "needs the argument \"name\""),
        (["name": "greet", "arguments": ["name": "Ada", "colour": "red"]], "has no argument \"colour\""),
        (["name": "greet", "arguments": ["name": 7]], "must be a string"),
        (["name": "greet", "arguments": ["name": "a name far longer than twenty"]], "at most 20"),
        (["name": "greet", "arguments": ["a", "b"]], "must be an object"),
        ([:], "needs the prompt's \"name\""),
    ]

    @Test(arguments: badGets)
    func badRequestsAreMinus32602SayingWhatIsWrong(params: JSONObject, words: String) async throws {
        let harness = ServerHarness(prompts: StaticPromptSource([Self.greet()]))
        let error = try #require(await harness.request(modern(1, "prompts/get", params))?["error"])
        #expect(error["code"] == -32602)
        #expect(error["message"]?.stringValue?.contains(words) == true, "\(error)")
    }

    @Test func handlerErrorsAreAnsweredAsJSONRPCErrors() async throws {
        struct Broken: Error {}
        let harness = ServerHarness(prompts: StaticPromptSource([
            Self.failing(JSONRPCError.invalidParams("argument \"x\" names nothing")),
        ]))
        let invalid = try #require(await harness.request(modern(1, "prompts/get", ["name": "fails"]))?["error"])
        #expect(invalid == ["code": -32602, "message": "Invalid params: argument \"x\" names nothing"])

        let broken = ServerHarness(prompts: StaticPromptSource([Self.failing(Broken())]))
        #expect(await broken.request(modern(2, "prompts/get", ["name": "fails"]))?["error"]?["code"] == -32603)
    }

    @Test func aRefusedPromptIsNotListedAndItsGetAndCompletionsAreRefused() async throws {
        let harness = ServerHarness(prompts: StaticPromptSource([Self.greet()], refused: ["greet": "your role can't"]))
        #expect(await harness.request(modern(1, "prompts/list"))?["result"]?["prompts"] == [])
        let get = try #require(await harness.request(modern(2, "prompts/get", ["name": "greet", "arguments": ["name": "Ada"]]))?["error"])
        #expect(get["message"] == "Invalid params: your role can't")
        let complete = try #require(await harness.request(modern(3, "completion/complete", [
            "ref": ["type": "ref/prompt", "name": "greet"], "argument": ["name": "name", "value": "n"]]))?["error"])
        #expect(complete["message"] == "Invalid params: your role can't")
    }

    // MARK: Completions

    @Test func completionsAreCappedAtAHundredWithTheTotal() async throws {
        let harness = ServerHarness(prompts: StaticPromptSource([Self.greet()]))
        let all = try #require(await harness.request(modern(1, "completion/complete", [
            "ref": ["type": "ref/prompt", "name": "greet"], "argument": ["name": "name", "value": "name"]]))?["result"]?["completion"])
        #expect(all["values"]?.arrayValue?.count == 100)
        #expect(all["values"]?.arrayValue?.first == "name1")
        #expect(all["total"] == 150)
        #expect(all["hasMore"] == true)
        let few = try #require(await harness.request(modern(2, "completion/complete", [
            "ref": ["type": "ref/prompt", "name": "greet"], "argument": ["name": "name", "value": "name14"],
            "context": ["arguments": ["mood": "calm"]]]))?["result"]?["completion"])
        // The context reaches the completer (it puts the mood first).
        #expect(few == ["values": ["calm", "name14", "name140", "name141", "name142", "name143", "name144", "name145", "name146",
                                   "name147", "name148", "name149"], "total": 12, "hasMore": false])
    }

    static let promptRef: JSON = ["type": "ref/prompt", "name": "greet"]
    static let badCompletions: [(JSONObject, String)] = [
        (["ref": ["type": "ref/prompt", "name": "nope"], "argument": ["name": "name", "value": ""]], "Unknown prompt"),
        (["ref": promptRef, "argument": ["name": "colour", "value": ""]], "has no argument \"colour\""),
        (["ref": ["type": "ref/other"], "argument": ["name": "name", "value": ""]], "ref.type"),
        (["ref": promptRef, "argument": ["name": "name"]], "\"argument\" must be"),
        (["ref": promptRef, "argument": ["name": "name", "value": .string(String(repeating: "x", count: 1001))]], "longer than 1000"),
        (["ref": promptRef, "argument": ["name": "name", "value": ""], "context": ["arguments": ["mood": 1]]], "context.arguments"),
        (["argument": ["name": "name", "value": ""]], "\"ref\" must be"),
    ]

    @Test(arguments: badCompletions)
    func badCompletionsAreMinus32602(params: JSONObject, words: String) async throws {
        let harness = ServerHarness(prompts: StaticPromptSource([Self.greet()]))
        let error = try #require(await harness.request(modern(1, "completion/complete", params))?["error"])
        #expect(error["code"] == -32602)
        #expect(error["message"]?.stringValue?.contains(words) == true, "\(error)")
    }

    @Test func anArgumentWithoutACompleterCompletesToNothing() async throws {
        let plain = Prompt(name: "plain", title: "Plain", description: "No completer.",
                           arguments: [PromptArgument(name: "text", title: "Text", description: "Anything.")]) { _, _ in
            PromptResult(description: nil, messages: [])
        }
        let harness = ServerHarness(prompts: StaticPromptSource([plain]))
        let result = try #require(await harness.request(modern(1, "completion/complete", [
            "ref": ["type": "ref/prompt", "name": "plain"], "argument": ["name": "text", "value": "a"]]))?["result"])
        #expect(result["completion"] == ["values": [], "total": 0, "hasMore": false])
        #expect(result["resultType"] == "complete")
    }

    // MARK: Capabilities, notifications, the hold

    @Test func capabilitiesFollowTheRevisionAndWhatTheServerHas() async throws {
        let bare = try #require(await ServerHarness().request(modern(1, "server/discover"))?["result"]?["capabilities"])
        #expect(bare["prompts"] == nil && bare["resources"] == nil && bare["completions"] == nil)
        #expect(await ServerHarness().request(modern(2, "prompts/list"))?["error"]?["code"] == -32601)

        let full = ServerHarness(prompts: StaticPromptSource([]), resources: StaticResourceSource())
        let discovered = try #require(await full.request(modern(3, "server/discover"))?["result"]?["capabilities"])
        #expect(discovered["prompts"] == [:])
        #expect(discovered["resources"] == [:])
        #expect(discovered["completions"] == [:])
        for (version, hasCompletions) in [("2024-11-05", false), ("2025-03-26", true), ("2025-11-25", true)] {
            let harness = ServerHarness(prompts: StaticPromptSource([]), resources: StaticResourceSource())
            let reply = await harness.request(legacy(1, "initialize", ["protocolVersion": .string(version), "capabilities": [:]]))
            let capabilities = try #require(reply?["result"]?["capabilities"])
            #expect(capabilities["prompts"] == ["listChanged": true])
            #expect(capabilities["resources"] == ["listChanged": true])
            #expect((capabilities["completions"] != nil) == hasCompletions, "\(version)")
        }
    }

    @Test func promptAndResourceListChangesGoOnlyToALegacySession() async throws {
        let harness = ServerHarness(prompts: StaticPromptSource([]), resources: StaticResourceSource())
        harness.server.promptListChanged()
        harness.server.resourceListChanged()
        #expect(harness.sink.messages.isEmpty)
        await harness.initialize()
        harness.server.promptListChanged()
        harness.server.resourceListChanged()
        let methods = await harness.sink.wait(for: 3).compactMap { $0["method"]?.stringValue }
        #expect(methods == ["notifications/prompts/list_changed", "notifications/resources/list_changed"])
    }

    @Test func theFirstPromptListWaitsForItsSourceToSettle() async throws {
        let source = HeldPromptSource(prompts: [Self.greet()])
        let harness = ServerHarness(prompts: source)
        harness.send(modern(1, "prompts/list"))
        try await source.waiting.wait(until: { $0 == 1 })
        #expect(harness.sink.messages.isEmpty, "held while the source settles")
        source.open()
        let reply = await harness.sink.response(id: 1)
        #expect(reply?["result"]?["prompts"]?.arrayValue?.count == 1)
    }
}

/// Fixed prompts; those in `refused` are not listed and answer with their refusal.
struct StaticPromptSource: PromptSource {
    let prompts: [Prompt]
    let refused: [String: String]

    init(_ prompts: [Prompt], refused: [String: String] = [:]) {
        self.prompts = prompts
        self.refused = refused
    }

    func listedPrompts() -> [Prompt] { prompts.filter { refused[$0.name] == nil } }

    func prompt(named name: String) -> Prompt? {
        guard let prompt = prompts.first(where: { $0.name == name }) else { return nil }
        return refused[name].map(prompt.refusing) ?? prompt
    }

    var listTimeToLive: Int { 1234 }
}

/// A source that is not settled until the test opens it.
final class HeldPromptSource: PromptSource {
    let prompts: [Prompt]
    /// How many lists are waiting in `settle`.
    let waiting = Watched(0)
    private let opened = Watched(false)

    init(prompts: [Prompt]) {
        self.prompts = prompts
    }

    func open() { opened.withLock { $0 = true } }

    func listedPrompts() -> [Prompt] { prompts }
    func prompt(named name: String) -> Prompt? { prompts.first { $0.name == name } }
    var listTimeToLive: Int { 0 }
    var isSettled: Bool { opened.current }

    func settle(within limit: Duration) async {
        waiting.withLock { $0 += 1 }
        _ = try? await opened.wait(until: { $0 }, timeout: limit)
    }
}
