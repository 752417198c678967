import APICore
import Foundation
import Common
import CommonAPI
import FullNodeAPI
import JSONRPC
import Libp2p
import Logging
import Markets
import MarketsAPI
import MinerConfig
import Mining
import MiningAPI
import Multiformats
import Net
import Repo
import NetAPI
import RPCAuth
import Sealing
import SealingAPI
import SectorStorage
import SectorStorageAPI
import StorageMarketNetwork
import ServiceLifecycle
import SubsystemSupport

/// A storage-provider node assembled from `[Subsystems]`: local actors for the enabled subsystems,
/// remote references for the ones it needs from another node, and the routes it serves.
///
/// Assembly is plain code: one visible `switch` per subsystem picks local or remote. Nothing listens
/// here; the process runner (``MinerNodeRunner``) or the test kit puts a transport in front of ``server``.
public struct MinerNode: Sendable {
    /// Everything the assembly needs from outside: storage, auth, logs, and how to reach other nodes.
    public struct Dependencies: Sendable {
        public var configStore: any ConfigStore
        public var metadata: any MetadataStore
        public var storagePaths: any StoragePathList
        /// Signs and verifies this node's tokens (its own secret from the keystore).
        public var authority: JWTAuthority
        public var logs: LogRegistry
        public var connector: any RemoteConnector
        public var logger: Logger
        /// The libp2p host key (keystore `libp2p-host`); needed when Markets is enabled, unused otherwise.
        public var libp2pIdentity: Libp2pPrivateKey?
        /// The chain daemon's API, injected into the subsystems that need chain state or the mpool (Mining, Sealing,
        /// Markets): remote from `FULLNODE_API_INFO` in `lotus-miner run`, a local actor in tests; `nil` without one.
        public var chain: SubsystemRef<FullNodeMethods>?
        /// How often the sealing pipeline looks at the chain while it waits (half a block suits).
        public var pollInterval: Duration = .milliseconds(500)
        /// Where the Markets subsystem stages deal data (`<repo>/deal-staging`; a temporary directory for a node built
        /// without a repo).
        public var dealStagingPath: String = NSTemporaryDirectory() + "deal-staging-" + UUID().uuidString
        /// The DAG store's root when `[DAGStore] RootDir` is empty (`<repo>/dagstore`).
        public var dagstorePath: String = NSTemporaryDirectory() + "dagstore-" + UUID().uuidString
        /// Where `CreateBackup` may write (`LOTUS_BACKUP_BASE_PATH` of the node process); unset refuses online backups.
        public var backupBase = BackupBasePath(path: nil)

        public init(
            configStore: any ConfigStore, metadata: any MetadataStore, storagePaths: any StoragePathList,
            authority: JWTAuthority, logs: LogRegistry, connector: any RemoteConnector,
            logger: Logger, libp2pIdentity: Libp2pPrivateKey? = nil, chain: SubsystemRef<FullNodeMethods>? = nil
        ) {
            self.configStore = configStore
            self.metadata = metadata
            self.storagePaths = storagePaths
            self.authority = authority
            self.logs = logs
            self.connector = connector
            self.logger = logger
            self.libp2pIdentity = libp2pIdentity
            self.chain = chain
        }
    }

    public let config: MinerConfig
    public let enabled: [Subsystem]
    public let common: CommonActor
    public let mining: SubsystemRef<MiningMethods>?
    public let sealing: SubsystemRef<SealingMethods>?
    public let sectorStorage: SubsystemRef<SectorStorageMethods>?
    /// This node's own storage paths and index, when SectorStorage runs here (served under `/remote` by the shell).
    public let localSectorStorage: SectorStorageActor?
    public let markets: SubsystemRef<MarketsMethods>?
    /// This node's Markets actor, when Markets runs here (its pieces are served under `/piece` by the shell).
    public let localMarkets: MarketsActor?
    /// The libp2p host: present exactly when Markets runs here (a mining-only node opens no public listener).
    public let libp2p: Libp2pHost?
    /// The Net API over ``libp2p``; on a node without it every Net method answers ``NetAPI/NetMethods/noHostHint``.
    public let net: SubsystemRef<NetMethods>?
    public let server: RPCServer
    public let shutdown: ShutdownSignal
    /// The local subsystems' services, in start order (shutdown runs in reverse).
    public let services: [any Service]

