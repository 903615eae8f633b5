import Foundation
import JSONCore
import Testing
@testable import MCPCore

/// Resources and templates in both eras: lists, reads of fixed URIs and of templates (with their
/// variables), the missing-resource error of each revision, and template completions.
@Suite struct ResourceTests {
    @Test func templatesMatchOnlyWhatTheyDescribe() {
        let template = URITemplate("hoursmith://projects/{project_id}")
        #expect(template.variables == ["project_id"])
        #expect(template.match("hoursmith://projects/12") == ["project_id": "12"])
        #expect(template.match("hoursmith://projects/a%20b") == ["project_id": "a b"])
        #expect(template.match("hoursmith://projects/") == nil)
        #expect(template.match("hoursmith://projects/1/tasks") == nil)
        #expect(template.match("hoursmith://projects/1?x=2") == nil)
        #expect(template.match("hoursmith://clients/1") == nil)
        #expect(template.match("xhoursmith://projects/1") == nil)
        let two = URITemplate("x://{a}/items/{b}.json")
        #expect(two.variables == ["a", "b"])
        #expect(two.match("x://7/items/9.json") == ["a": "7", "b": "9"])
        #expect(two.match("x://7/items/9.txt") == nil)
    }

    @Test func fieldsFollowTheRevision() {
        let source = StaticResourceSource()
        let resource = source.resources[0].json(for: .v2025_03_26)
        #expect(resource.objectValue?.keys == ["uri", "name", "description", "mimeType"])
        #expect(source.resources[0].json(for: .v2025_06_18)["title"] == "The thing")
        let template = source.templates[0].json(for: .v2024_11_05)
        #expect(template.objectValue?.keys == ["uriTemplate", "name", "description", "mimeType"])
        #expect(source.templates[0].json(for: .v2026_07_28)["title"] == "An item")
    }

    @Test func listsInBothEras() async throws {
        let harness = ServerHarness(resources: StaticResourceSource())
        let resources = try #require(await harness.request(modern(1, "resources/list"))?["result"])
        #expect(resources["resources"]?.arrayValue?.map { $0["uri"] } == ["test://thing"])
        #expect(resources["cacheScope"] == "private")
        #expect(resources["ttlMs"] == 5000)
        let templates = try #require(await harness.request(modern(2, "resources/templates/list"))?["result"])
        #expect(templates["resourceTemplates"]?.arrayValue?.map { $0["uriTemplate"] } == ["test://items/{id}"])
        #expect(templates["cacheScope"] == "private")
        await harness.initialize("2024-11-05")
        let legacyList = try #require(await harness.request(legacy(3, "resources/templates/list"))?["result"])
        #expect(legacyList["resultType"] == nil && legacyList["ttlMs"] == nil)
        #expect(legacyList["resourceTemplates"]?.arrayValue?.first?["title"] == nil)
    }

    @Test func readsAFixedURIAndATemplate() async throws {
        let harness = ServerHarness(resources: StaticResourceSource())
        let thing = try #require(await harness.request(modern(1, "resources/read", ["uri": "test://thing"]))?["result"])
        #expect(thing["contents"] == [["uri": "test://thing", "mimeType": "application/json", "text": #"{"thing":true}"#]])
        #expect(thing["ttlMs"] == 0)
        #expect(thing["cacheScope"] == "private")
        #expect(thing["resultType"] == "complete")
        let item = try #require(await harness.request(modern(2, "resources/read", ["uri": "test://items/42"]))?["result"])
        #expect(item["contents"]?.arrayValue?.first?["text"] == #"{"id":"42"}"#)
        #expect(item["ttlMs"] == 60000)
    }

    @Test(arguments: [
        ("2024-11-05", -32002), ("2025-06-18", -32002), ("2025-11-25", -32002), ("2026-07-28", -32602),
    ])
    func aMissingResourceIsTheRevisionsError(version: String, code: Int) async throws {
        let harness = ServerHarness(resources: StaticResourceSource())
        let isModern = version == "2026-07-28"
        if !isModern { await harness.initialize(version) }
        func read(_ id: Int, _ uri: String) async -> JSON? {
            let params: JSONObject = ["uri": .string(uri)]
            return await harness.request(isModern ? modern(.int(id), "resources/read", params) : legacy(.int(id), "resources/read", params))?["error"]
        }
        // No such URI at all, and one the reader says names nothing.
        let unknown = try #require(await read(1, "test://nothing"))
        #expect(unknown["code"] == .int(code))
        #expect(unknown["message"]?.stringValue?.hasPrefix("Resource not found: ") == true)
        #expect(unknown["message"]?.stringValue?.contains("test://thing, test://items/{id}") == true, "names what there is")
        #expect(unknown["data"] == ["uri": "test://nothing"])
        let missing = try #require(await read(2, "test://items/0"))
        #expect(missing == ["code": .int(code), "message": "Resource not found: there is no item 0", "data": ["uri": "test://items/0"]])
        let refused = try #require(await read(3, "test://secret"))
        #expect(refused["code"] == .int(code))
        #expect(refused["message"] == "Resource not found: not for you")
    }

