import APICore
import Multiformats

/// Lotus's Net API (`api/api_net.go`): a node's libp2p identity, peers, connect, disconnect, ping, find-peer and
/// agent version. Served by the markets node and the chain daemon over their libp2p hosts; implemented by
/// `Libp2pNetAPI` (target `Net`).
public protocol NetAPI: SubsystemAPI where Methods == NetMethods {
    /// `ID`: this host's peer ID.
    var peerID: PeerID { get }
    /// `NetAddrsListen`: this host and the addresses it announces.
    func addrsListen() async -> PeerAddrInfo
    /// `NetPeers`: one entry per open connection.
    func peers() async -> [PeerAddrInfo]
    /// `NetConnectedness`: 1 (Connected) or 0 (NotConnected).
    func connectedness(_ peer: PeerID) async -> Int
    /// `NetConnect`: connects to a peer through the first of its addresses that works.
    func connect(_ info: PeerAddrInfo) async throws
    /// `NetDisconnect`: closes every connection to a peer.
    func disconnect(_ peer: PeerID) async
    /// `NetPing`: one round trip, in nanoseconds.
    func ping(_ peer: PeerID) async throws -> Int64
    /// `NetFindPeer`: the addresses of a connected peer.
    func findPeer(_ peer: PeerID) async throws -> PeerAddrInfo
    /// `NetAgentVersion`: the agent version a connected peer sent in identify.
    func agentVersion(_ peer: PeerID) async throws -> String
}

extension NetMethods {
    /// Why a node without a libp2p host refuses every Net method, and where to send them instead.
    public static let noHostHint =
        "this node runs no libp2p host; net commands go to the markets node (lotus-miner finds it through MARKETS_API_INFO or LOTUS_MARKETS_PATH)"
}