    /// Logger names of a miner node, for `LogList` / `LogSetLevel`.
    public static let loggerNames = ["miner", "rpc", "mining", "sealing", "stores", "markets", "node", "lotus.repo", "http", "p2pnode"]

    /// Builds the node. Validates `[Subsystems]` first, so nothing starts with an unsupported combination.
    /// - Throws: `ConfigError` for bad subsystem combinations or a missing API info; ``APICore/RPCError`` when a
    ///   remote node cannot be reached or speaks an incompatible API version.
    public static func assemble(config: MinerConfig, blockDelay: UInt64 = 4, _ deps: Dependencies) async throws -> MinerNode {
        try config.subsystems.validate()
        let subsystems = config.subsystems
        let shutdown = ShutdownSignal()
        var routes = RouteTable()
        var services: [any Service] = []

        let common = CommonActor(
            authority: deps.authority, enabled: subsystems.enabled, blockDelay: blockDelay, logs: deps.logs,
            backup: DatastoreBackup(metadata: deps.metadata, base: deps.backupBase), requestShutdown: { shutdown.trigger() })
        routes.serve(common)
        services.append(common)

        // The mining node (Mining + Sealing + SectorStorage) is the remote side of a markets node.
        let miningNodeHint = "it runs on the mining node; lotus-miner sends sectors, storage, actor and proving commands there (MINER_API_INFO / LOTUS_MINER_PATH)"
        let marketsNodeHint = "it runs on the markets node; set MARKETS_API_INFO or LOTUS_MARKETS_PATH so lotus-miner sends market commands there"

        let mining: SubsystemRef<MiningMethods>?
        let sealing: SubsystemRef<SealingMethods>?
        let sectorStorage: SubsystemRef<SectorStorageMethods>?
        var localSectorStorage: SectorStorageActor?
        // Where the markets side reads unsealed copies it has no path to: nowhere in the monolith (every path is its
        // own), the mining node's `/remote` in a split (with the sector index's token).
        var remoteReader: (any RemoteSectorReader)?
        switch (subsystems.enableMining, subsystems.enableMarkets) {
        case (true, _):
            let remoteURL = "http://\(config.api.remoteListenAddress)/remote"
            let storageActor = SectorStorageActor(
                pathList: deps.storagePaths, remoteURL: remoteURL, logger: Logger(label: "stores") { deps.logs.makeHandler(label: $0) })
            let miningActor = MiningActor(
                config: deps.configStore, metadata: deps.metadata, chain: deps.chain, storage: .local(storageActor),
                pollInterval: deps.pollInterval, logger: Logger(label: "wdpost") { deps.logs.makeHandler(label: $0) })
            let sealingActor = SealingActor(
                config: deps.configStore, metadata: deps.metadata, chain: deps.chain, storage: .local(storageActor),
                pollInterval: deps.pollInterval, logger: Logger(label: "sealing") { deps.logs.makeHandler(label: $0) })
            routes.serve(miningActor)
            routes.serve(sealingActor)
            routes.serve(storageActor)
            services += [storageActor, sealingActor, miningActor] as [any Service]
            (mining, sealing, sectorStorage) = (.local(miningActor), .local(sealingActor), .local(storageActor))
            localSectorStorage = storageActor
        case (false, true):
            let timeout = config.api.timeout.duration
            let sealer = try await Self.connectMiningNode(
                subsystems.sealerApiInfo, key: "[Subsystems] SealerApiInfo", disabled: "EnableSealing", timeout: timeout, deps)
            let index = try await Self.connectMiningNode(
                subsystems.sectorIndexApiInfo, key: "[Subsystems] SectorIndexApiInfo", disabled: "EnableSectorStorage", timeout: timeout, deps)
            routes.refuse(MiningMethods.self, hint: miningNodeHint)
            routes.refuse(SealingMethods.self, hint: miningNodeHint)
            routes.refuse(SectorStorageMethods.self, hint: miningNodeHint)
            (mining, sealing, sectorStorage) = (.remote(sealer), .remote(sealer), .remote(index))
            remoteReader = deps.connector.sectorReader(for: try APIInfo.parse(apiInfoValue(subsystems.sectorIndexApiInfo)))
        case (false, false):
            routes.refuse(MiningMethods.self, hint: miningNodeHint)
            routes.refuse(SealingMethods.self, hint: miningNodeHint)
            routes.refuse(SectorStorageMethods.self, hint: miningNodeHint)
            (mining, sealing, sectorStorage) = (nil, nil, nil)
        }

        let markets: SubsystemRef<MarketsMethods>?
        var localMarkets: MarketsActor?
        let libp2p: Libp2pHost?
        let net: SubsystemRef<NetMethods>?
        if subsystems.enableMarkets {
            // The host starts before the Markets actor (whose deal protocols will be its stream handlers) and
            // stops after it.
            let host = try Self.makeLibp2pHost(config: config, deps)
            let bootstrap = try Libp2pBootstrap(host: host, config: config.libp2p, logs: deps.logs)
            let netAPI = Libp2pNetAPI(network: Libp2pHostNetwork(host: host))
            routes.serve(netAPI)
            services += [host, bootstrap] as [any Service]
            (libp2p, net) = (host, .local(netAPI))
            let marketsActor = MarketsActor(
                config: deps.configStore, chain: deps.chain, sealing: sealing, mining: mining, sectorIndex: sectorStorage,
                remoteReader: remoteReader, metadata: deps.metadata,
                stagingPath: deps.dealStagingPath, peerID: host.peerID.description,
                logger: Logger(label: "markets") { deps.logs.makeHandler(label: $0) }, pollInterval: deps.pollInterval,
                localPaths: { [paths = deps.storagePaths] in try paths.load() },
                dagstore: try DAGStore(root: config.dagstore.rootDir.isEmpty ? deps.dagstorePath : config.dagstore.rootDir))
            // The deal protocols (`/fil/storage/mk|ask|status/1.1.0`) are the Markets actor's answers on the host.
            StorageProviderProtocols.register(
                on: host, provider: marketsActor, logger: Logger(label: "storagemarket") { deps.logs.makeHandler(label: $0) })
            routes.serve(marketsActor)
            services.append(marketsActor)
            markets = .local(marketsActor)
            localMarkets = marketsActor
        } else {
            routes.refuse(NetMethods.self, hint: NetMethods.noHostHint)
            routes.refuse(MarketsMethods.self, hint: marketsNodeHint)
            (markets, libp2p, net) = (nil, nil, nil)
        }

        let server = RPCServer(
            routes: routes.routes, authority: deps.authority, maxRequestSize: config.api.maxRequestSize,
            logger: deps.logger)
        services.append(shutdown)
        return MinerNode(
            config: config, enabled: subsystems.enabled, common: common, mining: mining, sealing: sealing,
            sectorStorage: sectorStorage, localSectorStorage: localSectorStorage, markets: markets, localMarkets: localMarkets, libp2p: libp2p, net: net, server: server, shutdown: shutdown,
            services: services)
    }

