/// One load of a value at a time, shared by every caller that asks while it is under way. A
/// success is kept until ``forget()``; a failure is not (the next caller loads again). The load
/// runs apart from the caller that started it (a detached task: none of that caller's
/// task-locals, its deadline among them, bound it) and settles itself when it ends, whoever
/// waits for it: a caller that stops waiting — at its own deadline, or cancelled — leaves it
/// going for the others.
///
/// ```swift
/// let me = SingleFlight<Me, HoursmithError>()
/// let result = await me.value(load: { await fetchMe() }, wait: { shared in await waitUntilMyDeadline(shared) })
/// ```
package final class SingleFlight<Value: Sendable, Failure: Error>: Sendable {
    package typealias Load = Task<Result<Value, Failure>, Never>

    private enum State {
        case idle
        case loading(Load, serial: UInt64)
        case loaded(Value)
    }

    /// What a caller does: take the kept value, or wait for a load.
    private enum Step {
        case done(Value)
        case wait(Load)
    }

    private let state = Locked<(current: State, serial: UInt64)>((.idle, 0))
    private let didLoad: @Sendable (Value) -> Void

    /// `didLoad` runs once for each value a load brings and keeps.
    package init(didLoad: @escaping @Sendable (Value) -> Void = { _ in }) {
        self.didLoad = didLoad
    }

    /// The value, when a load brought it and it was not forgotten since.
    package var loaded: Value? {
        state.withLock { if case .loaded(let value) = $0.current { value } else { nil } }
    }

    /// Forgets the value, so that the next caller loads again. A load under way still answers
    /// those waiting for it, but what it brings is not kept.
    package func forget() {
        state.withLock { $0.current = .idle }
    }

    /// The value: kept, or from the load under way, or from a load `load` starts now. `wait` is
    /// how this caller waits for a load (until its own deadline, say).
    package func value(
        load: @escaping @Sendable () async -> Result<Value, Failure>,
        wait: (Load) async -> Result<Value, Failure>
    ) async -> Result<Value, Failure> {
        let step: Step = state.withLock { state in
            switch state.current {
            case .loaded(let value):
                return .done(value)
            case .loading(let task, _):
                return .wait(task)
            case .idle:
                state.serial += 1
                let serial = state.serial
                // The task settles the state itself, under the lock, once this closure has set
                // it to `.loading` (it cannot take the lock before).
                let task = Task.detached { () -> Result<Value, Failure> in
                    let result = await load()
                    self.settle(serial, result)
                    return result
                }
                state.current = .loading(task, serial: serial)
                return .wait(task)
            }
        }
        switch step {
        case .done(let value): return .success(value)
        case .wait(let task): return await wait(task)
        }
    }

    /// Keeps what load `serial` brought, unless it was forgotten or replaced meanwhile.
    private func settle(_ serial: UInt64, _ result: Result<Value, Failure>) {
        let kept: Value? = state.withLock { state in
            guard case .loading(_, let current) = state.current, current == serial else { return nil }
            switch result {
            case .success(let value):
                state.current = .loaded(value)
                return value
            case .failure:
                state.current = .idle
                return nil
            }
        }
        if let kept { didLoad(kept) }
    }
}
