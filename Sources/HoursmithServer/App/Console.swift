import ConcurrencyHelpers
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

    /// Tokens a command handles besides the environment's (typed at `setup`'s prompt, read from a
    /// client's config by `doctor`): hidden in everything the console writes from then on.
    private static let handled = Locked<[SecretRedaction]>([])

    /// Hides a token given as it was typed or read (a token, or the words of one refused for its
    /// form), wherever it shows in what the console writes from now on.
    static func hide(rawToken raw: String) {
        handled.withLock { $0.append(SecretRedaction(rawToken: raw)) }
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((shown(text) + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("hoursmith-mcp: " + shown(text) + "\n").utf8))
    }

    /// `text` through the filter, then through the redaction of every token handled.
    private static func shown(_ text: String) -> String {
        handled.current.reduce(filter.text(text)) { text, redaction in redaction.redact(text) }
    }
}

/// The client logs to the server's stderr logger, which has the three methods it asks for. (The
/// two modules know nothing of each other; this executable is where they meet.)
extension Logger: ClientLogger {}

/// The one redaction is the second step of the one output filter.
extension SecretRedaction: Redacting {}