    /// The libp2p host of a node that runs Markets, from `[Libp2p]` and the keystore identity.
    static func makeLibp2pHost(config: MinerConfig, _ deps: Dependencies) throws -> Libp2pHost {
        guard let identity = deps.libp2pIdentity else {
            throw ConfigError(
                key: "[Subsystems] EnableMarkets",
                message: "a node that runs Markets needs its libp2p identity (keystore key 'libp2p-host'); open the dependencies with MinerNode.Dependencies.open(repo:…)")
        }
        return try Libp2pHost.lotus(config.libp2p, identity: identity, logs: deps.logs)
    }

    /// Opens the chain daemon's API from `FULLNODE_API_INFO` and checks its version, as `lotus-miner run` does
    /// (Lotus: "lotus-daemon API version doesn't match").
    /// - Throws: ``APICore/RPCError`` saying what is wrong and what to do (start the daemon, or unset the variable).
    public static func connectChain(_ info: String, connector: any RemoteConnector, logger: Logger) async throws -> SubsystemRef<FullNodeMethods> {
        let key = "FULLNODE_API_INFO"
        let caller: any RPCCaller
        do {
            caller = try connector.caller(for: try APIInfo.parse(info), configKey: key)
        } catch let error as RPCError {
            throw RPCError(error.code, "\(key) is not usable: \(error.message); expected TOKEN:/ip4/HOST/tcp/PORT/http (`lotus auth api-info --perm=admin`)")
        }
        let version: APIVersionInfo
        do {
            version = try await SubsystemRef<CommonMethods>.remote(caller).call(\.version)
        } catch let error as RPCError {
            throw RPCError(
                error.code,
                "getting full node api: \(error.message) (\(key) points at \(caller.endpointDescription); start `lotus daemon` or unset \(key))")
        }
        guard version.apiVersion.isCompatible(with: .fullNodeAPI) else {
            throw RPCError(
                .methodError,
                "lotus-daemon API version doesn't match: expected: \(SemanticVersion.fullNodeAPI), got \(version.apiVersion) at \(caller.endpointDescription) (\(key))")
        }
        logger.info("Connected to the chain daemon", metadata: ["endpoint": "\(caller.endpointDescription)", "version": "\(version.version)"])
        return .remote(caller)
    }

