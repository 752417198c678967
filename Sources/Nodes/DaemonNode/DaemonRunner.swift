import ConfigFile
import Foundation
import HTTP2Transport
import Logging
import MinerConfig
import NodeRuntime
import Repo
import SubsystemSupport

/// Runs the chain daemon as a process (`lotus daemon --devnet`): prepares and locks the repo, loads config.toml,
/// assembles the ``DaemonNode`` (the devnet chain, its libp2p host, the full node API on `/rpc/v0` and `/rpc/v1`) and
/// runs it in the ``NodeRuntime/NodeShell``, which writes the `api` file once the API and libp2p listen and, on
/// SIGTERM/SIGINT/`Shutdown` (`lotus daemon stop`), drains and removes it.
public struct DaemonRunner: Sendable {
    /// Logger names of the daemon, for `LogList` / `LogSetLevel`.
    public static var loggerNames: [String] { DaemonNode.loggerNames }

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
        let node = try DaemonNode.assemble(repo: repo, options: options, config: config, logs: logs)
        defer { node.close() }
        try await NodeShell(repo: repo, api: config.api, endpoint: endpoint, logger: Logger(label: "http") { logs.makeHandler(label: $0) })
            .run(node.assembly)
    }

    /// Creates the repo on first start with `--devnet` (directory, commented config.toml, keystore, datastore,
    /// API secret and token), takes its lock, and loads its config.
    public func prepareRepo(_ repo: Repo, logger: Logger) throws -> (RepoLock, FullNodeConfig) {
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
