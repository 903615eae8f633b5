/// How a sandbox serves: its port, the main workspace's time zone, and the rate limits.
package struct SandboxConfiguration: Sendable {
    /// The port on 127.0.0.1; 0 picks a free one.
    package var port: UInt16
    /// The main workspace's IANA time zone; "today" in the seed is today there.
    package var timezone: String
    /// Requests per token per fixed window (the contract: 100 per 15 s).
    package var requestsPerWindow: Int
    package var windowSeconds: Int
    /// Report requests per token per second, longer window (the contract: 100 per 15 min).
    package var reportRequestsPerWindow: Int
    package var reportWindowSeconds: Int

    package init(
        port: UInt16 = 0,
        timezone: String = "America/New_York",
        requestsPerWindow: Int = 100,
        windowSeconds: Int = 15,
        reportRequestsPerWindow: Int = 100,
        reportWindowSeconds: Int = 900
    ) {
        self.port = port
        self.timezone = timezone
        self.requestsPerWindow = requestsPerWindow
        self.windowSeconds = windowSeconds
        self.reportRequestsPerWindow = reportRequestsPerWindow
        self.reportWindowSeconds = reportWindowSeconds
    }

    /// The contract's limits raised out of reach, for tests that are not about rate limiting.
    package static var relaxed: SandboxConfiguration {
        SandboxConfiguration(requestsPerWindow: 1_000_000_000, reportRequestsPerWindow: 1_000_000_000)
    }
}

/// Why a sandbox could not start.
package struct SandboxError: Error, Sendable, CustomStringConvertible {
    package let description: String
}
