import HoursmithClient
import JSONCore
import MCPCore

/// Tasks: list_tasks, get_task, create_task, update_task, archive_task. (To be written.)
enum TaskTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        []
    }
}
