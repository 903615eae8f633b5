import HoursmithClient
import JSONCore
import MCPCore

/// Time: list_time_entries, get_time_entry, create_time_entry, update_time_entry, delete_time_entry, start_timer, stop_timer, get_running_timer. (To be written.)
enum TimeTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        []
    }
}
