/// A copy of the sandbox's state at one moment, for assertions.
public struct SandboxSnapshot: Sendable {
    public let workspaces: [Int: WorkspaceRecord]
    public let users: [Int: UserRecord]
    public let tokens: [String: TokenRecord]
    public let clients: [Int: ClientRecord]
    public let projects: [Int: ProjectRecord]
    public let tasks: [Int: TaskRecord]
    /// Newest first; `timeEntries[id: 5]` finds one.
    public let timeEntries: OrderedTable<TimeEntryRecord>
    /// Newest first; `expenses[id: 5]` finds one.
    public let expenses: OrderedTable<ExpenseRecord>
    public let invoices: [Int: InvoiceRecord]

    init(_ store: Store) {
        workspaces = store.workspaces
        users = store.users
        tokens = store.tokens
        clients = store.clients
        projects = store.projects
        tasks = store.tasks
        timeEntries = store.timeEntries
        expenses = store.expenses
        invoices = store.invoices
    }
}
