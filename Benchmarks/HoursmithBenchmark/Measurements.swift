import Foundation
import JSONCore

/// A sample of durations in milliseconds.
struct Sample {
    var values: [Double] = []

    mutating func add(_ value: Double) { values.append(value) }

    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[rank]
    }

    var median: Double { percentile(50) }
}

/// Requests as a client writes them.
enum Requests {
    static let meta = #""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}"#

    static func modern(_ id: Int, _ method: String, _ params: String = "") -> String {
        let inner = params.isEmpty ? meta : "\(params),\(meta)"
        return #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":{\#(inner)}}"#
    }

    static func call(_ id: Int, _ tool: String, _ arguments: String) -> String {
        modern(id, "tools/call", #""name":"\#(tool)","arguments":\#(arguments)"#)
    }

    static func initialize(_ id: Int) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}"#
    }
}

/// The benchmark's figures, by name, in the order they are printed.
struct Results {
    var rows: [(name: String, value: Double, unit: String, target: String, met: Bool?)] = []

    mutating func add(_ name: String, _ value: Double, _ unit: String, target: String = "", met: Bool? = nil) {
        rows.append((name, value, unit, target, met))
    }

    func table() -> String {
        var lines = ["| figure | value | target | |", "| --- | ---: | --- | --- |"]
        for row in rows {
            let value = row.value.isNaN ? "n/a" : format(row.value, row.unit)
            let verdict = row.met.map { $0 ? "met" : "MISSED" } ?? ""
            lines.append("| \(row.name) | \(value) | \(row.target) | \(verdict) |")
        }
        return lines.joined(separator: "\n")
    }

    func json(extra: JSONObject) -> String {
        var object = extra
        for row in rows {
            let key = row.name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
            object[String(key).split(separator: "_").joined(separator: "_") + "_" + row.unit.filter(\.isLetter)] =
                row.value.isNaN ? .null : .double((row.value * 1000).rounded() / 1000)
        }
        return JSON.object(object).serializedString()
    }

    private func format(_ value: Double, _ unit: String) -> String {
        switch unit {
        case "ms": value < 1 ? String(format: "%.3f ms", value) : String(format: "%.1f ms", value)
        case "/s": String(format: "%.0f /s", value)
        case "×": String(format: "%.2f×", value)
        case "MiB": String(format: "%.1f MiB", value)
        default: String(format: "%.0f %@", value, unit)
        }
    }
}
