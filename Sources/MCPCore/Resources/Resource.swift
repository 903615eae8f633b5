import JSONCore

/// One item of a `resources/read` answer: a URI and its text.
package struct ResourceContents: Sendable, Equatable {
    enum Body: Sendable, Equatable {
        case text(String)
        case json(JSON)
    }

    package let uri: String
    package let mimeType: String
    let body: Body

    /// Text of any type.
    package static func text(uri: String, mimeType: String, _ text: String) -> ResourceContents {
        ResourceContents(uri: uri, mimeType: mimeType, body: .text(text))
    }

    /// A JSON value, written compactly as `application/json` text.
    package static func json(uri: String, _ value: JSON) -> ResourceContents {
        ResourceContents(uri: uri, mimeType: "application/json", body: .json(value))
    }

    /// `TextResourceContents`.
    var json: JSON {
        let text = switch body {
        case .text(let text): text
        case .json(let value): String(decoding: value.embeddableText(), as: UTF8.self)
        }
        return ["uri": .string(uri), "mimeType": .string(mimeType), "text": .string(text)]
    }
}

/// What a read gives: the contents, and how long a client may keep them (modern `ttlMs`; the
/// cache scope is always private, as what a token reads depends on who it is).
package struct ResourceRead: Sendable, Equatable {
    package let contents: [ResourceContents]
    /// Milliseconds.
    package let timeToLive: Int

    package init(_ contents: [ResourceContents], timeToLive: Int) {
        self.contents = contents
        self.timeToLive = timeToLive
    }
}

/// Reads a resource: the URI asked for and, for a template, its variables' values. A thrown
/// ``Refusal`` (the URI names nothing this client may read) is the revision's missing-resource
/// error; a ``JSONRPCError`` is the answer; any other error is answered with -32603.
package typealias ResourceReader = @Sendable (_ uri: String, _ variables: [String: String], RequestContext) async throws -> ResourceRead

/// A resource with a fixed URI, declared once: what `resources/list` shows and its reader.
package struct Resource: Sendable {
    package let uri: String
    package let name: String
    package let title: String
    package let description: String
    package let mimeType: String
    package let reader: ResourceReader

    package init(uri: String, name: String, title: String, description: String, mimeType: String, reader: @escaping ResourceReader) {
        self.uri = uri
        self.name = name
        self.title = title
        self.description = description
        self.mimeType = mimeType
        self.reader = reader
    }

    /// The resource as `resources/list` shows it in `version` (a `title` from 2025-06-18 on).
    package func json(for version: ProtocolVersion) -> JSON {
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
package struct ResourceTemplate: Sendable {
    package let template: URITemplate
    package let name: String
    package let title: String
    package let description: String
    package let mimeType: String
    package let reader: ResourceReader
    package let completer: Completer?

    package init(
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

    package var uriTemplate: String { template.text }

    /// The template as `resources/templates/list` shows it in `version`.
    package func json(for version: ProtocolVersion) -> JSON {
        var object: JSONObject = ["uriTemplate": .string(template.text), "name": .string(name)]
        if version.hasStructuredOutput { object["title"] = .string(title) }
        object["description"] = .string(description)
        object["mimeType"] = .string(mimeType)
        return .object(object)
    }
}

/// Where the server finds its resources. Which are listed may change while the server runs (e.g.
/// once the user's role is known), but a declaration does not.
package protocol ResourceSource: Settling {
    /// The resources to list now, in a stable order.
    func listedResources() -> [Resource]
    /// The templates to list now, in a stable order.
    func listedTemplates() -> [ResourceTemplate]
    /// Every resource a read may name, listed now or not (one the client may not read answers
    /// with a ``Refusal`` from its reader).
    func declaredResources() -> [Resource]
    /// Every template a read or a completion may name, listed now or not.
    func declaredTemplates() -> [ResourceTemplate]
    /// How long a client may cache the lists, in milliseconds (modern `ttlMs`).
    var listTimeToLive: Int { get }
}