    @Test func aRefusedTemplateIsNotListedAndCompletesToAnError() async throws {
        let harness = ServerHarness(resources: StaticResourceSource())
        let templates = try #require(await harness.request(modern(1, "resources/templates/list"))?["result"]?["resourceTemplates"])
        #expect(templates.arrayValue?.count == 1, "test://secret/{id} is refused")
        let error = try #require(await harness.request(modern(2, "completion/complete", [
            "ref": ["type": "ref/resource", "uri": "test://secret/{id}"], "argument": ["name": "id", "value": ""]]))?["error"])
        #expect(error == ["code": -32602, "message": "Invalid params: not for you"])
    }

    @Test func templateVariablesComplete() async throws {
        let harness = ServerHarness(resources: StaticResourceSource())
        let completion = try #require(await harness.request(modern(1, "completion/complete", [
            "ref": ["type": "ref/resource", "uri": "test://items/{id}"], "argument": ["name": "id", "value": "4"]]))?["result"]?["completion"])
        #expect(completion == ["values": ["4", "40", "41", "42", "43", "44", "45", "46", "47", "48", "49"], "total": 11, "hasMore": false])
        let wrong = try #require(await harness.request(modern(2, "completion/complete", [
            "ref": ["type": "ref/resource", "uri": "test://items/{id}"], "argument": ["name": "name", "value": ""]]))?["error"])
        #expect(wrong["code"] == -32602)
        let fixed = try #require(await harness.request(modern(3, "completion/complete", [
            "ref": ["type": "ref/resource", "uri": "test://thing"], "argument": ["name": "id", "value": ""]]))?["error"])
        #expect(fixed["message"]?.stringValue?.contains("its arguments: none") == true)
        let unknown = try #require(await harness.request(modern(4, "completion/complete", [
            "ref": ["type": "ref/resource", "uri": "test://other/{id}"], "argument": ["name": "id", "value": ""]]))?["error"])
        #expect(unknown["code"] == -32602)
    }
}

/// `test://thing`, the template `test://items/{id}` (ids 1–49; 0 names nothing), and
/// `test://secret` and `test://secret/{id}`, which the client may not use.
struct StaticResourceSource: ResourceSource {
    let resources = [
        Resource(uri: "test://thing", name: "thing", title: "The thing", description: "A thing.", mimeType: "application/json") { uri, _, _ in
            ResourceRead([.json(uri: uri, ["thing": true])], timeToLive: 0)
        },
    ]
    /// Declared, not listed: what a reader whose client may not read it answers (a ``Refusal``).
    let secret = Resource(uri: "test://secret", name: "secret", title: "Secret", description: "Not yours.", mimeType: "text/plain") { _, _, _ in
        throw Refusal("not for you")
    }
    let templates = [
        ResourceTemplate(
            uriTemplate: URITemplate("test://items/{id}"), name: "item", title: "An item", description: "One item.",
            mimeType: "application/json",
            completer: { request, _ in Completion(matches: (1...49).map(String.init).filter { $0.hasPrefix(request.value) }) }
        ) { uri, variables, _ in
            guard let id = variables["id"], id != "0" else { throw Refusal("there is no item \(variables["id"] ?? "")") }
            return ResourceRead([.json(uri: uri, ["id": .string(id)])], timeToLive: 60_000)
        },
    ]
    let secretTemplate = ResourceTemplate(
        uriTemplate: URITemplate("test://secret/{id}"), name: "secret", title: "Secrets", description: "Not yours.",
        mimeType: "text/plain", completer: { _, _ in throw Refusal("not for you") }) { _, _, _ in throw Refusal("not for you") }

    func listedResources() -> [Resource] { resources }
    func listedTemplates() -> [ResourceTemplate] { templates }
    func declaredResources() -> [Resource] { resources + [secret] }
    func declaredTemplates() -> [ResourceTemplate] { templates + [secretTemplate] }
    var listTimeToLive: Int { 5000 }
}
