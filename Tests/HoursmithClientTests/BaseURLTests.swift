import Testing
@testable import HoursmithClient

@Suite struct BaseURLTests {
    @Test(arguments: [
        ("https://hoursmith.app/api/v1", "https://hoursmith.app/api/v1"),
        ("https://hoursmith.app/api/v1/", "https://hoursmith.app/api/v1"),
        ("HTTPS://hoursmith.app:8443/api/v1", "https://hoursmith.app:8443/api/v1"),
        ("http://127.0.0.1:8080/api/v1", "http://127.0.0.1:8080/api/v1"),
        ("http://127.1.2.3/api/v1", "http://127.1.2.3/api/v1"),
        ("http://localhost:9/api/v1", "http://localhost:9/api/v1"),
        ("http://[::1]:8080/api/v1", "http://[::1]:8080/api/v1"),
    ])
    func accepts(raw: String, normalized: String) throws {
        #expect(try BaseURL(raw).text == normalized)
    }

    @Test(arguments: [
        "http://hoursmith.app/api/v1",
        "http://10.0.0.5:8080/api/v1",
        "http://128.0.0.1/api/v1",
        "http://127.0.0.1.example.com/api/v1",
        "http://localhost.example.com/api/v1",
        "http://[::2]/api/v1",
        "ftp://hoursmith.app/api/v1",
        "hoursmith.app/api/v1",
        "https://user:pass@hoursmith.app/api/v1",
        "https://hoursmith.app/api/v1?x=1",
        "",
    ])
    func refuses(raw: String) throws {
        let error = try #require(throws: HoursmithError.self) { try BaseURL(raw) }
        guard case .invalidBaseURL = error.kind else {
            Issue.record("expected invalidBaseURL, got \(error.kind)")
            return
        }
        #expect(error.message.contains("https://hoursmith.app/api/v1"))
        #expect(!error.message.contains("pass@"))
    }

    /// What a URL may hide — a password, a query, a fragment — is never shown, whether or not
    /// the text parses as a URL.
    @Test(arguments: [
        ("https://me:hunter2@hoursmith.app/api/v1?key=s3cret#frag-s3cret", "https://hoursmith.app/api/v1"),
        ("https://me:hunter2@hoursmith.app:notaport/api v1?key=s3cret", "https://hoursmith.app:notaport/api v1"),
        ("https:/me:hunter2@hoursmith.app/api/v1", "https:/hoursmith.app/api/v1"),
        ("me:hunter2@hoursmith.app/api/v1", "hoursmith.app/api/v1"),
        ("http://127.0.0.1:8080/api/v1#s3cret", "http://127.0.0.1:8080/api/v1"),
        ("  https://hoursmith.app/api/v1\n", "https://hoursmith.app/api/v1"),
        ("https://hoursmith.app/a\u{1B}[2Jb", "https://hoursmith.app/a?[2Jb"),
        ("", "(empty)"),
    ])
    func aURLIsShownWithoutWhatItMayHide(raw: String, shown: String) {
        #expect(BaseURL.shown(raw) == shown)
        #expect(HoursmithConfiguration.shown(apiURL: raw) == shown)
    }

    @Test func aLongURLIsShownCut() {
        let shown = BaseURL.shown("https://hoursmith.app/" + String(repeating: "a", count: 500))
        #expect(shown.count == 201)
        #expect(shown.hasSuffix("a…"))
    }

    @Test(arguments: [
        "https://me:hunter2@hoursmith.app/api/v1?key=s3cret#frag",
        "https://me:hunter2@hoursmith.app:notaport/api v1?key=s3cret#frag",
        "http://me:hunter2@10.0.0.5/api/v1",
        "ftp://me:hunter2@hoursmith.app/api/v1#frag",
        "hoursmith.app/api/v1?key=s3cret",
        "https://hoursmith.app/api/v1?key=s3cret",
    ])
    func aRefusedURLIsNeverEchoedWithWhatItMayHide(raw: String) throws {
        let error = try #require(throws: HoursmithError.self) { try BaseURL(raw) }
        for secret in ["hunter2", "s3cret", "me:"] {
            #expect(!error.message.contains(secret), "\(error.message)")
        }
    }

    @Test func theClientRefusesPlainHTTPToANonLoopbackHost() throws {
        let token = try APIToken.parse("hsk_live_0123456789ab_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef").token
        let configuration = HoursmithConfiguration(token: token, version: "1.0.0", baseURL: "http://hoursmith.app/api/v1")
        let error = try #require(throws: HoursmithError.self) { try HoursmithClient(configuration: configuration) }
        #expect(error.code == "invalid_base_url")
        #expect(error.message.contains("plain http"))
        #expect(error.message.contains("loopback"))
    }

    @Test func buildsRequestURLs() throws {
        var query = QueryItems()
        query.add("page", 2)
        let url = try BaseURL("https://hoursmith.app/api/v1/").url(path: "/time_entries", query: query)
        #expect(url?.absoluteString == "https://hoursmith.app/api/v1/time_entries?page=2")
    }
}
