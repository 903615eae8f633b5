import HoursmithClient
import JSONCore
import MCPCore

/// Projects: list_projects, get_project, create_project, update_project, archive_project. (To be written.)
enum ProjectTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        []
    }
}
