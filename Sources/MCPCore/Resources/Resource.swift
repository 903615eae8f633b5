import JSONCore

/// One item of a `resources/read` answer: a URI and its text.
public struct ResourceContents: Sendable, Equatable {
    enum Body: Sendable, Equatable {
        case text(String)
        case json(JSON)
    }

    public let uri: String
    public let mimeType: String
    let body: Body

    /// Text of any type.
    public static func text(uri: String, mimeType: String, _ text: String) -> ResourceContents {
        ResourceContents(uri: uri, mimeType: mimeType, body: .text(text))
    }

    /// A JSON value, written compactly as `application/json` text.
    public static func json(uri: String, _ value: JSON) -> ResourceContents {
        ResourceContents(uri: uri, mimeType: "application/json", body: .json(value))
    }

    /// `TextResourceContents`.
    var json: JSON {
        let text = switch body {
        case .text(let text): ModelText.text(text)
        case .json(let value): ModelText.json(value)
        }
        return ["uri": .string(uri), "mimeType": .string(mimeType), "text": .string(text)]
    }
}

/// What a read gives: the contents, and how long a client may keep them (modern `ttlMs`; the
/// cache scope is always private, as what a token reads depends on who it is).
public struct ResourceRead: Sendable, Equatable {
    public let contents: [ResourceContents]
    /// Milliseconds.
    public let timeToLive: Int

    public init(_ contents: [ResourceContents], timeToLive: Int) {
        self.contents = contents
        self.timeToLive = timeToLive
    }
}

/// Thrown by a reader when the URI names nothing this client may read: answered with the error
/// the revision defines for a missing resource (-32002 until 2025-11-25, -32602 from 2026-07-28),
/// `detail` in its message and the URI in its data.
public struct ResourceNotFound: Error, Sendable, Equatable {
    public let detail: String

    public init(_ detail: String) {
        self.detail = detail
    }
}

/// Reads a resource: the URI asked for and, for a template, its variables' values. A thrown
/// ``ResourceNotFound`` or ``JSONRPCError`` is the answer; any other error is answered with -32603.
public typealias ResourceReader = @Sendable (_ uri: String, _ variables: [String: String], ToolContext) async throws -> ResourceRead

/// A resource with a fixed URI, declared once: what `resources/list` shows and its reader.
public struct Resource: Sendable {
    public let uri: String
    public let name: String
    public let title: String
    public let description: String
    public let mimeType: String
    public let reader: ResourceReader

    public init(uri: String, name: String, title: String, description: String, mimeType: String, reader: @escaping ResourceReader) {
        self.uri = uri
        self.name = name
        self.title = title
        self.description = description
        self.mimeType = mimeType
        self.reader = reader
    }

    /// The same declaration, whose reads answer that it is not found, saying why (a resource the
    /// client may not read now).
    public func refusing(_ detail: String) -> Resource {
        Resource(uri: uri, name: name, title: title, description: description, mimeType: mimeType) { _, _, _ in
            throw ResourceNotFound(detail)
        }
    }

    /// The resource as `resources/list` shows it in `version` (a `title` from 2025-06-18 on).
    public func json(for version: ProtocolVersion) -> JSON {
        var object: JSONObject = ["uri": .string(uri), "name": .string(name)]
        if version.hasStructuredOutput { object["title"] = .string(title) }
        object["description"] = .string(description)
        object["mimeType"] = .string(mimeType)
        return .object(object)
    }
}

/// Resources named by a URI template (RFC 6570, simple `{variable}` expressions), declared once:
/// what `resources/templates/list` shows, the reader of the URIs it matches, and the completer
/// of its variables.
public struct ResourceTemplate: Sendable {
    public let template: URITemplate
    public let name: String
    public let title: String
    public let description: String
    public let mimeType: String
    public let reader: ResourceReader
    public let completer: Completer?

    public init(
        uriTemplate: URITemplate, name: String, title: String, description: String, mimeType: String,
        completer: Completer? = nil, reader: @escaping ResourceReader
    ) {
        self.template = uriTemplate
        self.name = name
        self.title = title
        self.description = description
        self.mimeType = mimeType
        self.completer = completer
        self.reader = reader
    }

    public var uriTemplate: String { template.text }

    /// The same declaration, whose reads answer that the resource is not found and whose
    /// completions answer -32602, saying why (a template the client may not use now).
    public func refusing(_ detail: String) -> ResourceTemplate {
        ResourceTemplate(uriTemplate: template, name: name, title: title, description: description, mimeType: mimeType,
                         completer: { _, _ in throw JSONRPCError.invalidParams(detail) },
                         reader: { _, _, _ in throw ResourceNotFound(detail) })
    }

    /// The template as `resources/templates/list` shows it in `version`.
    public func json(for version: ProtocolVersion) -> JSON {
        var object: JSONObject = ["uriTemplate": .string(template.text), "name": .string(name)]
        if version.hasStructuredOutput { object["title"] = .string(title) }
        object["description"] = .string(description)
        object["mimeType"] = .string(mimeType)
        return .object(object)
    }
}

/// Where the server finds its resources. Which are listed may change while the server runs (e.g.
/// once the user's role is known), but a declaration does not.
public protocol ResourceSource: Settling {
    /// The resources to list now, in a stable order.
    func listedResources() -> [Resource]
    /// The templates to list now, in a stable order.
    func listedTemplates() -> [ResourceTemplate]
    /// Every resource a read may name, listed now or not (one the client may not read answers
    /// with its refusal, see ``Resource/refusing(_:)``).
    func declaredResources() -> [Resource]
    /// Every template a read or a completion may name, listed now or not.
    func declaredTemplates() -> [ResourceTemplate]
    /// How long a client may cache the lists, in milliseconds (modern `ttlMs`).
    var listTimeToLive: Int { get }
}
