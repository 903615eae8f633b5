/// Every tool of hoursmith-mcp, in the order they are listed (toolset by toolset): the one table
/// a new tool is added to. Names, `--help` and the tool options are derived from it.
enum Catalog {
    static let tools: [CatalogTool] = AccountTools.all + ClientTools.all + ProjectTools.all + TaskTools.all
        + TimeTools.all + TimesheetTools.all + ExpenseTools.all + InvoiceTools.all + ReportTools.all

    /// Every tool's name, toolset by toolset, in the order they are listed.
    static var names: [(toolset: Toolset, tools: [String])] {
        Toolset.allCases.map { toolset in (toolset, tools.filter { $0.toolset == toolset }.map(\.name)) }
    }
}
