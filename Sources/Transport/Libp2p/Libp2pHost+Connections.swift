import Logging
import Multiformats
import NIOCore
import Synchronization

extension Libp2pHost {
    /// Adds an upgraded connection to the table, starts identify on it and lets the connection manager look.
    /// - Throws: ``Libp2pHostError`` `.notRunning` or `.limitReached`; the connection is closed then.
    func register(_ connection: Libp2pConnection) throws -> Libp2pConnection {
        let limit = config.limits.maxConnections
        let refusal = state.withLock { state -> Libp2pHostError? in
            guard state.phase == .running else {
                return Libp2pHostError(.notRunning, "the libp2p host is shutting down")
            }
            guard state.connections.count < limit else {
                return Libp2pHostError(
                    .limitReached, "\(limit) connections are open (Limits.maxConnections); close some or raise the limit")
            }
            state.connections[connection.id] = connection
            return nil
        }
        if let refusal {
            connection.closeNow()
            connection.identifyDone.succeed()
            throw refusal
        }
        connection.channel.closeFuture.whenComplete { _ in self.unregister(connection) }
        logger.debug(
            "libp2p connection open",
            metadata: [
                "peer": "\(connection.remotePeer)", "remote": "\(connection.remoteAddress)", "direction": "\(connection.direction)",
            ])
        if !submit({ await self.identify(connection) }) {
            connection.identifyDone.succeed()
        }
        if state.withLock({ $0.connections.count }) > config.connectionManager.highWater {
            submit { await self.trimConnectionsIfNeeded() }
        }
        return connection
    }

    private func unregister(_ connection: Libp2pConnection) {
        let removed = state.withLock { $0.connections.removeValue(forKey: connection.id) != nil }
        connection.identifyDone.succeed()
        if removed {
            logger.debug("libp2p connection closed", metadata: ["peer": "\(connection.remotePeer)", "remote": "\(connection.remoteAddress)"])
        }
    }

    /// One entry per open connection: peer, remote address, direction, when it opened.
    public func connectedPeers() -> [PeerInfo] {
        state.withLock { state in state.connections.values.sorted { $0.id < $1.id }.map(\.peerInfo) }
    }

    /// Whether at least one connection to `peer` is open.
    public func isConnected(_ peer: PeerID) -> Bool {
        state.withLock { state in state.connections.values.contains { $0.remotePeer == peer } }
    }

    /// What `peer` told us over identify on the newest connection where identify finished; nil when not
    /// connected or not identified (yet).
    public func identifyInfo(_ peer: PeerID) -> IdentifyInfo? {
        let connections = state.withLock { $0.connections(to: peer) }
        return connections.reversed().lazy.compactMap(\.identify).first
    }

    /// Closes every connection to `peer` (go-away, then close). Nothing happens when none is open.
    public func disconnect(_ peer: PeerID) async {
        let connections = state.withLock { state in
            let connections = state.connections(to: peer)
            for connection in connections { state.connections[connection.id] = nil }
            return connections
        }
        for connection in connections {
            await connection.close()
        }
    }

    /// The oldest open connection to `peer`.
    func connection(to peer: PeerID) throws(Libp2pHostError) -> Libp2pConnection {
        guard let connection = state.withLock({ $0.connections(to: peer).first(where: { $0.channel.isActive }) }) else {
            throw Libp2pHostError(.notConnected, "not connected to \(peer); connect to one of its addresses first")
        }
        return connection
    }
}
