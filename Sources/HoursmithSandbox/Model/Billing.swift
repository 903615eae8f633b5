/// Invoice import: turning a client's unbilled time and expenses into line items.
extension Store {
    /// What an import would bill: the ids of every billable, not invoiced, stopped time entry and
    /// every billable, not invoiced expense of the client dated `from...to`, on `projectIDs` when
    /// given.
    func billable(clientID: Int, from: Int, to: Int, projectIDs: Set<Int>?) -> (entries: [Int], expenses: [Int]) {
        var billed = Set<Int>()
        for project in projects.values where project.clientID == clientID && (projectIDs?.contains(project.id) ?? true) {
            billed.insert(project.id)
        }
        // Rows are newest first: skip those after `to`, stop at the first before `from`.
        var entries: [Int] = []
        for entry in timeEntries.rows {
            if entry.spentDay > to { continue }
            if entry.spentDay < from { break }
            if entry.billable && entry.invoiceID == nil && entry.timerStartedAt == nil && billed.contains(entry.projectID) {
                entries.append(entry.id)
            }
        }
        var expenses: [Int] = []
        for expense in self.expenses.rows {
            if expense.spentDay > to { continue }
            if expense.spentDay < from { break }
            if expense.billable && expense.invoiceID == nil && billed.contains(expense.projectID) {
                expenses.append(expense.id)
            }
        }
        return (entries, expenses)
    }

    /// Marks the given entries and expenses as invoiced on `invoiceID` and returns the line items
    /// that bill them: one `time` item per project and task (quantity the hours, unit price the
    /// task's or project's rate) and one `expense` item per project and category (quantity 1,
    /// unit price the sum), ordered by project name, then task name or category.
    mutating func bill(entries entryIDs: [Int], expenses expenseIDs: [Int], invoiceID: Int, now: Int) -> [LineItemRecord] {
        struct Key: Hashable { let projectID: Int; let detail: String; let taskID: Int }
        var hoursByTask: [Key: Int] = [:]
        for id in entryIDs {
            guard var entry = timeEntries[id: id] else { continue }
            let key = Key(projectID: entry.projectID, detail: tasks[entry.taskID]?.name ?? "", taskID: entry.taskID)
            hoursByTask[key, default: 0] += entry.hours
            entry.invoiceID = invoiceID
            entry.updatedAt = now
            timeEntries.update(entry)
        }
        var amountByCategory: [Key: Int] = [:]
        for id in expenseIDs {
            guard var expense = expenses[id: id] else { continue }
            let key = Key(projectID: expense.projectID, detail: expense.category, taskID: 0)
            amountByCategory[key, default: 0] += expense.amount
            expense.invoiceID = invoiceID
            expense.updatedAt = now
            expenses.update(expense)
        }
        func ordered(_ keys: Dictionary<Key, Int>.Keys) -> [Key] {
            keys.sorted {
                let a = projects[$0.projectID]?.name ?? "", b = projects[$1.projectID]?.name ?? ""
                return a != b ? a < b : ($0.detail != $1.detail ? $0.detail < $1.detail : $0.taskID < $1.taskID)
            }
        }
        var items: [LineItemRecord] = []
        for key in ordered(hoursByTask.keys) {
            let hours = hoursByTask[key] ?? 0
            let rate = hourlyRate(projectID: key.projectID, taskID: key.taskID)
            items.append(LineItemRecord(
                kind: "time", description: "\(projects[key.projectID]?.name ?? "Project") / \(key.detail)",
                quantity: hours, unitPrice: rate, amount: Hundredths.multiply(hours, rate) ?? 0, projectID: key.projectID))
        }
        for key in ordered(amountByCategory.keys) {
            let amount = amountByCategory[key] ?? 0
            items.append(LineItemRecord(
                kind: "expense", description: "\(projects[key.projectID]?.name ?? "Project") / \(key.detail)",
                quantity: 100, unitPrice: amount, amount: amount, projectID: key.projectID))
        }
        return items
    }
}
