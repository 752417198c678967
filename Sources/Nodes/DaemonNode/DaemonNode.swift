import APICore
import Client
import Common
import FullNode
import FullNodeAPI
import JSONRPC
import Libp2p
import Logging
import MinerConfig
import MinerNode
import Net
import NodeRuntime
import RPCAuth
import Repo
import StorageMarketNetwork
import SubsystemSupport

/// The chain daemon assembled: the chain (database, full node actor, epoch clock), the Common actor, the libp2p
/// host with the Net API, the storage client (deals under `/deals/client/` in the repo's metadata datastore), and the
/// routes they serve. Nothing listens here: `lotus daemon` runs it in the
/// ``NodeRuntime/NodeShell`` (``DaemonRunner``), and the test kit runs it in process beside miner nodes.
public struct DaemonNode: Sendable {
    /// The full node actor (for a local `SubsystemRef<FullNodeMethods>`).
    public let fullNode: FullNodeActor
    /// The daemon's libp2p host.
    public let libp2p: Libp2pHost
    /// The storage client (`ClientStartDeal`, `ClientListDeals`, …), over the chain and the libp2p host.
    public let client: ClientActor
    /// Signs and verifies the daemon's tokens.
    public let authority: JWTAuthority
    /// What the shell (or the test kit) runs.
    public let assembly: NodeShell.Assembly
    let chain: DaemonChain

    /// Logger names of the daemon, for `LogList` / `LogSetLevel`.
    public static let loggerNames = [
        "lotus", "rpc", "chain", "chainstore", "mpool", "wallet", "clock", "lotus.repo", "http", "p2pnode", "client",
    ]

    /// A local handle on the full node API.
    public var api: SubsystemRef<FullNodeMethods> { .local(fullNode) }

    /// Opens (or, with `--devnet`, creates) the chain in `repo` — which the caller has locked — and assembles the daemon.
    /// - Throws: `ConfigError` for bad parameters, a chain-store or chain error otherwise.
    public static func assemble(repo: Repo, options: DaemonOptions, config: FullNodeConfig, logs: LogRegistry) throws -> DaemonNode {
        let logger = Logger(label: "lotus") { logs.makeHandler(label: $0) }
        let authority = JWTAuthority(secret: try repo.jwtSecret())
        let chain = try DaemonChain.open(repo: repo, options: options, config: config, logs: logs)
        do {
            let shutdown = ShutdownSignal()
            let common = CommonActor(
                authority: authority, enabled: [], blockDelay: chain.blockDelaySeconds, apiVersion: .fullNodeAPI, logs: logs,
                requestShutdown: { shutdown.trigger() })
            let host = try Libp2pHost.lotus(config.libp2p, identity: try repo.libp2pIdentity(), logs: logs)
            let bootstrap = try Libp2pBootstrap(host: host, config: config.libp2p, logs: logs)
            let client = ClientActor(
                chain: .local(chain.actor), network: StorageMarketClient(host: host), metadata: try repo.openDatastore(),
                logger: Logger(label: "client") { logs.makeHandler(label: $0) }, importsPath: repo.path.appending("imports"))
            var routes = RouteTable()
            routes.serve(common)
            chain.serve(on: &routes)
            routes.serve(Libp2pNetAPI(network: Libp2pHostNetwork(host: host)))
            routes.serve(client)
            let rpc = RPCServer(
                routes: routes.routes, authority: authority, maxRequestSize: max(config.api.maxRequestSize, 1),
                logger: Logger(label: "rpc") { logs.makeHandler(label: $0) })
            // Graceful shutdown runs in reverse order: the chain actor first (ends subscriptions and waits), then the
            // listener drains, then the storage client stops polling, then the libp2p host closes its connections, then
            // the clock stops between epochs.
            let assembly = NodeShell.Assembly(
                services: [common, chain.clockService, host, bootstrap, client], stopFirst: [chain.actorService], rpc: rpc,
                rpcPaths: ["/rpc/v0", "/rpc/v1"], shutdown: shutdown,
                whenListening: { try await host.waitUntilReady(logger: logger) },
                summary: ["repo": "\(repo.path)"])
            return DaemonNode(fullNode: chain.actor, libp2p: host, client: client, authority: authority, assembly: assembly, chain: chain)
        } catch {
            chain.close()
            throw error
        }
    }

    /// Closes the chain database; call it once the services have stopped.
    public func close() { chain.close() }
}
