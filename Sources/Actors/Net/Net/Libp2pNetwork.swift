import Multiformats

/// What the Net API needs from a libp2p host. The node's `Libp2pHost` satisfies it through an adapter in
/// `Sources/Nodes`, so this layer sees peer IDs, multiaddrs and durations but no NIO.
public protocol Libp2pNetwork: Sendable {
    /// This host's peer ID (from the keystore key `libp2p-host`).
    var peerID: PeerID { get }
    /// The addresses this host tells its peers (what identify sends): the announce list when set, else the
    /// bound listen addresses with unspecified IPs expanded, minus the no-announce list. Lotus's `host.Addrs()`.
    func announcedAddresses() async -> [Multiaddr]
    /// Opens a connection to `address`, which ends in `/p2p/<peer ID>`; returns at once when one is open.
    /// - Returns: the peer ID the remote proved in the handshake.
    func connect(_ address: Multiaddr) async throws -> PeerID
    /// Closes every connection to `peer` (nothing happens when there is none).
    func disconnect(_ peer: PeerID) async
    /// Measures one round trip of `/ipfs/ping/1.0.0` to a connected peer.
    func ping(_ peer: PeerID) async throws -> Duration
    /// The open connections, one entry per connection.
    func connections() async -> [NetConnectionInfo]
    /// What `peer` said about itself in identify, if it is connected and identify has completed.
    func identity(of peer: PeerID) async -> NetPeerIdentity?
}

/// One open connection of a ``Libp2pNetwork``.
public struct NetConnectionInfo: Sendable, Equatable {
    /// The remote peer.
    public var peer: PeerID
    /// The remote end of the connection (`/ip4/…/tcp/…`).
    public var remoteAddress: Multiaddr

    /// Describes a connection to `peer` at `remoteAddress`.
    public init(peer: PeerID, remoteAddress: Multiaddr) {
        self.peer = peer
        self.remoteAddress = remoteAddress
    }
}

/// The part of a peer's identify message the Net API reports.
public struct NetPeerIdentity: Sendable, Equatable {
    /// The peer's agent version, e.g. `lotus-1.17.2+mainnet` or `py-libp2p/0.8.1`.
    public var agentVersion: String
    /// The addresses the peer says it listens on.
    public var listenAddresses: [Multiaddr]

    /// Describes what a peer announced.
    public init(agentVersion: String, listenAddresses: [Multiaddr]) {
        self.agentVersion = agentVersion
        self.listenAddresses = listenAddresses
    }
}
