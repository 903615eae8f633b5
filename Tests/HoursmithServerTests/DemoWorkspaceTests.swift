import Foundation
import ConcurrencyHelpers
import HoursmithClient
import HoursmithSandbox
import Testing
@testable import HoursmithServer
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The bridge between the client and the in-process sandbox (`DemoTransport`): the real client —
/// its headers, retries, error mapping — answered by the sandbox's service with no socket; and
/// the options that turn the demo on.
@Suite struct DemoWorkspaceTests {
    // MARK: The transport bridge

    @Test func requestsReachTheSandboxAsSentAndAnswersComeBackAsOverHTTP() async throws {
        let sandbox = try await seeded(.relaxed)
        let owner = try client(.owner, sandbox)

        let me = try await owner.me()
        #expect(me.user.name == "Olivia Hart" && me.user.role == .owner && me.workspace.name == "Northwind Studio")

        // A filtered page: the query arrives as the client wrote it, and the page is the contract's.
        let today = try #require(LocalDate(sandbox.today))
        let page = try await owner.listTimeEntries(TimeEntryFilter(userID: Fixture.User.manager, to: today), page: 2, perPage: 3)
        #expect(page.items.count == 3 && page.page == 2 && page.previousPage == 1 && page.totalEntries > 6)
        #expect(page.items.allSatisfy { $0.user.id == Fixture.User.manager && $0.spentDate <= today })
        let listed = try #require(sandbox.requests().last)
        #expect(listed.method == "GET" && listed.path == "/time_entries")
        #expect(listed.query == ["user_id": "3", "to": sandbox.today, "page": "2", "per_page": "3"])

        // A create: body, Content-Type, Idempotency-Key and User-Agent arrive; text with reserved
        // characters comes back byte for byte.
        let notes = "Fix a+b & c=d / 100% — naïve ✓"
        let created = try await owner.createTimeEntry(TimeEntryDraft(
            projectID: Fixture.Project.acmeWebsite, taskID: Fixture.Task.acmeDesign, spentDate: today, hours: 1.25, notes: notes))
        #expect(created.notes == notes && created.hours == 1.25 && created.user.id == Fixture.User.owner)
        let post = try #require(sandbox.requests().last)
        #expect(post.method == "POST" && post.path == "/time_entries" && post.status == 201)
        #expect(post.headers["user-agent"] == "hoursmith-mcp/\(Product.version)")
        #expect(post.headers["content-type"] == "application/json")
        #expect((post.headers["idempotency-key"]?.count ?? 0) >= 16)
        #expect(post.headers["authorization"] == "Bearer \(Fixture.Token.owner)")

        // A delete (204, no body), and the entry is gone.
        try await owner.deleteTimeEntry(id: created.id)
        await #expect(throws: HoursmithError.self) { _ = try await owner.getTimeEntry(id: created.id) }
        #expect(sandbox.requests().suffix(2).map(\.status) == [204, 404])
        #expect(sandbox.snapshot().timeEntries[id: created.id] == nil)
    }

    @Test func rolesAndGuardsAreTheContractsOwn() async throws {
        let sandbox = try await seeded(.relaxed)
        let member = try client(.member, sandbox)
        #expect(try await member.me().user.name == "Sam Carter")
        let forbidden = await failure { _ = try await member.listClients() }
        #expect(forbidden?.kind == .forbidden && forbidden?.status == 403)

        let owner = try client(.owner, sandbox)
        let guarded = await failure { try await owner.deleteClient(id: Fixture.Client.acme) }
        #expect(guarded?.kind == .clientHasActiveProjects && guarded?.status == 422)
        #expect(sandbox.snapshot().clients[Fixture.Client.acme] != nil)
    }

