import Multiformats
import NIOCore

/// The mutable part of a ``Libp2pHost``, kept under one lock. Transitions return what the caller must do
/// once the lock is released (close channels, resume waiters), never doing I/O themselves.
struct HostState {
    /// Where the host is in its life.
    enum Phase: Equatable {
        /// Created; ``Libp2pHost/run()`` has not been called.
        case idle
        /// ``Libp2pHost/run()`` is binding the listeners.
        case starting
        /// Listening and dialling.
        case running
        /// Shutting down or stopped; takes no new work.
        case stopped
    }

    /// How binding the listeners ended.
    enum Bind {
        case waiting
        case bound([Multiaddr])
        case failed(Libp2pHostError)
    }

    var phase = Phase.idle
    var bind = Bind.waiting
    var bindWaiters: [CheckedContinuation<[Multiaddr], any Error>] = []
    var listeners: [any Channel] = []
    /// Registered protocol handlers, by protocol ID.
    var handlers: [String: Libp2pHost.StreamHandler] = [:]
    /// The order protocols were registered in, so identify lists them stably.
    var handlerOrder: [String] = []
    /// Upgraded connections, by id.
    var connections: [UInt64: Libp2pConnection] = [:]
    /// Inbound connections still in their handshake.
    var pendingHandshakes = 0
    var nextConnectionID: UInt64 = 1
    /// When the connection manager last closed connections.
    var lastTrim: ContinuousClock.Instant?

    /// Connections to `peer`, oldest first.
    func connections(to peer: PeerID) -> [Libp2pConnection] {
        connections.values.filter { $0.remotePeer == peer }.sorted { $0.id < $1.id }
    }

    /// The protocols served, in registration order.
    var protocols: [String] { handlerOrder.filter { handlers[$0] != nil } }

    /// Takes a new connection id.
    mutating func allocateConnectionID() -> UInt64 {
        defer { nextConnectionID += 1 }
        return nextConnectionID
    }
}
