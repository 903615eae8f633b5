import HoursmithClient
import JSONCore
import MCPCore

/// A resource of the catalog with a fixed URI.
struct CatalogResource: Sendable {
    let uri: String
    let name: String
    let title: String
    let description: String
    let audience: Audience
    let action: String
    /// The JSON it shows, and how long a client may keep it (milliseconds).
    let timeToLive: Int
    let read: @Sendable (ToolCall) async throws -> JSON
}

/// A resource template of the catalog: `hoursmith://projects/{project_id}`.
struct CatalogTemplate: Sendable {
    let uriTemplate: URITemplate
    let name: String
    let title: String
    let description: String
    let audience: Audience
    let action: String
    let timeToLive: Int
    let complete: @Sendable (CompletionRequest, ToolCall) async throws -> Completion
    /// The JSON shown for the variables' values (throws a ``Refusal`` for one that names nothing).
    let read: @Sendable ([String: String], ToolCall) async throws -> JSON
}
