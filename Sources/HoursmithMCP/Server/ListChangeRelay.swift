import Foundation
import HoursmithClient
import Locking
import MCPCore

/// Tells a legacy client that the tool list changed when the token's role turns out to narrow it
/// (the session learns the role before or after the server exists).
final class ListChangeRelay: Sendable {
    private let server = Locked<MCPServer?>(nil)

    func attach(_ server: MCPServer) {
        self.server.withLock { $0 = server }
    }

    func roleBecameKnown(_ role: Role) {
        guard role != .owner && role != .admin else { return }
        server.withLock { $0 }?.toolListChanged()
    }
}
