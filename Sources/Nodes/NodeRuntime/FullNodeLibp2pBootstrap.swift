import APICore
import JSONRPC
import Logging
import Multiformats
import NetAPI

/// Lotus's "bootstrap with full node" in `lotus-miner run`: a node that runs Markets asks the chain daemon
/// (`FULLNODE_API_INFO`) for its libp2p addresses (`NetAddrsListen`) and connects its own host to them
/// (`NetConnect`) before it announces its API. As in Lotus, failing is fatal: a markets node that cannot reach the
/// daemon's libp2p host is misconfigured.
struct FullNodeLibp2pBootstrap {
    /// The chain daemon's API (`FULLNODE_API_INFO`, already connected and version-checked).
    let daemon: any RPCCaller
    let logger: Logger

    /// Connects `net` (this node's Net API) to the daemon's libp2p host.
    /// - Throws: ``APICore/RPCError`` saying which step failed ("getting full node libp2p address" or
    ///   "connecting to full node (libp2p)") and what to check.
    func run(net: SubsystemRef<NetMethods>) async throws {
        let key = "FULLNODE_API_INFO"
        let addresses: PeerAddrInfo
        do {
            addresses = try await SubsystemRef<NetMethods>.remote(daemon).call(\.netAddrsListen)
        } catch let error as RPCError {
            throw RPCError(
                error.code,
                "getting full node libp2p address: \(error.message) (\(key) points at \(daemon.endpointDescription); start `lotus daemon` or unset \(key))")
        }
        logger.info("Bootstrapping libp2p network with full node", metadata: ["peer": "\(addresses.id)", "addrs": "\(addresses.addrs.map(\.description))"])
        do {
            _ = try await net.call(\.netConnect, addresses)
        } catch let error as RPCError {
            throw RPCError(
                error.code,
                "connecting to full node (libp2p): \(error.message); check that the daemon's [Libp2p] ListenAddresses are reachable from this node")
        }
    }
}
