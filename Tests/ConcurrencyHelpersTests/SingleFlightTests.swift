import Testing
@testable import ConcurrencyHelpers

/// One load shared by every caller meanwhile; kept on success, forgotten on failure; a caller that
/// stops waiting leaves the load to the others.
@Suite struct SingleFlightTests {
    struct Failed: Error, Equatable {}

    /// A load that counts its starts and waits at a gate before answering.
    final class GatedLoad: Sendable {
        let starts = Watched(0)
        let gate = Watched(false)
        let answer: Result<Int, Failed>

        init(_ answer: Result<Int, Failed>) {
            self.answer = answer
        }

        func load() async -> Result<Int, Failed> {
            starts.withLock { $0 += 1 }
            try? await gate.waitUntilOpen()
            return answer
        }
    }

    @Test func callersMeanwhileShareOneLoadAndTheValueIsKept() async throws {
        let flight = SingleFlight<Int, Failed>()
        let load = GatedLoad(.success(7))
        let callers = (0..<5).map { _ in Task { await flight.value(load: load.load) { await $0.value } } }
        try await load.starts.wait(until: { $0 == 1 }, "the first load")
        load.gate.open()
        for caller in callers { #expect(try await caller.value.get() == 7) }
        #expect(load.starts.current == 1)
        #expect(flight.loaded == 7)
        #expect(try await flight.value(load: load.load) { await $0.value }.get() == 7)
        #expect(load.starts.current == 1, "a kept value is not loaded again")
    }

    @Test func aFailureIsNotKept() async throws {
        let flight = SingleFlight<Int, Failed>()
        let failing = GatedLoad(.failure(Failed()))
        failing.gate.open()
        #expect(await flight.value(load: failing.load) { await $0.value } == .failure(Failed()))
        #expect(flight.loaded == nil)
        let working = GatedLoad(.success(3))
        working.gate.open()
        #expect(try await flight.value(load: working.load) { await $0.value }.get() == 3)
    }

    /// The waiter's own bound ends its wait, not the load: what the load brings is kept for the
    /// next caller, which does not load again.
    @Test func aCallerThatStopsWaitingLeavesTheLoadToTheOthers() async throws {
        let kept = Watched<Int?>(nil)
        let flight = SingleFlight<Int, Failed> { value in kept.withLock { $0 = value } }
        let load = GatedLoad(.success(9))
        let gaveUp = await flight.value(load: load.load) { shared in
            await value(of: shared, until: .now + .milliseconds(50), on: ContinuousClock()) ?? .failure(Failed())
        }
        #expect(gaveUp == .failure(Failed()))
        load.gate.open()
        try await kept.wait(until: { $0 == 9 }, "the load, settled by itself")
        #expect(try await flight.value(load: load.load) { await $0.value }.get() == 9)
        #expect(load.starts.current == 1)
    }

    @Test func aLoadUnderWayWhenForgottenAnswersItsWaitersButIsNotKept() async throws {
        let flight = SingleFlight<Int, Failed>()
        let load = GatedLoad(.success(1))
        let waiter = Task { await flight.value(load: load.load) { await $0.value } }
        try await load.starts.wait(until: { $0 == 1 }, "the load")
        flight.forget()
        load.gate.open()
        #expect(try await waiter.value.get() == 1)
        #expect(flight.loaded == nil)
    }
}

/// The one timeout race: the value when it comes first, nil at the deadline or when the waiter is
/// cancelled — the task going on either way.
@Suite struct WaitUntilTests {
    @Test func theValueWhenItComesFirst() async {
        let task = Task { 42 }
        #expect(await value(of: task, until: .now + .seconds(30), on: ContinuousClock()) == 42)
    }

    @Test func nilAtTheDeadlineAndTheTaskGoesOn() async throws {
        let gate = Watched(false)
        let task = Task { () -> Int in
            try? await gate.waitUntilOpen()
            return 5
        }
        #expect(await value(of: task, until: .now + .milliseconds(20), on: ContinuousClock()) == nil)
        gate.open()
        #expect(await task.value == 5, "the task was not cancelled")
    }

    @Test func nilWhenTheWaiterIsCancelled() async throws {
        let gate = Watched(false)
        let started = Watched(false)
        let task = Task { () -> Int in
            try? await gate.waitUntilOpen()
            return 5
        }
        let waiter = Task {
            started.open()
            return await value(of: task, until: .now + .seconds(60), on: ContinuousClock())
        }
        try await started.waitUntilOpen()
        waiter.cancel()
        #expect(await waiter.value == nil)
        gate.open()
        #expect(await task.value == 5)
    }
}
