import Foundation
import JSONCore
import HoursmithSandbox
import Testing

/// Reading values out of results the way the sandbox stores them, and setting up races.

/// A two-decimal value from a result (money or hours), in hundredths: the sandbox's unit.
func hundredths(_ value: JSON?) -> Int? {
    guard let literal = value?.numberValue?.literal, let amount = Decimal(string: literal) else { return nil }
    return NSDecimalNumber(decimal: amount * 100).intValue
}

/// The ids of a list result's items, e.g. `ids(page, "invoices")`.
func ids(_ page: JSON, _ plural: String) -> [Int] {
    page[plural]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
}

/// `YYYY-MM` of the month before the one `today` (YYYY-MM-DD) is in.
func previousMonth(_ today: String) -> String {
    let year = Int(today.prefix(4)) ?? 0, month = Int(today.dropFirst(5).prefix(2)) ?? 1
    return month == 1 ? "\(year - 1)-12" : "\(year)-" + (month - 1 < 10 ? "0" : "") + "\(month - 1)"
}

/// A `YYYY-MM-DD` day moved by whole days.
func day(_ date: String, plus days: Int) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    guard let start = formatter.date(from: date) else { return date }
    return formatter.string(from: start.addingTimeInterval(Double(days) * 86_400))
}

extension Harness {
    /// Calls `tool` while the sandbox holds its `DELETE path`, and runs `meanwhile` once the
    /// DELETE has arrived and before it is processed — "someone changed things in between".
    func callWhileDeleteIsHeld(
        _ path: String, _ tool: String, _ arguments: JSONObject, meanwhile: () async throws -> Void
    ) async throws -> ToolOutcome {
        let gate = SandboxGate()
        sandbox.inject(.hold(gate), method: "DELETE", path: path)
        async let outcome = call(tool, arguments)
        try await waitForRequest { $0.hasPrefix("DELETE") }
        try await meanwhile()
        gate.open()
        return try await outcome
    }

    /// Waits until a request matching `matches` (`METHOD /path`) has reached the sandbox.
    func waitForRequest(_ matches: @escaping @Sendable (String) -> Bool) async throws {
        try await sandbox.waitForRequests { matches("\($0.method) \($0.path)") }
    }
}