    /// Opens a reference to the mining node and checks its API version (Lotus: `checkApiInfo`).
    static func connect(_ info: String, key: String, disabled: String, _ deps: Dependencies) async throws -> any RPCCaller {
        guard !info.isEmpty else {
            throw ConfigError(
                key: key,
                message: "is empty but \(disabled) = false; set it to the mining node's `lotus-miner auth api-info --perm=admin` output")
        }
        return try await connectService(info, key: key, connector: deps.connector, logger: deps.logger)
    }

    /// The mining node's API for a markets node: every call bounded by `[API] Timeout` except the long-running ones
    /// (``APICore/RPCMethod/longRunning``: a piece streamed in, an unseal, a storage lock), so a mining node that
    /// stops answering fails the markets node's calls instead of holding them forever.
    static func connectMiningNode(_ info: String, key: String, disabled: String, timeout: Duration, _ deps: Dependencies) async throws -> any RPCCaller {
        let caller = try await connect(info, key: key, disabled: disabled, deps)
        return timeout > .zero ? TimeLimitedCaller(caller, limit: timeout) : caller
    }

    /// `TOKEN:MULTIADDR` from API info as an operator pastes it: surrounding whitespace and the `MINER_API_INFO=`
    /// that `lotus-miner auth api-info` prints before it removed.
    public static func apiInfoValue(_ info: String) -> String {
        let prefix = "MINER_API_INFO="
        let trimmed = info.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix(prefix) ? String(trimmed.dropFirst(prefix.count)) : trimmed
    }

    /// Opens a reference to a node from its API info (`TOKEN:MULTIADDR`, or the raw `MINER_API_INFO=TOKEN:MULTIADDR`
    /// line `lotus-miner auth api-info` prints) and checks that it serves the miner API version (Lotus:
    /// `checkApiInfo`, which `lotus-miner run` and `init service` both use).
    /// - Throws: ``MinerConfig/ConfigError`` naming `key` for unparsable info; ``APICore/RPCError`` when the node cannot
    ///   be reached or speaks another API version ("remote service API version didn't match").
    public static func connectService(_ info: String, key: String, connector: any RemoteConnector, logger: Logger) async throws -> any RPCCaller {
        let parsed: APIInfo
        do {
            parsed = try APIInfo.parse(apiInfoValue(info))
        } catch let error as RPCError {
            throw ConfigError(key: key, message: error.message)
        }
        let caller = try connector.caller(for: parsed, configKey: key)
        logger.info("Checking (svc) api version", metadata: ["endpoint": "\(caller.endpointDescription)"])
        let version = try await SubsystemRef<CommonMethods>.remote(caller).call(\.version)
        guard version.apiVersion.isCompatible(with: .minerAPI) else {
            throw RPCError(
                .methodError,
                "remote service API version didn't match (expected \(SemanticVersion.minerAPI), remote \(version.apiVersion)) at \(caller.endpointDescription) (\(key))")
        }
        return caller
    }
}
