import Foundation
import Multiformats

/// One open connection as ``Libp2pHost/connectedPeers()`` reports it.
public struct PeerInfo: Sendable, Equatable {
    /// Who opened the connection.
    public enum Direction: String, Sendable, Equatable {
        /// The remote dialled us.
        case inbound
        /// We dialled the remote.
        case outbound
    }

    /// The remote peer, proven by the Noise handshake.
    public var peerID: PeerID
    /// The remote end of the TCP connection, `/ip4|ip6/…/tcp/N`.
    public var remoteAddress: Multiaddr
    /// Who dialled.
    public var direction: Direction
    /// When the connection finished its upgrade.
    public var openedAt: Date

    /// Creates a record.
    public init(peerID: PeerID, remoteAddress: Multiaddr, direction: Direction, openedAt: Date) {
        self.peerID = peerID
        self.remoteAddress = remoteAddress
        self.direction = direction
        self.openedAt = openedAt
    }
}
