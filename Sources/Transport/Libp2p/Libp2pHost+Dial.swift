import Logging
import Multiformats
import NIOCore
import NIOPosix
import Synchronization
import Yamux

extension Libp2pHost {
    /// Dials `address` (`/ip4|ip6|dns|dns4|dns6/…/tcp/N`, normally ending in `/p2p/<peer ID>`), upgrades the
    /// connection and waits for identify to finish; returns the peer ID the remote proved.
    ///
    /// When the address names a peer already connected, no new connection is made. The Noise handshake
    /// rejects a remote whose identity is not the `/p2p/` peer ID.
    ///
    /// - Throws: ``Libp2pHostError`` `.badAddress`, `.dialFailed` (TCP), `.peerIDMismatch`, `.handshakeFailed`
    ///   (including a timeout), `.limitReached`, `.notRunning`.
    @discardableResult
    public func connect(_ address: Multiaddr) async throws -> PeerID {
        try requireRunning()
        let expected = address.peerID
        if let expected, expected == peerID {
            throw Libp2pHostError(.badAddress, "\(address) is this host's own address; dial another peer")
        }
        if let expected, let existing = try? connection(to: expected) {
            return existing.remotePeer
        }
        let endpoint = try TCPEndpoint(address, purpose: "dial")
        let upgrader = upgrader(for: .outbound, expecting: expected)
        let upgrade: EventLoopFuture<Libp2pConnection>
        do {
            upgrade = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(TimeAmount(config.limits.handshakeTimeout))
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .connect(host: endpoint.host, port: endpoint.port) { channel in
                    channel.eventLoop.makeSucceededFuture(upgrader.upgrade(channel))
                }
        } catch {
            throw Libp2pHostError(.dialFailed, "cannot reach \(address): \(error)")
        }
        let connection: Libp2pConnection
        do {
            connection = try await upgrade.get()
        } catch {
            let failure = ConnectionUpgrader.hostError(error, dialing: address)
            logger.warning("outbound libp2p handshake failed", metadata: ["address": "\(address)", "error": "\(failure.message)"])
            throw failure
        }
        _ = try register(connection)
        try? await connection.identifyDone.futureResult.get()
        return connection.remotePeer
    }

    /// An upgrader for a new connection in `direction`, checking the remote against `expected` when dialling.
    func upgrader(for direction: PeerInfo.Direction, expecting expected: PeerID?) -> ConnectionUpgrader {
        ConnectionUpgrader(
            direction: direction, noise: noise, expectedPeer: expected, timeout: config.limits.handshakeTimeout,
            yamux: config.effectiveYamux, receiveBudget: receiveBudget, logger: logger,
            allocateID: { [weak self] in self?.state.withLock { $0.allocateConnectionID() } ?? 0 },
            acceptStream: { [weak self] stream, connection in
                guard let self else { return }  // releasing the stream resets it
                self.acceptStream(stream, on: connection)
            })
    }
}
