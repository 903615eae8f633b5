import HoursmithClient
import JSONCore
import MCPCore

/// Reports: get_time_report. (To be written.)
enum ReportTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        []
    }
}
