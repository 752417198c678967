import APICore
import CLISupport
import ChainTypes
import ConfigFile
import Foundation
import FullNodeAPI
import JSONRPC
import Logging
import MinerConfig
import MinerNode
import Multiformats
import RPCAuth
import Repo
import SubsystemSupport
import TestScheduling

/// A running mesh in one topology over one transport: the mining and markets nodes (the same node in
/// the monolith) and clients that reach them over the chosen transport.
public final class Mesh: Sendable {
    public let meshCase: MeshCase
    public let miningNode: MeshNode
    public let marketsNode: MeshNode
    public let root: URL
    /// The chain daemon, for a mesh started with `chain: true`.
    public let daemon: MeshDaemon?
    /// The miner actor the mesh's mining node runs (created on the daemon's chain), for a mesh with a chain.
    public let minerAddress: Address?
    let connector: InProcessConnector

    /// Every distinct node (one in the monolith, two in the split).
    public var nodes: [MeshNode] { miningNode === marketsNode ? [miningNode] : [miningNode, marketsNode] }

    init(
        meshCase: MeshCase, miningNode: MeshNode, marketsNode: MeshNode, root: URL, daemon: MeshDaemon?, minerAddress: Address?,
        connector: InProcessConnector
    ) {
        self.meshCase = meshCase
        self.miningNode = miningNode
        self.marketsNode = marketsNode
        self.root = root
        self.daemon = daemon
        self.minerAddress = minerAddress
        self.connector = connector
    }

    /// A JSON-RPC client for `node` over the mesh's transport, presenting a token with `permission`
    /// (`nil`: no token, so read-only).
    public func client(_ node: MeshNode, permission: Permission? = .admin) throws -> any RPCCaller {
        let token = permission.map { node.token($0) }
        switch meshCase.transport {
        case .inProcess:
            return RPCClient(transport: InProcessTransport(server: node.node.server, token: token))
        case .http2:
            return try MeshHTTP.client(address: node.address, token: token)
        }
    }

    /// A typed handle on the API of `methods` at `node`, through the transport.
    public func ref<Methods: MethodSet>(_ methods: Methods.Type, on node: MeshNode, permission: Permission? = .admin) throws -> SubsystemRef<Methods> {
        .remote(try client(node, permission: permission))
    }

    /// Builds the mesh, runs `body`, and stops every node whatever happens.
    ///
    /// With `chain`, a devnet daemon runs in process first (``MeshDaemon``), a miner actor is created on it as
    /// `lotus-miner init --owner` does, the mining node's repo is that miner's, and both nodes get the chain as
    /// `lotus-miner run` gets it from `FULLNODE_API_INFO`.
    public static func with<T: Sendable>(
        _ meshCase: MeshCase, chain: Bool = false, sectorSize: SectorSize = .kib2, configure: @Sendable (inout MinerConfig) -> Void = { _ in },
        _ body: (Mesh) async throws -> T
    ) async throws -> T {
        let mesh = try await start(meshCase, chain: chain, sectorSize: sectorSize, configure: configure)
        do {
            let result = try await body(mesh)
            await mesh.stop()
            return result
        } catch {
            await mesh.stop()
            throw error
        }
    }

    public static func start(
        _ meshCase: MeshCase, chain: Bool = false, sectorSize: SectorSize = .kib2, configure: @Sendable (inout MinerConfig) -> Void = { _ in }
    ) async throws -> Mesh {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mesh-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let connector = InProcessConnector()
        var daemon: MeshDaemon?
        var miner: MinerIdentity?
        var started: [MeshNode] = []
        do {
            if chain {
                let running = try await MeshDaemon.start(root: root, transport: meshCase.transport, blockTime: TestTime.scaled(.milliseconds(100)))
                daemon = running
                let identity = Libp2pPrivateKey.generate()
                miner = MinerIdentity(address: try await running.createMiner(identity: identity, size: sectorSize), key: identity)
            }
            let chainRef = try daemon?.chainForMiners()
            var miningConfig = MinerConfig.defaults
            configure(&miningConfig)
            if meshCase.topology == .split { miningConfig.subsystems.enableMarkets = false }
            let mining = try await startNode(
                name: "mining", root: root, config: miningConfig, transport: meshCase.transport, connector: connector, miner: miner,
                chain: chainRef)
            started.append(mining)
            guard meshCase.topology == .split else {
                return Mesh(
                    meshCase: meshCase, miningNode: mining, marketsNode: mining, root: root, daemon: daemon, minerAddress: miner?.address,
                    connector: connector)
            }
            var marketsConfig = MinerConfig.defaults
            configure(&marketsConfig)
            marketsConfig.subsystems.enableMining = false
            marketsConfig.subsystems.enableSealing = false
            marketsConfig.subsystems.enableSectorStorage = false
            marketsConfig.subsystems.enableMarkets = true
            marketsConfig.subsystems.sealerApiInfo = mining.adminAPIInfo
            marketsConfig.subsystems.sectorIndexApiInfo = mining.adminAPIInfo
            let markets = try await startNode(
                name: "markets", root: root, config: marketsConfig, transport: meshCase.transport, connector: connector, miner: nil,
                chain: chainRef)
            return Mesh(
                meshCase: meshCase, miningNode: mining, marketsNode: markets, root: root, daemon: daemon, minerAddress: miner?.address,
                connector: connector)
        } catch {
            for node in started.reversed() { await node.stop() }
            await daemon?.stop()
            try? FileManager.default.removeItem(at: root)
            throw error
        }
    }

    /// The miner actor a mesh's mining repo is initialised for, and the libp2p key the chain names.
    struct MinerIdentity: Sendable {
        let address: Address
        let key: Libp2pPrivateKey
    }

    static func startNode(
        name: String, root: URL, config: MinerConfig, transport: MeshTransport, connector: InProcessConnector, miner: MinerIdentity?,
        chain: SubsystemRef<FullNodeMethods>?
    ) async throws -> MeshNode {
        let repo = Repo(path: RepoPath(root.appendingPathComponent(name).path))
        if let miner {
            try repo.initializeMiner(address: miner.address, identity: miner.key)
        } else {
            try repo.initialize(configText: ConfigFile.commentedDefault())
        }
        var config = config
        let logs = LogRegistry(subsystems: MinerNode.loggerNames, defaultLevel: .warning, output: { _ in })
        let logger = Logger(label: "mesh.\(name)") { logs.makeHandler(label: $0) }
        switch transport {
        case .inProcess:
            let address = "/dns4/\(name).in-process/tcp/1/http"
            config.api.listenAddress = address
            try ConfigFile.write(config, to: repo.configPath)
            var deps = try MinerNode.Dependencies.open(repo: repo, config: config, connector: connector, logs: logs, logger: logger, chain: chain)
            deps.pollInterval = .milliseconds(50)
            let node = try await MinerNode.assemble(config: config, deps)
            let server = InProcessServerTransport(name: name, rpc: node.server)
            connector.register(address: server.address, server: node.server)
            return try await MeshNode.launch(name: name, repo: repo, node: node, authority: deps.authority, transport: server, logger: logger)
        case .http2:
            return try await MeshHTTP.startNode(name: name, repo: repo, config: config, logs: logs, logger: logger, chain: chain)
        }
    }

    /// Stops every node (markets first) and removes the temporary repos.
    public func stop() async {
        for node in nodes.reversed() { await node.stop() }
        await daemon?.stop()
        try? FileManager.default.removeItem(at: root)
    }
}
