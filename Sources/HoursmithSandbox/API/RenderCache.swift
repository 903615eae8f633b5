import JSONCore
import ConcurrencyHelpers

/// The serialized form of stopped time entries, reused from one list answer to the next while
/// neither the entry nor any name it shows has changed: walking 10,000 entries again then costs
/// a copy per entry instead of building and writing JSON.
///
/// An item is valid when its entry equals the current one and it was made under the current
/// `Store.namesVersion` (bumped by every write to clients, projects and tasks). Running entries
/// are never cached: their hours change by the second.
final class RenderCache: Sendable {
    private struct Item {
        let entry: TimeEntryRecord
        let namesVersion: Int
        let bytes: [UInt8]
    }

    private let items = Locked([Int: Item]())

    /// Appends the JSON text of the rows to `bytes`, comma-separated: from the cache where
    /// valid, else rendered there (and remembered).
    func append(_ rows: [TimeEntryRecord], to bytes: inout [UInt8], namesVersion: Int, render: (TimeEntryRecord) -> JSON) {
        var cached = [[UInt8]?](repeating: nil, count: rows.count)
        items.withLock { items in
            for (index, row) in rows.enumerated() {
                if let item = items[row.id], item.namesVersion == namesVersion, item.entry == row { cached[index] = item.bytes }
            }
        }
        var fresh: [Item] = []
        for (index, row) in rows.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if let text = cached[index] {
                bytes.append(contentsOf: text)
                continue
            }
            let start = bytes.count
            render(row).serialize(into: &bytes)
            if !row.isRunning {
                fresh.append(Item(entry: row, namesVersion: namesVersion, bytes: Array(bytes[start...])))
            }
        }
        if !fresh.isEmpty {
            items.withLock { items in
                for item in fresh { items[item.entry.id] = item }
            }
        }
    }
}
