import HoursmithClient
import JSONCore
import MCPCore

/// One prompt of the catalog: what MCP shows, the tools its messages send the model to, and how
/// its messages and completions are made. ``PromptSurface`` turns it into an MCP ``Prompt``.
struct CatalogPrompt: Sendable {
    let name: String
    let title: String
    let description: String
    let arguments: [PromptArgument]
    /// The tools the messages tell the model to call: the prompt is offered only where the
    /// options offer each of them and only to roles that may use them all.
    let needs: [String]
    /// Roles the prompt is for, besides what its tools allow (a member's report covers only the
    /// member's own time, so a project's budget can't be judged from it).
    let audience: Audience
    /// What it does, for refusals: "review a project's budget".
    let action: String
    /// Values for the arguments that name something; nil for free text.
    let complete: @Sendable (CompletionRequest, ToolCall) async throws -> Completion
    let messages: @Sendable (PromptCall) async throws -> PromptResult
}
