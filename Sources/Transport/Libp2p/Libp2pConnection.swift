import Foundation
import Multiformats
import NIOCore
import Synchronization
import Yamux

/// One upgraded connection: a TCP channel secured by Noise and multiplexed by yamux, to a proven peer.
final class Libp2pConnection: Sendable {
    /// The host's id for the connection, increasing with age.
    let id: UInt64
    /// The TCP channel (its pipeline holds the Noise transport handler and the yamux session).
    let channel: any Channel
    /// The yamux session on the channel.
    let session: YamuxSession
    /// The peer, proven by the Noise handshake.
    let remotePeer: PeerID
    /// The peer's identity key from the Noise handshake.
    let remotePublicKey: Libp2pPublicKey
    /// The remote end of the TCP connection.
    let remoteAddress: Multiaddr
    /// Who dialled.
    let direction: PeerInfo.Direction
    /// When the upgrade finished (wall clock, for reports).
    let openedAt: Date
    /// When the upgrade finished (monotonic, for the connection manager).
    let openedInstant: ContinuousClock.Instant
    /// Succeeded once our identify request to the peer has finished (successfully or not).
    let identifyDone: EventLoopPromise<Void>
    private let mutable: Mutex<Mutable>

    private struct Mutable {
        var lastActivity: ContinuousClock.Instant
        var identify: IdentifyInfo?
        var pendingInbound = 0
    }

    init(
        id: UInt64, channel: any Channel, session: YamuxSession, remotePeer: PeerID, remotePublicKey: Libp2pPublicKey,
        remoteAddress: Multiaddr, direction: PeerInfo.Direction
    ) {
        self.id = id
        self.channel = channel
        self.session = session
        self.remotePeer = remotePeer
        self.remotePublicKey = remotePublicKey
        self.remoteAddress = remoteAddress
        self.direction = direction
        self.openedAt = Date()
        let now = ContinuousClock.now
        self.openedInstant = now
        self.identifyDone = channel.eventLoop.makePromise(of: Void.self)
        self.mutable = Mutex(Mutable(lastActivity: now))
    }

    /// What the peer said over identify, once it has.
    var identify: IdentifyInfo? {
        get { mutable.withLock { $0.identify } }
        set { mutable.withLock { $0.identify = newValue } }
    }

    /// Records that a stream was opened now.
    func touch() {
        let now = ContinuousClock.now
        mutable.withLock { $0.lastActivity = now }
    }

    /// When a stream was last opened on this connection.
    var lastActivity: ContinuousClock.Instant { mutable.withLock { $0.lastActivity } }

    /// Counts an inbound stream that is negotiating its protocol; false (count unchanged) when `limit` are already.
    func beginInboundNegotiation(limit: Int) -> Bool {
        mutable.withLock { state in
            guard state.pendingInbound < limit else { return false }
            state.pendingInbound += 1
            return true
        }
    }

    /// Ends what ``beginInboundNegotiation(limit:)`` counted.
    func endInboundNegotiation() {
        mutable.withLock { $0.pendingInbound -= 1 }
    }

    /// The report for ``Libp2pHost/connectedPeers()``.
    var peerInfo: PeerInfo {
        PeerInfo(peerID: remotePeer, remoteAddress: remoteAddress, direction: direction, openedAt: openedAt)
    }

    /// Sends go-away, closes the channel and waits until it is closed.
    func close() async {
        await session.close()
    }

    /// Closes the channel without waiting (streams fail at once).
    func closeNow() {
        channel.close(promise: nil)
    }
}
