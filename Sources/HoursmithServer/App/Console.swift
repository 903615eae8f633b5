import Foundation
import HoursmithClient
import MCPCore

/// The process's own stdout and stderr, for the modes that do not serve MCP (`--help`,
/// `--version`, `--check`) and for start-up failures. While serving, stdout belongs to the
/// transport and stderr to the logger.
///
/// Everything written passes through ``filter``, the process's one ``OutputFilter``, which the
/// server's stdout and log lines pass through too.
enum Console {
    /// The one output filter: invisible characters removed, the secrets of this process's
    /// environment hidden.
    static let filter = OutputFilter(redaction: SecretRedaction(environment: ProcessInfo.processInfo.environment))

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((filter.text(text) + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("hoursmith-mcp: " + filter.text(text) + "\n").utf8))
    }
}

/// The client logs to the server's stderr logger, which has the three methods it asks for. (The
/// two modules know nothing of each other; this executable is where they meet.)
extension Logger: ClientLogger {}

/// The one redaction is the second step of the one output filter.
extension SecretRedaction: Redacting {}
