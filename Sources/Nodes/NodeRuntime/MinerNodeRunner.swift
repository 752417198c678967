import APICore
import ChainTypes
import ConfigFile
import Foundation
import FullNodeAPI
import Logging
import MinerConfig
import MinerNode
import Repo
import SubsystemSupport

/// Runs a miner node as a process (`lotus-miner run`): locks the repo, loads config.toml, connects to the chain
/// daemon when `FULLNODE_API_INFO` is set, assembles the node from `[Subsystems]` and hands it to the
/// ``NodeShell``. The `api` file is written once the API listens and, on a node with Markets, once its libp2p host
/// listens and (with `FULLNODE_API_INFO`) is connected to the daemon's host.
public struct MinerNodeRunner: Sendable {
    public let repoPath: String
    public let environment: [String: String]

    public init(repoPath: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.repoPath = repoPath
        self.environment = environment
    }

    /// Runs until the node is asked to stop.
    /// - Throws: `RepoError`, `ConfigError` or a transport error with a message that says what to fix.
    public func run(logs: LogRegistry) async throws {
        let logger = Logger(label: "miner") { logs.makeHandler(label: $0) }
        let repo = Repo(path: RepoPath(repoPath, environment: environment))
        guard repo.exists else {
            throw RepoError(.notInitialized, "repo at '\(repo.path)' is not initialized, run 'lotus-miner init' to set it up")
        }
        let lock = try repo.lock()
        defer { lock.unlock() }
        var config = try ConfigFile.load(path: repo.configPath, environment: environment)
        try config.subsystems.validate()
        let endpoint = try NodeShell.endpoint(of: config.api, file: repo.configPath)
        config.api.maxRequestSize = max(config.api.maxRequestSize, 1)

        let fullNode = environment["FULLNODE_API_INFO"].flatMap { $0.isEmpty ? nil : $0 }
        var chain: SubsystemRef<FullNodeMethods>?
        if let fullNode { chain = try await MinerNode.connectChain(fullNode, connector: HTTP2Connector(), logger: logger) }
        let daemonChain = chain
        var deps = try MinerNode.Dependencies.open(
            repo: repo, config: config, connector: HTTP2Connector(), logs: logs,
            logger: Logger(label: "rpc") { logs.makeHandler(label: $0) }, chain: chain)
        deps.backupBase = BackupBasePath(environment: environment)
        // Sealing and Window PoSt look at the chain a few times per block (a Window PoSt must land inside its
        // challenge window, a few blocks long on a devnet).
        if let chain, let network = try? await chain.call(\.stateGetNetworkParams) {
            deps.pollInterval = .milliseconds(min(500, max(20, network.blockDelayMillis / 4)))
        }
        let node = try await MinerNode.assemble(config: config, deps)

        let assembly = NodeShell.Assembly(
            services: node.services, rpc: node.server, rpcPaths: ["/rpc/v0"], shutdown: node.shutdown,
            whenListening: {
                // With Markets: libp2p listening and, when FULLNODE_API_INFO names the daemon, connected to its host.
                try await node.libp2p?.waitUntilReady(logger: logger)
                if let net = node.net, case .remote(let daemon)? = daemonChain?.location {
                    try await FullNodeLibp2pBootstrap(daemon: daemon, logger: logger).run(net: net)
                }
            },
            summary: ["subsystems": "\(node.enabled.map(\.rawValue))"],
            streamRoutes: node.httpRoutes)
        try await NodeShell(repo: repo, api: config.api, endpoint: endpoint, logger: logger).run(assembly)
    }
}
