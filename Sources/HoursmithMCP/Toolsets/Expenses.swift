import HoursmithClient
import JSONCore
import MCPCore

/// Expenses: list_expenses, get_expense, create_expense, update_expense, delete_expense. (To be written.)
enum ExpenseTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        []
    }
}
