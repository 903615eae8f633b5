/// The whole state of a sandbox: every workspace's objects, tokens and idempotency records.
///
/// A value type: the service keeps it behind one lock, and a read-only request works on a copy
/// (copy-on-write makes that copy free), so long pages render without holding the lock.
struct Store: Sendable {
    var workspaces: [Int: WorkspaceRecord] = [:]
    var users: [Int: UserRecord] = [:]
    var tokens: [String: TokenRecord] = [:]
    var clients: [Int: ClientRecord] = [:]
    var projects: [Int: ProjectRecord] = [:]
    var tasks: [Int: TaskRecord] = [:]
    var timeEntries = OrderedTable<TimeEntryRecord>()
    var expenses = OrderedTable<ExpenseRecord>()
    var invoices: [Int: InvoiceRecord] = [:]
    /// Ids of the running time entries (at most one per user).
    var runningEntryIDs: Set<Int> = []
    /// Remembered 2xx answers to requests with an `Idempotency-Key`, by token and key.
    var idempotency: [IdempotencyKey: IdempotencyRecord] = [:]

    /// Bumped by every write to clients, projects and tasks: rendered names may have changed.
    var namesVersion = 0

    var nextClientID = 1
    var nextProjectID = 1
    var nextTaskID = 1
    var nextTimeEntryID = 1
    var nextExpenseID = 1
    var nextInvoiceID = 1

    /// Sets every `next…ID` past the highest id of its kind.
    mutating func resetIDCounters() {
        nextClientID = (clients.keys.max() ?? 0) + 1
        nextProjectID = (projects.keys.max() ?? 0) + 1
        nextTaskID = (tasks.keys.max() ?? 0) + 1
        nextTimeEntryID = timeEntries.maxID + 1
        nextExpenseID = expenses.maxID + 1
        nextInvoiceID = (invoices.keys.max() ?? 0) + 1
    }

    // MARK: Lookups within a workspace

    func client(_ id: Int, in workspace: Int) -> ClientRecord? {
        guard let client = clients[id], client.workspaceID == workspace else { return nil }
        return client
    }

    func project(_ id: Int, in workspace: Int) -> ProjectRecord? {
        guard let project = projects[id], project.workspaceID == workspace else { return nil }
        return project
    }

    func task(_ id: Int, in workspace: Int) -> TaskRecord? {
        guard let task = tasks[id], projects[task.projectID]?.workspaceID == workspace else { return nil }
        return task
    }

    /// A listed (not removed) user of the workspace.
    func user(_ id: Int, in workspace: Int) -> UserRecord? {
        guard let user = users[id], user.workspaceID == workspace, !user.isRemoved else { return nil }
        return user
    }

    // MARK: Timers

    /// The hours of an entry at `now`: what it had plus, while running, the time since the
    /// timer started, rounded to the hundredth.
    func currentHours(of entry: TimeEntryRecord, now: Int) -> Int {
        guard let started = entry.timerStartedAt else { return entry.hours }
        return entry.hours + Store.hundredths(ofSeconds: max(0, now - started))
    }

    /// Seconds as hundredths of an hour, rounded half up (36 s is one hundredth).
    static func hundredths(ofSeconds seconds: Int) -> Int {
        (seconds + 18) / 36
    }

    /// Stops a running entry, adding the elapsed time to its hours.
    mutating func stopTimer(_ id: Int, now: Int) {
        guard var entry = timeEntries[id: id], entry.isRunning else { return }
        entry.hours = currentHours(of: entry, now: now)
        entry.timerStartedAt = nil
        entry.updatedAt = now
        timeEntries.update(entry)
        runningEntryIDs.remove(id)
    }

    /// Stops the user's running timer, if any, except `keeping`.
    mutating func stopRunningTimer(ofUser userID: Int, now: Int, keeping: Int? = nil) {
        for id in runningEntryIDs where id != keeping && timeEntries[id: id]?.userID == userID {
            stopTimer(id, now: now)
        }
    }

    /// Stops every timer running on a project (or, with `taskID`, on that task).
    /// Archives (`active` false) or restores a project or a task; archiving stops the timers
    /// running on it. Nothing changes when it already is so.
    mutating func setActive<Record: Archivable>(_ active: Bool, _ table: WritableKeyPath<Store, [Int: Record]>, id: Int, now: Int) {
        guard var record = self[keyPath: table][id], record.isActive != active else { return }
        record.isActive = active
        record.updatedAt = now
        self[keyPath: table][id] = record
        if !active { _ = stopTimers(projectID: record.timerScope.projectID, taskID: record.timerScope.taskID, now: now) }
    }

    mutating func stopTimers(projectID: Int? = nil, taskID: Int? = nil, now: Int) -> [Int] {
        var stopped: [Int] = []
        for id in runningEntryIDs.sorted() {
            guard let entry = timeEntries[id: id] else { continue }
            if let projectID, entry.projectID != projectID { continue }
            if let taskID, entry.taskID != taskID { continue }
            stopTimer(id, now: now)
            stopped.append(id)
        }
        return stopped
    }

    // MARK: Rates

    /// The hourly rate (cents) that bills an entry: the task's, else the project's, else 0.
    func hourlyRate(projectID: Int, taskID: Int) -> Int {
        tasks[taskID]?.hourlyRate ?? projects[projectID]?.hourlyRate ?? 0
    }

    /// The next invoice number of a workspace: `INV-` and four or more digits.
    func nextInvoiceNumber(in workspace: Int) -> String {
        var highest = 0
        for invoice in invoices.values where invoice.workspaceID == workspace {
            if let number = Int(invoice.number.dropFirst(4)) { highest = max(highest, number) }
        }
        let digits = String(highest + 1)
        return "INV-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// An idempotency key as the store files it: per token.
struct IdempotencyKey: Hashable, Sendable {
    let token: String
    let key: String
}

/// The first 2xx answer to a request with an `Idempotency-Key`, and what identified the request.
struct IdempotencyRecord: Sendable {
    let method: String
    let path: String
    let body: [UInt8]
    let response: APIResponse
    let createdAt: Int
}
