import JSONCore

/// A JSON-RPC error object: a code, a message for a person, and optional data.
///
/// Error messages often echo what the client sent (a method or tool name, a version): the message
/// and the strings of `data` are cut to ``messageLimit`` and ``dataStringLimit`` characters, so
/// that no reply carries more than a bounded part of the input. (Like everything written, the
/// reply passes through the ``OutputFilter``.)
package struct JSONRPCError: Error, Sendable, Equatable {
    package let code: Int
    package let message: String
    package let data: JSON?

    /// The most characters of a message.
    package static let messageLimit = 400
    /// The most characters of a string in `data`.
    package static let dataStringLimit = 80

    package init(code: Int, message: String, data: JSON? = nil) {
        self.code = code
        self.message = JSONRPCError.bounded(message, to: JSONRPCError.messageLimit)
        self.data = data.map(JSONRPCError.bounded)
    }

    /// `text` cut to `limit` code points with an ellipsis.
    static func bounded(_ text: String, to limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard let cut = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex), cut != scalars.endIndex
        else { return text }
        return String(scalars[..<cut]) + "…"
    }

    private static func bounded(_ data: JSON) -> JSON {
        switch data {
        case .string(let string): .string(bounded(string, to: dataStringLimit))
        case .array(let elements): .array(elements.map(bounded))
        case .object(let object): .object(JSONObject(object.map { (bounded($0.key, to: dataStringLimit), bounded($0.value)) }))
        case .null, .bool, .number: data
        }
    }

    package var json: JSON {
        var object: JSONObject = ["code": .int(code), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }
}

extension JSONRPCError {
    /// -32700: the line is not valid UTF-8 JSON.
    package static let parseErrorCode = -32700
    /// -32600: the message is not a valid JSON-RPC request.
    package static let invalidRequestCode = -32600
    /// -32601: no such method.
    package static let methodNotFoundCode = -32601
    /// -32602: the method's parameters are invalid (also: unknown tool, bad cursor, missing `_meta`;
    /// from 2026-07-28, a resource that does not exist).
    package static let invalidParamsCode = -32602
    /// -32603: the server failed to answer (e.g. the API it reads failed).
    package static let internalErrorCode = -32603
    /// -32002: the resource does not exist (until 2025-11-25; 2026-07-28 uses -32602).
    package static let legacyResourceNotFoundCode = -32002
    /// -32022: the request's protocol version is not one this server supports (2026-07-28).
    package static let unsupportedProtocolVersionCode = -32022

    package static func parseError(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: parseErrorCode, message: "Parse error: \(detail)")
    }

    package static func invalidRequest(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: invalidRequestCode, message: "Invalid request: \(detail)")
    }

    package static func methodNotFound(_ method: String) -> JSONRPCError {
        JSONRPCError(code: methodNotFoundCode, message: "Method not found: \(bounded(method, to: 80))")
    }

    package static func invalidParams(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: invalidParamsCode, message: "Invalid params: \(detail)")
    }

    /// -32603 with what went wrong in words a person can act on.
    package static func internalError(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: internalErrorCode, message: detail)
    }

    /// The revision's error for a resource that does not exist: `"Resource not found: <detail>"`,
    /// the URI in `data`.
    static func resourceNotFound(_ uri: String, detail: String, version: ProtocolVersion) -> JSONRPCError {
        JSONRPCError(code: version.isModern ? invalidParamsCode : legacyResourceNotFoundCode,
                     message: "Resource not found: \(detail)", data: ["uri": .string(uri)])
    }
}
