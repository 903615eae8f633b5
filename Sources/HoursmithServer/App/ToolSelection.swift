import HoursmithClient
import ConcurrencyHelpers
import MCPCore

/// Which tools of the catalog this process offers, from the options: toolsets and tools to
/// allow, tools to exclude, read-only. Exclusions and read-only always win.
struct ToolSelection: Equatable {
    private let options: Options

    /// The selection `options` ask for; unknown names are refused (exit 2).
    static func make(from options: Options) throws(OptionsError) -> ToolSelection {
        let allNames = Catalog.names.flatMap(\.tools)
        let toolsetNames = Toolset.allCases.map(\.rawValue)
        for name in options.toolsets ?? [] where !toolsetNames.contains(name) {
            throw OptionsError("Unknown toolset \"\(name)\". Toolsets: \(toolsetNames.joined(separator: ", ")).")
        }
        for name in (options.tools ?? []) + options.excludedTools where !allNames.contains(name) {
            throw OptionsError("Unknown tool \"\(name)\". Run hoursmith-mcp --help for the tools.")
        }
        return ToolSelection(options: options)
    }

    /// Whether the selection offers `entry`.
    func includes(_ entry: CatalogTool) -> Bool {
        var allowed = options.toolsets == nil && options.tools == nil
        if let toolsets = options.toolsets, toolsets.contains(entry.toolset.rawValue) { allowed = true }
        if let tools = options.tools, tools.contains(entry.name) { allowed = true }
        if options.excludedTools.contains(entry.name) { return false }
        if options.readOnly && !entry.isReadOnly { return false }
        return allowed
    }
}
