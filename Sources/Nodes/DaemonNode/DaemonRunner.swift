import APICore
import Common
import CommonAPI
import ConfigFile
import Foundation
import HTTP2Transport
import JSONRPC
import Libp2p
import Logging
import MinerConfig
import MinerNode
import Net
import NetAPI
import RPCAuth
import Repo
import NodeRuntime
import SubsystemSupport

/// Runs the chain daemon as a process (`lotus daemon --devnet`): prepares and locks the repo, loads
/// config.toml, opens (or creates) the devnet chain, serves the full node API on `/rpc/v0` and `/rpc/v1` over
/// HTTP/2 + HTTP/1.1, runs its libp2p host (`[Libp2p]`, identity in keystore `libp2p-host`; the Net API and
/// `lotus net`) and ticks epochs; the ``NodeRuntime/NodeShell`` writes the `api` file once both listen and, on
/// SIGTERM/SIGINT/`Shutdown` (`lotus daemon stop`), drains and removes it.
public struct DaemonRunner: Sendable {
    /// Logger names of the daemon, for `LogList` / `LogSetLevel`.
    public static let loggerNames = ["lotus", "rpc", "chain", "chainstore", "mpool", "wallet", "clock", "lotus.repo", "http", "p2pnode"]

    /// How the daemon was asked to run.
    public let options: DaemonOptions

    /// A runner for `options`.
    public init(options: DaemonOptions) {
        self.options = options
    }

    /// Runs until the daemon is asked to stop.
    /// - Throws: `RepoError`, `ConfigError`, a chain error or a transport error, each saying what to fix.
    public func run(logs: LogRegistry) async throws {
        let logger = Logger(label: "lotus") { logs.makeHandler(label: $0) }
        let repo = Repo(path: RepoPath(options.repoPath, environment: options.environment), type: .fullNode)
        let (lock, config) = try prepareRepo(repo, logger: logger)
        defer { lock.unlock() }
        let endpoint = try listenEndpoint(config, repo: repo)
        let authority = JWTAuthority(secret: try repo.jwtSecret())

        let chain = try DaemonChain.open(repo: repo, options: options, config: config, logs: logs)
        defer { chain.close() }
        let shutdown = ShutdownSignal()
        let common = CommonActor(
            authority: authority, enabled: [], blockDelay: chain.blockDelaySeconds, apiVersion: .fullNodeAPI, logs: logs,
            requestShutdown: { shutdown.trigger() })
        let host = try Libp2pHost.lotus(config.libp2p, identity: try repo.libp2pIdentity(), logs: logs)
        let bootstrap = try Libp2pBootstrap(host: host, config: config.libp2p, logs: logs)
        var routes = RouteTable()
        routes.serve(common)
        chain.serve(on: &routes)
        routes.serve(Libp2pNetAPI(network: Libp2pHostNetwork(host: host)))
        let rpc = RPCServer(
            routes: routes.routes, authority: authority, maxRequestSize: max(config.api.maxRequestSize, 1),
            logger: Logger(label: "rpc") { logs.makeHandler(label: $0) })

        // Graceful shutdown runs in reverse order: the chain actor first (ends subscriptions and waits), then the
        // HTTP server drains, then the libp2p host closes its connections, then the clock stops between epochs.
        let assembly = NodeShell.Assembly(
            services: [common, chain.clockService, host, bootstrap], stopFirst: [chain.actorService], rpc: rpc,
            rpcPaths: ["/rpc/v0", "/rpc/v1"], shutdown: shutdown,
            whenListening: { try await host.waitUntilReady(logger: logger) },
            summary: ["repo": "\(repo.path)"])
        try await NodeShell(repo: repo, api: config.api, endpoint: endpoint, logger: Logger(label: "http") { logs.makeHandler(label: $0) })
            .run(assembly)
    }

    /// Creates the repo on first start with `--devnet` (directory, commented config.toml, keystore, datastore,
    /// API secret and token), takes its lock, and loads its config.
    func prepareRepo(_ repo: Repo, logger: Logger) throws -> (RepoLock, FullNodeConfig) {
        if !repo.exists {
            guard options.devnet else {
                throw RepoError(
                    .notInitialized,
                    "repo at '\(repo.path)' is not initialized; `lotus daemon --devnet` creates a devnet chain there "
                        + "(this daemon runs devnets only)")
            }
            try FileManager.default.createDirectory(atPath: repo.path.path, withIntermediateDirectories: true)
        }
        let lock = try repo.lock()
        do {
            if !repo.exists {
                try repo.initialize(configText: ConfigFile.commentedDefault(for: FullNodeConfig.self))
                logger.info("initialized full node repo", metadata: ["repo": "\(repo.path)"])
            }
            let config = try ConfigFile.load(path: repo.configPath, onto: FullNodeConfig.defaults, environment: options.environment)
            return (lock, config)
        } catch {
            lock.unlock()
            throw error
        }
    }

    /// `[API] ListenAddress` parsed (its port replaced by `--api`), with the TLS pair checked.
    func listenEndpoint(_ config: FullNodeConfig, repo: Repo) throws -> APIEndpoint {
        var endpoint = try NodeShell.endpoint(of: config.api, file: repo.configPath)
        if let port = options.apiPort {
            guard (1...65535).contains(port) else {
                throw ConfigError(key: "--api", message: "expected a TCP port (1-65535), got \(port)")
            }
            endpoint.port = port
        }
        return endpoint
    }
}
