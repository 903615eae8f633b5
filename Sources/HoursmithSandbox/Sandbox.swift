import ConcurrencyHelpers
import Foundation

/// The Hoursmith REST API in memory, served over HTTP/1.1 on 127.0.0.1: every endpoint, role,
/// plan, guard, validation, idempotency and rate-limit rule of the contract, on a seeded
/// workspace (see `Fixture` and docs/SANDBOX.md).
///
/// ```swift
/// let sandbox = try Sandbox(.relaxed)
/// defer { sandbox.shutdown() }
/// // point a client at sandbox.baseURL with Fixture.Token.owner
/// ```
package final class Sandbox: SandboxControls {
    private let configuration: SandboxConfiguration
    package let service: SandboxService
    private let server: HTTPServer
    /// The seed's "today" (main workspace time zone, at start).
    package let todayNumber: Int

    /// Seeds a fresh state and starts serving.
    package init(_ configuration: SandboxConfiguration = .init()) throws {
        self.configuration = configuration
        (service, todayNumber) = try SandboxService.seeded(configuration)
        do {
            server = try HTTPServer(port: configuration.port, handler: service)
        } catch {
            throw SandboxError(description: "The sandbox could not listen on 127.0.0.1:\(configuration.port): \(error)")
        }
        service.api.setFallbackHost("127.0.0.1:\(server.port)")
    }

    /// Seeds a fresh state and starts serving, the seeding (12,000 entries: real work) on a
    /// thread of its own, so that the tasks of the caller's concurrency pool go on meanwhile.
    package static func start(_ configuration: SandboxConfiguration = .init()) async throws -> Sandbox {
        try await onItsOwnThread { Result { try Sandbox(configuration) } }.get()
    }

    deinit {
        shutdown()
    }

    /// The port it listens on.
    package var port: UInt16 { server.port }

    /// `http://127.0.0.1:<port>/api/v1`.
    package var baseURL: String { "http://127.0.0.1:\(port)\(APIService.basePath)" }

    /// Stops serving and closes every connection. Idempotent; also done on deinit.
    package func shutdown() {
        service.faults.openGates()
        server.stop()
    }
}
