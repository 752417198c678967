import Libp2p
import Multiformats
import Net
import NetAPI

/// A node's ``Libp2p/Libp2pHost`` as the Net API sees it (``Net/Libp2pNetwork``): the markets node's and
/// the chain daemon's.
public struct Libp2pHostNetwork: Libp2pNetwork {
    /// The running host.
    public let host: Libp2pHost

    /// Adapts `host`.
    public init(host: Libp2pHost) {
        self.host = host
    }

    public var peerID: PeerID { host.peerID }

    public func announcedAddresses() async -> [Multiaddr] { host.announcedAddresses }

    public func connect(_ address: Multiaddr) async throws -> PeerID { try await host.connect(address) }

    public func disconnect(_ peer: PeerID) async { await host.disconnect(peer) }

    public func ping(_ peer: PeerID) async throws -> Duration { try await host.ping(peer) }

    public func connections() async -> [NetConnectionInfo] {
        host.connectedPeers().map { NetConnectionInfo(peer: $0.peerID, remoteAddress: $0.remoteAddress) }
    }

    public func identity(of peer: PeerID) async -> NetPeerIdentity? {
        host.identifyInfo(peer).map { NetPeerIdentity(agentVersion: $0.agentVersion, listenAddresses: $0.listenAddresses) }
    }
}
