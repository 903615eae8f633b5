/// Every tool of hoursmith-mcp, in the order they are listed (toolset by toolset).
enum Catalog {
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
