import MCPCore
import JSONCore
#if canImport(Glibc)
import Glibc
#endif
let tool = Tool(name: "echo", title: "Echo", description: "Echo", inputSchema: .object(["text": .string("t")], required: ["text"]),
                outputSchema: .object(["echo": .string("e")], required: ["echo"]),
                annotations: ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)) { a, _ in
    .success(["echo": .string(a.string("text") ?? "")])
}
let logger = Logger(label: "hoursmith-mcp", level: .debug, redact: Redaction.redact)
let stdio = StdioServer(configuration: ServerConfiguration(name: "hoursmith-mcp", title: "Hoursmith", version: "0.1.0", instructions: "hi"), tools: StaticToolSource([tool]), logger: logger)
exit(stdio.run())
