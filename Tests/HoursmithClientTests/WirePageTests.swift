import Foundation
import HoursmithSandbox
import JSONCore
import Testing
@testable import HoursmithClient

/// Pages in their wire form: the same items and pagination as the typed pages, undecoded.
@Suite struct WirePageTests {
    @Test(arguments: [1, 2, 7])
    func aWirePageHasTheTypedPagesItemsAsTheAPIWroteThem(page number: Int) async throws {
        let harness = try Harness()
        let filter = TimeEntryFilter(from: harness.today.adding(days: -60))
        let typed = try await harness.client.page(.timeEntries(filter), page: number, perPage: 25)
        let wire = try await harness.client.wirePage(.timeEntries(filter), page: number, perPage: 25)
        #expect(wire.items.count == typed.items.count)
        #expect(wire.items.map { $0.json } == typed.items.map { .object($0.json) })
        #expect(wire.page == typed.page)
        #expect(wire.perPage == typed.perPage)
        #expect(wire.totalPages == typed.totalPages)
        #expect(wire.totalEntries == typed.totalEntries)
        #expect(wire.nextPage == typed.nextPage)
        #expect(wire.previousPage == typed.previousPage)
    }

    @Test func everyListHasAWireForm() async throws {
        let harness = try Harness()
        let client = harness.client
        let counts = [
            try await (client.wirePage(.clients()).items.count, client.listClients().items.count),
            try await (client.wirePage(.projects()).items.count, client.listProjects().items.count),
            try await (client.wirePage(.tasks()).items.count, client.listTasks().items.count),
            try await (client.wirePage(.users()).items.count, client.listUsers().items.count),
            try await (client.wirePage(.expenses()).items.count, client.listExpenses().items.count),
            try await (client.wirePage(.invoices()).items.count, client.listInvoices().items.count),
        ]
        for (wire, typed) in counts {
            #expect(wire == typed)
            #expect(wire > 0)
        }
    }

    @Test func aBodyThatIsNotJSONIsUndecodable() async throws {
        let harness = try Harness()
        harness.sandbox.inject(.nonJSONBody, method: "GET", path: "/clients")
        do {
            _ = try await harness.client.wirePage(.clients())
            Issue.record("an HTML page was taken for a list")
        } catch {
            #expect(error.code == "undecodable_response")
            #expect(error.message.contains("not JSON"))
        }
    }

    @Test func itemsMustBeObjectsWithIntegerIDs() throws {
        let shapes: [(String, String)] = [
            (#"{"clients":[{"id":1},{"id":"2"}],"page":1,"per_page":2,"total_pages":1,"total_entries":2,"next_page":null,"previous_page":null}"#, "clients[1]"),
            (#"{"clients":[{"id":1},3],"page":1,"per_page":2,"total_pages":1,"total_entries":2,"next_page":null,"previous_page":null}"#, "clients[1]"),
            (#"{"clients":{},"page":1,"per_page":2,"total_pages":1,"total_entries":2,"next_page":null,"previous_page":null}"#, "clients"),
            (#"{"clients":[],"page":"1","per_page":2,"total_pages":1,"total_entries":0,"next_page":null,"previous_page":null}"#, "page"),
        ]
        for (text, path) in shapes {
            let document = try JSONDocument(bytes: Array(text.utf8))
            #expect(throws: JSONDecodingError.self) { try Page(wire: document.root, listKey: "clients") }
            do {
                _ = try Page(wire: document.root, listKey: "clients")
            } catch {
                #expect(error.path == path)
            }
        }
        let fine = #"{"clients":[{"id":1,"name":"x"}],"page":1,"per_page":1,"total_pages":3,"total_entries":3,"next_page":2,"previous_page":null}"#
        let page = try Page(wire: JSONDocument(bytes: Array(fine.utf8)).root, listKey: "clients")
        #expect(page.items.count == 1)
        #expect(page.nextPage == 2)
        #expect(page.totalPages == 3)
    }
}
