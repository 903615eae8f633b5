/// What a handler throws to end its request in its own words. The server answers each request
/// kind as it calls for (``MCPServer/serve(_:_:_:completion:failures:work:)``): a tool call with a
/// tool error (a result with `isError`), a prompt, resource or completion request with a JSON-RPC
/// error. A ``JSONRPCError`` may be thrown as well, and is answered as it is (a tool call shows
/// its message as a tool error).

/// The request could not be done: `message` says why and what to do. A tool error; -32603 for
/// the other requests.
package struct ToolError: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}

/// What the request asks for is not this client's to have: its role may not, or there is no
/// such thing for it. A tool error; -32602 for a prompt or a completion; for a resource read, the
/// error the revision defines for a missing resource (-32002 until 2025-11-25, -32602 from
/// 2026-07-28), `message` in its message and the URI in its data.
package struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}
