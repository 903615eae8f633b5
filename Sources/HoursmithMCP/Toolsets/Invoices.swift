import HoursmithClient
import JSONCore
import MCPCore

/// Invoices: list_invoices, get_invoice, create_invoice. (To be written.)
enum InvoiceTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        []
    }
}
