import Dispatch
import Foundation
import ConcurrencyHelpers

/// A listening socket on 127.0.0.1 that serves each connection on a thread of its own: one
/// thread accepts, `serve` runs for each connection, which is closed when it returns. Stopping
/// closes the listener and shuts every open connection down. (The sandbox's HTTP server and the
/// recording proxy are both one.)
final class ConnectionListener: Sendable {
    let port: UInt16
    private let listener: Int32
    private let wake: (read: Int32, write: Int32)
    private let name: String
    private let serve: @Sendable (_ fd: Int32, _ listener: ConnectionListener) -> Void
    private let state = Locked((stopped: false, open: Set<Int32>()))
    private let acceptLoopDone = DispatchSemaphore(value: 0)

    /// Binds (port 0: any free one) and starts accepting.
    init(port: UInt16, name: String, serve: @escaping @Sendable (_ fd: Int32, _ listener: ConnectionListener) -> Void) throws {
        let (listener, boundPort) = try Socket.listen(port: port)
        do {
            wake = try Socket.pipe()
        } catch {
            Socket.close(listener)
            throw error
        }
        self.listener = listener
        self.port = boundPort
        self.name = name
        self.serve = serve
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "\(name) accept"
        thread.start()
    }

    /// Whether ``stop()`` was called: a connection still being served should end.
    var isStopped: Bool { state.withLock { $0.stopped } }

    /// Stops accepting, shuts every open connection down, and returns once the port is closed.
    /// Idempotent.
    func stop() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        Socket.poke(wake.write)
        acceptLoopDone.wait()
        state.withLock { state in
            for fd in state.open { Socket.shutdown(fd) }
        }
        Socket.close(wake.read)
        Socket.close(wake.write)
    }

    private func acceptLoop() {
        while Socket.waitForConnection(listener, wake: wake.read) {
            guard let fd = Socket.accept(listener) else { continue }
            let accepted = state.withLock { state in
                guard !state.stopped else { return false }
                state.open.insert(fd)
                return true
            }
            guard accepted else {
                Socket.close(fd)
                break
            }
            let thread = Thread { [self] in
                serve(fd, self)
                state.withLock { state in
                    state.open.remove(fd)
                    Socket.close(fd)
                }
            }
            thread.name = "\(name) connection"
            thread.start()
        }
        Socket.close(listener)
        acceptLoopDone.signal()
    }
}
