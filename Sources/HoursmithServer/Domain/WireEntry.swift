import Foundation
import HoursmithClient
import MCPCore

/// A time entry as the API wrote it — an item of a validated list page, not decoded — read member
/// by member as each caller needs (hours, date, references), with the one refusal every reader
/// gives when the answer lacks a member: the totals, the short days and the invoice lines read
/// tens of thousands of entries this way.
struct WireEntry {
    let item: WireItem
    /// Its place, for the refusal: its position on its page (from 1), and the page.
    let position: Int
    let page: Int

    /// The entries of a page, in the API's order.
    static func entries(of page: Page<WireItem>) -> [WireEntry] {
        page.items.enumerated().map { WireEntry(item: $1, position: $0 + 1, page: page.page) }
    }

    /// `hours`, in hundredths.
    func hours() throws(ToolError) -> Int {
        guard let number = item["hours"]?.json.numberValue, let hours = Hundredths.parse(number) else { throw lacking("hours") }
        return hours
    }

    /// `hours`, exactly.
    func exactHours() throws(ToolError) -> Decimal {
        guard let number = item["hours"]?.json.numberValue, let hours = Decimal(jsonNumber: number) else { throw lacking("hours") }
        return hours
    }

    /// `spent_date` as written (`YYYY-MM-DD`), for callers that read each day once.
    func dateText() throws(ToolError) -> String {
        guard let text = item["spent_date"]?.json.stringValue else { throw lacking("spent_date") }
        return text
    }

    /// `spent_date`, a day of the calendar.
    func date(_ text: String) throws(ToolError) -> LocalDate {
        guard let date = LocalDate(text) else { throw lacking("spent_date") }
        return date
    }

    /// What each `spent_date` means to a reader (its day, its week's label), worked out once per
    /// text: a page of two thousand entries has a few dozen days.
    struct PerDay<Value> {
        private var known: [String: Value] = [:]

        mutating func value(of entry: WireEntry, _ make: (String) throws(ToolError) -> Value) throws(ToolError) -> Value {
            let text = try entry.dateText()
            if let value = known[text] { return value }
            let value = try make(text)
            known[text] = value
            return value
        }
    }

    func bool(_ key: String) throws(ToolError) -> Bool {
        guard let value = item[key]?.json.boolValue else { throw lacking(key) }
        return value
    }

    /// The id of a reference member (`user`, `project`, `task`, `client`).
    func id(_ key: String) throws(ToolError) -> Int {
        guard let id = item[key]?["id"]?.json.intValue else { throw lacking(key) }
        return id
    }

    /// A reference member, id and name.
    func reference(_ key: String) throws(ToolError) -> NamedReference {
        guard let object = item[key], let id = object["id"]?.json.intValue, let name = object["name"]?.json.stringValue
        else { throw lacking(key) }
        return NamedReference(id: id, name: name)
    }

    /// The name of a reference member, when it has one.
    func name(_ key: String) -> String? {
        item[key]?["name"]?.json.stringValue
    }

    /// The refusal: which entry lacks what, and that nothing was read from the answer.
    func lacking(_ member: String) -> ToolError {
        ToolError("Hoursmith answered with a time entry (position \(position) of page \(page)) without a readable `\(member)`, "
            + "so nothing was counted. This version of hoursmith-mcp may be out of date, or something between it and "
            + "Hoursmith changed the answer.")
    }
}