    @Test func a429IsWaitedOutAsRetryAfterAsks() async throws {
        // Two requests per 15-second window; the client's sleeps move the sandbox's clock instead of waiting.
        let sandbox = try await seeded(SandboxConfiguration(requestsPerWindow: 2, windowSeconds: 15))
        let sleeps = Locked([Duration]())
        let elapsed = Locked(Duration.zero)
        let origin = ContinuousClock.now
        let clock = ClientClock(now: { origin + elapsed.current }, sleep: { duration in
            sleeps.withLock { $0.append(duration) }
            elapsed.withLock { $0 += duration }
            sandbox.advanceClock(seconds: Int(duration.components.seconds))
        })
        let owner = try client(.owner, sandbox) { $0.clock = clock }
        for _ in 0..<3 { #expect(try await owner.me().user.id == Fixture.User.owner) }
        // One wait, no longer than the window, and long enough: the request after it was admitted.
        #expect(sandbox.requests().map(\.status) == [200, 200, 429, 200])
        #expect(sleeps.current.count == 1 && sleeps.current.allSatisfy { $0 >= .seconds(1) && $0 <= .seconds(15) }, "\(sleeps.current)")
    }

    @Test func faultsBecomeTheFailuresHTTPWouldGive() async throws {
        let sandbox = try await seeded(.relaxed)
        let owner = try client(.owner, sandbox) { $0.retry = .never }

        sandbox.inject(.dropConnection(afterProcessing: false), path: "/me")
        #expect(await failure { _ = try await owner.me() }?.kind == .connectionLost)

        sandbox.inject(.redirect(location: "https://elsewhere.example/api/v1/me", status: 307), path: "/me")
        #expect(await failure { _ = try await owner.me() }?.kind == .redirectRefused(status: 307, location: "https://elsewhere.example/api/v1/me"))

        sandbox.inject(.status(503), path: "/me")
        #expect(await failure { _ = try await owner.me() }?.kind == .serverError(status: 503))

        // A held request ends at the try's time limit, as an exchange over HTTP would.
        let gate = SandboxGate()
        sandbox.inject(.hold(gate), path: "/me")
        let short = try client(.owner, sandbox) { $0.retry = .never; $0.requestTimeout = .milliseconds(200) }
        let held = await failure { _ = try await short.me() }
        gate.open()
        #expect(held?.kind == .timedOut, "\(String(describing: held))")
        #expect(try await owner.me().user.id == Fixture.User.owner, "answers again once the fault is spent")
    }

    @Test func aCancelledCallStopsWaitingForAHeldAnswer() async throws {
        let sandbox = try await seeded(.relaxed)
        let gate = SandboxGate()
        sandbox.inject(.hold(gate), path: "/me")
        let owner = try client(.owner, sandbox) { $0.retry = .never }
        let call = Task { await failure { _ = try await owner.me() } }
        // The request is on its way (held at the gate) before the call is cancelled.
        try await sandbox.waitForRequests(timeout: .seconds(10)) { $0.path == "/me" }
        call.cancel()
        let error = await call.value
        gate.open()
        #expect(error?.kind == .cancelled)
    }

    @Test func theDemoSeedsItsOwnWorkspaceOnAThreadAndEachOneStartsFromTheSeed() async throws {
        // Two transports made as --demo makes them: each seeds a workspace of its own.
        let first = DemoTransport(role: .member)
        let second = DemoTransport(role: .owner)
        let member = try HoursmithClient(configuration: configuration(.member, transport: first))
        #expect(try await member.me().user.name == "Sam Carter")
        let created = try await member.createTimeEntry(TimeEntryDraft(
            projectID: Fixture.Project.acmeWebsite, taskID: Fixture.Task.acmeDesign, spentDate: try #require(LocalDate("2026-01-05")),
            hours: 2))
        let owner = try HoursmithClient(configuration: configuration(.owner, transport: second))
        #expect(try await owner.me().user.name == "Olivia Hart")
        #expect(try await first.sandbox().snapshot().timeEntries[id: created.id] != nil)
        #expect(try await second.sandbox().snapshot().timeEntries[id: created.id] == nil, "the other workspace is the seed's")
        #expect(try await first.sandbox().requests().isEmpty, "the demo keeps no request log")
    }

    @Test func theExchangeIsWhatTheHTTPServerWouldHaveRead() throws {
        var request = URLRequest(url: try #require(URL(string: "https://demo.hoursmith.invalid/api/v1/clients?name=a%2Bb%20c&page=2")))
        request.httpMethod = "PATCH"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("x/1", forHTTPHeaderField: "User-Agent")
        request.httpBody = Data("{\"name\":\"A\"}".utf8)
        let exchange = try #require(DemoTransport.exchange(request))
        #expect(exchange.method == "PATCH")
        #expect(exchange.target == "/api/v1/clients?name=a%2Bb%20c&page=2")
        #expect(exchange.headers["content-type"] == "application/json" && exchange.headers["user-agent"] == "x/1")
        #expect(exchange.body == Array("{\"name\":\"A\"}".utf8))
    }

    // MARK: Options

    @Test func theDemoIsTurnedOnByTheFlagOrTheEnvironmentAndAsksForARole() throws {
        #expect(try Options.parse([], environment: [:]).demo == nil)
        #expect(try Options.parse(["--demo"], environment: [:]).demo == .owner)
        #expect(try Options.parse([], environment: ["HOURSMITH_DEMO": "1"]).demo == .owner)
        #expect(try Options.parse([], environment: ["HOURSMITH_DEMO": "true"]).demo == .owner, "an MCPB boolean setting")
        #expect(try Options.parse([], environment: ["HOURSMITH_DEMO": "false"]).demo == nil, "an MCPB boolean setting, off")
        #expect(try Options.parse(["--demo-role", "member"], environment: [:]).demo == .member, "--demo-role implies --demo")
        #expect(try Options.parse(["--demo-role=Manager"], environment: [:]).demo == .manager)
        #expect(try Options.parse(["--demo"], environment: ["HOURSMITH_DEMO_ROLE": "admin"]).demo == .admin)
        #expect(try Options.parse([], environment: ["HOURSMITH_DEMO_ROLE": "admin"]).demo == nil, "the role alone is no demo")
        #expect(try Options.parse(["--demo-role", "member"], environment: ["HOURSMITH_DEMO_ROLE": "admin"]).demo == .member)
        for (arguments, environment) in [
            (["--demo-role", "boss"], [String: String]()), (["--demo"], ["HOURSMITH_DEMO_ROLE": "root"]), ([], ["HOURSMITH_DEMO": "maybe"]),
            (["--demo-role"], [:]), (["--demo", "--api-url", "https://hoursmith.app/api/v1"], [:]),
        ] {
            #expect(throws: OptionsError.self, "\(arguments) \(environment)") { try Options.parse(arguments, environment: environment) }
        }
    }

    @Test func inTheDemoTheTokenAndAPIURLAreNotRead() throws {
        let environment = ["HOURSMITH_API_TOKEN": "hsk_live_0123456789ab_RealSecretRealSecretRealSecret00", "HOURSMITH_API_URL": "https://x.example/api/v1"]
        let demo = try Options.parse(["--demo"], environment: environment)
        #expect(demo.rawToken == nil && demo.apiURL == nil)
        #expect(demo.ignoredForDemo == ["HOURSMITH_API_TOKEN", "HOURSMITH_API_URL"])
        let real = try Options.parse([], environment: environment)
        #expect(real.rawToken == environment["HOURSMITH_API_TOKEN"] && real.apiURL == "https://x.example/api/v1" && real.demo == nil)
        #expect(try Options.parse(["--demo"], environment: [:]).ignoredForDemo.isEmpty)
    }

    @Test func theInstructionsLeadWithTheDemoOnlyInTheDemo() {
        #expect(Product.instructions(demo: nil) == Product.instructions)
        let demo = Product.instructions(demo: .manager)
        #expect(demo.hasPrefix("DEMO:") && demo.contains("demo manager") && demo.hasSuffix(Product.instructions))
    }

    @Test func setupNamesADemoEntryApartAndWritesNoToken() throws {
        #expect(try SetupCommand.parse(["cursor", "--demo"]).serverName(demo: true) == "hoursmith-demo")
        #expect(try SetupCommand.parse(["cursor", "--demo", "--name", "try-it"]).serverName(demo: true) == "try-it")
        #expect(try SetupCommand.parse(["cursor"]).serverName(demo: false) == "hoursmith")
        let entry = ServerEntry(command: "/opt/hoursmith-mcp", arguments: ["--demo-role", "member"], token: nil, apiURL: nil)
        #expect(entry.json(revealingToken: true) == ["command": "/opt/hoursmith-mcp", "args": ["--demo-role", "member"]])
        #expect(entry.claudeCodeCommand(name: "hoursmith-demo")
            == "claude mcp add hoursmith-demo --scope user -- /opt/hoursmith-mcp --demo-role member")
    }

    // MARK: Helpers

    /// A sandbox seeded on a thread of its own (seeding is real work; the test pool has two threads).
    private func seeded(_ configuration: SandboxConfiguration) async throws -> InProcessSandbox {
        let result: Result<InProcessSandbox, any Error> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Result { try InProcessSandbox(configuration, host: DemoWorkspace.host) })
            }
        }
        return try result.get()
    }

    private func configuration(_ role: DemoRole, transport: DemoTransport) throws -> HoursmithConfiguration {
        HoursmithConfiguration(token: try APIToken.parse(role.token).token, version: Product.version, baseURL: DemoWorkspace.apiURL,
                               transport: transport)
    }

    private func client(
        _ role: DemoRole, _ sandbox: InProcessSandbox, configure: (inout HoursmithConfiguration) -> Void = { _ in }
    ) throws -> HoursmithClient {
        var configuration = try configuration(role, transport: DemoTransport(role: role, sandbox: sandbox))
        configure(&configuration)
        return try HoursmithClient(configuration: configuration)
    }

    /// The error `body` throws, or nil (a test failure) when it succeeds.
    private func failure(_ body: () async throws -> Void) async -> HoursmithError? {
        do {
            try await body()
            Issue.record("expected a HoursmithError")
            return nil
        } catch let error as HoursmithError {
            return error
        } catch {
            Issue.record("expected a HoursmithError, got \(error)")
            return nil
        }
    }
}
