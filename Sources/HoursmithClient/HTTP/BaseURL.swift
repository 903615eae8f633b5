import Foundation

/// The API's base URL, checked: https, or plain http to a loopback host only.
struct BaseURL: Sendable {
    /// Without a trailing slash, e.g. `https://hoursmith.app/api/v1`.
    let text: String
    /// `https://hoursmith.app` (`http://127.0.0.1:8080`).
    let origin: String
    let host: String
    /// Plain http (to a loopback host, the only place it is allowed): reached directly, never
    /// through a proxy.
    let isPlainHTTP: Bool

    init(_ raw: String) throws(HoursmithError) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = BaseURL.shown(trimmed)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw .invalidBaseURL(shown, reason: "it is not an absolute URL with a host")
        }
        guard components.user == nil, components.password == nil else {
            throw .invalidBaseURL(shown, reason: "it must not contain a user name or password")
        }
        guard components.query == nil, components.fragment == nil else {
            throw .invalidBaseURL(shown, reason: "it must not have a query or a fragment")
        }
        switch scheme {
        case "https":
            break
        case "http":
            guard BaseURL.isLoopback(host) else {
                throw .invalidBaseURL(shown, reason: "plain http would send the token unencrypted, and is allowed only to a loopback host")
            }
        default:
            throw .invalidBaseURL(shown, reason: "the scheme must be https")
        }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        let port = components.port.map { ":\($0)" } ?? ""
        let hostText = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        self.origin = "\(scheme)://\(hostText)\(port)"
        self.host = host
        self.isPlainHTTP = scheme == "http"
        self.text = origin + path
    }

    /// The URL of `path` (which starts with `/`) with `query`.
    func url(path: String, query: QueryItems) -> URL? {
        let encoded = query.encoded
        return URL(string: text + path + (encoded.isEmpty ? "" : "?" + encoded))
    }

    /// Whether `host` is 127.0.0.0/8, ::1 or localhost.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCIIDigit) && (Int(octet) ?? 256) <= 255
        }
    }

    /// `raw` as a message may show it, whether or not it is a URL: never a user name or password,
    /// a query or a fragment (any of which may hold a secret), nor a control character; at most
    /// 200 characters. What precedes an `@` is left out, wherever the `@` is.
    ///
    /// `https://me:pw@hoursmith.app/api/v1?key=x#y` is shown `https://hoursmith.app/api/v1`.
    static func shown(_ raw: String) -> String {
        var text = Substring(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        if let end = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<end] }
        if let at = text.lastIndex(of: "@") {
            text = schemePrefix(of: text) + text[text.index(after: at)...]
        }
        var shown = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
        if shown.count > 200 { shown = shown.prefix(200) + "…" }
        return shown.isEmpty ? "(empty)" : shown
    }

    /// `https://` of `https://…`: a letter, then letters, digits, `+`, `-` or `.`, then `:` and at
    /// least one slash (`me:pw@host` has no scheme). Empty when the text does not start with one.
    private static func schemePrefix(of text: Substring) -> Substring {
        guard let colon = text.firstIndex(of: ":"), let first = text.first, first.isASCII, first.isLetter,
              text[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return "" }
        let slashes = text[text.index(after: colon)...].prefix { $0 == "/" }
        return slashes.isEmpty ? "" : text[..<slashes.endIndex]
    }
}

extension HoursmithConfiguration {
    /// An API URL as any message may show it, whether or not it is one: scheme, host, port and
    /// path — never a user name, password, query or fragment — and at most 200 characters.
    package static func shown(apiURL raw: String) -> String {
        BaseURL.shown(raw)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
