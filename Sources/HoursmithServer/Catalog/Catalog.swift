/// Every tool of hoursmith-mcp, in the order they are listed (toolset by toolset).
enum Catalog {
    /// Every tool's name, toolset by toolset, in the order `tools(_:)` lists them: what `--help`
    /// shows and the tool options are checked against, known without building a tool.
    /// (CatalogTests checks it against the built catalog: a new tool goes in both.)
    static let names: [(toolset: Toolset, tools: [String])] = [
        (.account, ["get_current_user", "list_users"]),
        (.clients, ["list_clients", "get_client", "create_client", "update_client", "delete_client"]),
        (.projects, ["list_projects", "get_project", "create_project", "update_project", "archive_project"]),
        (.tasks, ["list_tasks", "get_task", "create_task", "update_task", "archive_task"]),
        (.time, ["list_time_entries", "get_time_entry", "create_time_entry", "update_time_entry", "delete_time_entry",
                 "start_timer", "stop_timer", "get_running_timer"]),
        (.expenses, ["list_expenses", "get_expense", "create_expense", "update_expense", "delete_expense"]),
        (.invoices, ["list_invoices", "get_invoice", "create_invoice"]),
        (.reports, ["get_time_report"]),
    ]

    static func tools(_ environment: ToolEnvironment) -> [CatalogTool] {
        AccountTools.all(environment)
            + ClientTools.all(environment)
            + ProjectTools.all(environment)
            + TaskTools.all(environment)
            + TimeTools.all(environment)
            + ExpenseTools.all(environment)
            + InvoiceTools.all(environment)
            + ReportTools.all(environment)
    }
}
