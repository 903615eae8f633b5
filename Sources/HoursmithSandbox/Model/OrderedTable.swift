/// A row kept in "newest first" order: `spent_date` descending, then `id` descending, the
/// order the contract gives time entries and expenses.
package protocol OrderedRow: Sendable {
    var id: Int { get }
    var spentDay: Int { get }
}

/// Rows kept sorted newest first, so that a list request filters in order without sorting, and
/// found by id in O(log n).
package struct OrderedTable<Row: OrderedRow>: Sendable {
    /// Every row, newest first.
    package private(set) var rows: [Row] = []
    private var dayByID: [Int: Int] = [:]

    init() {}

    /// A table of rows that are already newest first (as the seed makes them).
    init(newestFirst rows: [Row]) {
        self.rows = rows
        dayByID = Dictionary(minimumCapacity: rows.count)
        for row in rows { dayByID[row.id] = row.spentDay }
    }

    package var count: Int { rows.count }

    /// The row with this id, or nil.
    package subscript(id id: Int) -> Row? {
        guard let index = index(of: id) else { return nil }
        return rows[index]
    }

    /// The highest id in the table, or 0.
    var maxID: Int { dayByID.keys.max() ?? 0 }

    /// Adds a row (its id must be new).
    mutating func insert(_ row: Row) {
        rows.insert(row, at: insertionIndex(day: row.spentDay, id: row.id))
        dayByID[row.id] = row.spentDay
    }

    /// Replaces the row with the same id, moving it when its date changed.
    mutating func update(_ row: Row) {
        guard let index = index(of: row.id) else { return insert(row) }
        if rows[index].spentDay == row.spentDay {
            rows[index] = row
        } else {
            rows.remove(at: index)
            dayByID[row.id] = nil
            insert(row)
        }
    }

    /// Removes and returns the row with this id.
    @discardableResult
    mutating func remove(id: Int) -> Row? {
        guard let index = index(of: id) else { return nil }
        dayByID[id] = nil
        return rows.remove(at: index)
    }

    /// Removes every row that matches; returns how many went.
    @discardableResult
    mutating func removeAll(where shouldRemove: (Row) -> Bool) -> Int {
        let before = rows.count
        rows.removeAll { row in
            guard shouldRemove(row) else { return false }
            dayByID[row.id] = nil
            return true
        }
        return before - rows.count
    }

    private func index(of id: Int) -> Int? {
        guard let day = dayByID[id] else { return nil }
        let index = insertionIndex(day: day, id: id)
        return index < rows.count && rows[index].id == id ? index : nil
    }

    /// The first index whose row does not precede (day, id).
    private func insertionIndex(day: Int, id: Int) -> Int {
        var low = 0, high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if OrderedTable.precedes(rows[middle].spentDay, rows[middle].id, day, id) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    private static func precedes(_ dayA: Int, _ idA: Int, _ dayB: Int, _ idB: Int) -> Bool {
        dayA != dayB ? dayA > dayB : idA > idB
    }
}
