#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain http goes to its loopback origin directly, never through a proxy, which would read the
/// `Authorization` header in clear.
///
/// On Darwin the session is told to use no proxy (an empty `connectionProxyDictionary`). On Linux
/// URLSession ignores that setting, and libcurl takes the proxy of a plain-http request from the
/// environment: `http_proxy`, then `all_proxy` or `ALL_PROXY` (`HTTP_PROXY` too, in some versions).
/// So a client of a plain-http API removes those variables from the process's environment when it
/// is made, before its first request. The client speaks to its one origin only, so nothing else in
/// the process loses a proxy it needed; the https variables (`https_proxy`, `HTTPS_PROXY`) and
/// `no_proxy` are left alone, and an https API is reached through the proxy they name (a CONNECT
/// tunnel: the proxy sees the host name, never the request).
enum PlainHTTPProxies {
    static let variables = ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]

    /// Removes the variables that are set, and returns their names (never their values: a proxy
    /// URL may hold a password).
    static func removeFromEnvironment() -> [String] {
        variables.filter { name in
            guard getenv(name) != nil else { return false }
            unsetenv(name)
            return true
        }
    }
}
