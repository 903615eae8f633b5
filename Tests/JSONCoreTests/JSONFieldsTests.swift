import Testing
@testable import JSONCore

@Suite struct JSONFieldsTests {
    @Test func readsTypedMembers() throws {
        let fields = try JSONFields(["id": 7, "name": "Acme", "address": nil, "client": ["id": 1, "name": "X"]])
        #expect(try fields.int("id") == 7)
        #expect(try fields.string("name") == "Acme")
        #expect(try fields.optionalString("address") == nil)
        #expect(try fields.optionalString("absent") == nil)
        #expect(try fields.fields("client").int("id") == 1)
    }

    @Test func errorsNameThePathAndWhatWasFound() throws {
        let json: JSON = ["entries": [["project": ["id": 1]], ["project": ["id": "two"]]]]
        let fields = try JSONFields(json)
        #expect(throws: JSONDecodingError(path: "entries[1].project.id", problem: "expected an integer, found the string \"two\"")) {
            try fields.objects("entries") { (entry) throws(JSONDecodingError) in try entry.fields("project").int("id") }
        }
        #expect(throws: JSONDecodingError(path: "name", problem: "missing (expected a string)")) {
            try fields.string("name")
        }
        #expect(throws: JSONDecodingError(path: "entries", problem: "expected a string or null, found an array")) {
            try fields.optionalString("entries")
        }
    }
}
