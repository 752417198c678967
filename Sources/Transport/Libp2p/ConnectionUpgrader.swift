import Logging
import Multiformats
import MultistreamSelect
import NIOCore
import Noise
import Yamux

/// Turns a fresh TCP channel into a ``Libp2pConnection``, all on the channel's event loop:
/// multistream-select `/noise` → Noise XX (the remote proves its peer ID) → multistream-select
/// `/yamux/1.0.0` → a yamux session (the dialler is the yamux client).
///
/// Each step adds the next step's handler from the previous step's completion callback, before any byte that
/// arrived behind the last handshake message is passed on, so pipelined data is never lost. The whole upgrade
/// must finish within the handshake timeout, or the channel is closed.
struct ConnectionUpgrader: Sendable {
    /// The protocol ID of the security handshake.
    static let securityProtocol = "/noise"
    /// The protocol ID of the stream multiplexer.
    static let muxerProtocol = "/yamux/1.0.0"

    /// Who dialled; decides the multistream-select, Noise and yamux roles.
    let direction: PeerInfo.Direction
    /// Our identity and Noise static key.
    let noise: NoiseConfiguration
    /// The peer ID we dialled (from `/p2p/…`), which the Noise handshake must prove; nil on inbound.
    let expectedPeer: PeerID?
    /// The time for the whole upgrade.
    let timeout: Duration
    /// The yamux settings for the session.
    let yamux: YamuxConfiguration
    /// The host's budget for unread bytes, shared by every session.
    let receiveBudget: YamuxReceiveBudget
    let logger: Logger
    /// Hands out a connection id.
    let allocateID: @Sendable () -> UInt64
    /// Receives each stream the peer opens.
    let acceptStream: @Sendable (YamuxStream, Libp2pConnection) -> Void

    /// What the security step established.
    struct Secured: Sendable {
        /// The peer, proven by the handshake.
        let peer: PeerID
        /// Its identity key.
        let publicKey: Libp2pPublicKey
    }

    /// Starts the upgrade; call on the channel's event loop before the channel is active (in a bootstrap's
    /// channel initializer) so the first bytes from the peer meet the first handler.
    func upgrade(_ channel: any Channel) -> EventLoopFuture<Libp2pConnection> {
        let loop = channel.eventLoop
        let done = loop.makePromise(of: Libp2pConnection.self)
        let timeout = self.timeout
        let timer = loop.scheduleTask(in: TimeAmount(timeout)) {
            done.fail(Libp2pHostError(.timeout, "the connection upgrade did not finish within \(timeout)"))
            channel.close(promise: nil)
        }
        done.futureResult.whenComplete { _ in timer.cancel() }
        channel.closeFuture.whenComplete { _ in
            done.fail(Libp2pHostError(.closed, "the connection closed during the upgrade"))
        }
        secure(channel).flatMap { secured in
            self.multiplex(channel, secured: secured)
        }.cascade(to: done)
        return done.futureResult
    }

    /// Negotiates `/noise` and runs the Noise XX handshake; the channel then carries plaintext through the
    /// Noise transport handler.
    func secure(_ channel: any Channel) -> EventLoopFuture<Secured> {
        let loop = channel.eventLoop
        let handshake = loop.makePromise(of: NoiseHandshakeResult.self)
        let negotiated = loop.makePromise(of: String.self)
        let role: NoiseHandshakeState.Role = direction == .outbound ? .initiator : .responder
        let noise = self.noise
        let expectedPeer = self.expectedPeer
        let logger = self.logger
        do {
            let select = try multistreamHandler([Self.securityProtocol], negotiated: negotiated) { _, channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = NoiseHandshakeHandler(
                        role: role, configuration: noise, expectedRemotePeer: expectedPeer, timeout: nil, logger: logger,
                        completed: handshake)
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            try channel.pipeline.syncOperations.addHandler(select)
        } catch {
            return loop.makeFailedFuture(error)
        }
        negotiated.futureResult.whenFailure { handshake.fail($0) }
        return handshake.futureResult.map { result in
            Secured(peer: result.remotePeerID, publicKey: result.remotePublicKey)
        }
    }

    /// Negotiates `/yamux/1.0.0` on a secured channel and installs the yamux session.
    func multiplex(_ channel: any Channel, secured: Secured) -> EventLoopFuture<Libp2pConnection> {
        let loop = channel.eventLoop
        let negotiated = loop.makePromise(of: String.self)
        let connectionPromise = loop.makePromise(of: Libp2pConnection.self)
        let direction = self.direction
        guard let remote = channel.remoteAddress.flatMap(Multiaddr.init(socketAddress:)) else {
            return loop.makeFailedFuture(Libp2pHostError(.closed, "the connection has no remote address (already closed)"))
        }
        let yamux = self.yamux
        let receiveBudget = self.receiveBudget
        let logger = self.logger
        let allocateID = self.allocateID
        let acceptStream = self.acceptStream
        do {
            let select = try multistreamHandler([Self.muxerProtocol], negotiated: negotiated) { _, channel in
                channel.eventLoop.makeCompletedFuture {
                    let slot = ConnectionSlot()
                    let session = try YamuxSession.installSync(
                        on: channel, role: direction == .outbound ? .client : .server, configuration: yamux, logger: logger,
                        sharedBudget: receiveBudget
                    ) { stream in
                        guard let connection = slot.connection else { return }
                        acceptStream(stream, connection)
                    }
                    let connection = Libp2pConnection(
                        id: allocateID(), channel: channel, session: session, remotePeer: secured.peer,
                        remotePublicKey: secured.publicKey, remoteAddress: remote, direction: direction)
                    slot.connection = connection
                    connectionPromise.succeed(connection)
                }
            }
            try channel.pipeline.syncOperations.addHandler(select)
        } catch {
            return loop.makeFailedFuture(error)
        }
        negotiated.futureResult.whenFailure { connectionPromise.fail($0) }
        return negotiated.futureResult.flatMap { _ in connectionPromise.futureResult }
    }

    private func multistreamHandler(
        _ protocols: [String], negotiated: EventLoopPromise<String>, configure: @escaping MultistreamSelectHandler.Configure
    ) throws -> MultistreamSelectHandler {
        if direction == .outbound {
            return try MultistreamSelectHandler(
                proposing: protocols, timeout: nil, logger: logger, negotiated: negotiated, configure: configure)
        }
        return try MultistreamSelectHandler(
            supporting: protocols, timeout: nil, logger: logger, negotiated: negotiated, configure: configure)
    }

    /// The ``Libp2pHostError`` for a failed outbound upgrade of a dial to `address`.
    static func hostError(_ error: any Error, dialing address: Multiaddr) -> Libp2pHostError {
        if let error = error as? Libp2pHostError {
            if error.kind == .timeout {
                return Libp2pHostError(.handshakeFailed, "the handshake with \(address) timed out: \(error.message)")
            }
            return Libp2pHostError(.handshakeFailed, "the handshake with \(address) failed: \(error.message)")
        }
        if let error = error as? NoiseError, error.kind == .peerIDMismatch {
            return Libp2pHostError(.peerIDMismatch, "dialled \(address), but \(error.message)")
        }
        return Libp2pHostError(.handshakeFailed, "the handshake with \(address) failed: \(error)")
    }
}
