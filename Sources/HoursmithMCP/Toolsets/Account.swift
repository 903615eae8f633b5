import HoursmithClient
import JSONCore
import MCPCore

/// Account: get_current_user, list_users. (To be written.)
enum AccountTools {
    static func all(_ environment: ToolEnvironment) -> [CatalogTool] {
        []
    }
}
