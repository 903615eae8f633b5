/// A copy of the sandbox's state at one moment, for assertions.
package struct SandboxSnapshot: Sendable {
    package let workspaces: [Int: WorkspaceRecord]
    package let users: [Int: UserRecord]
    package let tokens: [String: TokenRecord]
    package let clients: [Int: ClientRecord]
    package let projects: [Int: ProjectRecord]
    package let tasks: [Int: TaskRecord]
    /// Newest first; `timeEntries[id: 5]` finds one.
    package let timeEntries: OrderedTable<TimeEntryRecord>
    /// Newest first; `expenses[id: 5]` finds one.
    package let expenses: OrderedTable<ExpenseRecord>
    package let invoices: [Int: InvoiceRecord]

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
