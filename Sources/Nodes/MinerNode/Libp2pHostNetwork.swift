import Libp2p
import Multiformats
import NetActors

/// The node's ``Libp2p/Libp2pHost`` as the Net API sees it (``NetActors/Libp2pNetwork``).
struct Libp2pHostNetwork: Libp2pNetwork {
    let host: Libp2pHost

    var peerID: PeerID { host.peerID }

    func announcedAddresses() async -> [Multiaddr] { host.announcedAddresses }

    func connect(_ address: Multiaddr) async throws -> PeerID { try await host.connect(address) }

    func disconnect(_ peer: PeerID) async { await host.disconnect(peer) }

    func ping(_ peer: PeerID) async throws -> Duration { try await host.ping(peer) }

    func connections() async -> [NetConnectionInfo] {
        host.connectedPeers().map { NetConnectionInfo(peer: $0.peerID, remoteAddress: $0.remoteAddress) }
    }

    func identity(of peer: PeerID) async -> NetPeerIdentity? {
        host.identifyInfo(peer).map { NetPeerIdentity(agentVersion: $0.agentVersion, listenAddresses: $0.listenAddresses) }
    }
}
