import APICore
import ConfigFile
import Foundation
import HTTP2Transport
import JSONRPC
import Libp2p
import Logging
import MinerActors
import MinerConfig
import MinerNode
import Multiformats
import Repo
import ServiceLifecycle
import UnixSignals

/// Runs a node as a process (`lotus-miner run`): locks the repo, loads config.toml, assembles the
/// node, serves its API over HTTP/2 + HTTP/1.1 (TLS when configured), writes the `api` file once
/// listening (and, on a node with Markets, once its libp2p host is listening and, with `FULLNODE_API_INFO` set,
/// connected to the daemon's host), and on SIGTERM/SIGINT/`Shutdown` drains and removes the `api` file.
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

        let endpoint: APIEndpoint
        do {
            endpoint = try APIEndpoint.parse(config.api.listenAddress)
        } catch {
            throw ConfigError(file: repo.configPath, key: "[API] ListenAddress", message: "\(error)")
        }
        if config.api.tlsCertFile.isEmpty != config.api.tlsKeyFile.isEmpty {
            throw ConfigError(file: repo.configPath, key: "[API] TLSCertFile", message: "TLSCertFile and TLSKeyFile must be set together (PEM files) or both left empty")
        }
        config.api.maxRequestSize = max(config.api.maxRequestSize, 1)

        let deps = try MinerNode.Dependencies.open(
            repo: repo, config: config, connector: HTTP2Connector(), logs: logs, logger: Logger(label: "rpc") { logs.makeHandler(label: $0) })
        let node = try await MinerNode.assemble(config: config, deps)
        let tls = config.api.tlsEnabled
            ? HTTPRPCServer.Configuration.TLSFiles(certificateChainPath: config.api.tlsCertFile, privateKeyPath: config.api.tlsKeyFile)
            : nil
        let http = HTTPRPCServer(
            configuration: .init(
                host: endpoint.host, port: endpoint.port, tls: tls, paths: ["/rpc/v0"],
                shutdownGracePeriod: .nanoseconds(config.api.timeout.nanoseconds)),
            rpcServer: node.server, streamRoutes: [PushStreamRoute(registry: node.server.pushStreams)], logger: logger)

        let services: [ServiceGroupConfiguration.ServiceConfiguration] =
            (node.services + [http as any Service]).map {
                .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup)
            }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))

        let fullNode = environment["FULLNODE_API_INFO"].flatMap { $0.isEmpty ? nil : $0 }
        let announce = Task {
            do {
                // The api file appears once everything public is up: the API listener and, with Markets, libp2p
                // (connected to the daemon's host when FULLNODE_API_INFO names it, as `lotus-miner run` does).
                let port = try await http.boundPort()
                try await node.libp2p?.waitUntilReady(logger: logger)
                if let net = node.net, let fullNode {
                    try await FullNodeLibp2pBootstrap(apiInfo: fullNode, connector: HTTP2Connector(), logger: logger).run(net: net)
                }
                var listening = endpoint
                listening.port = port
                try repo.writeAPIEndpoint(listening.multiaddr)
                logger.info("API listening", metadata: ["address": "\(listening.multiaddr)", "subsystems": "\(node.enabled.map(\.rawValue))"])
            } catch {
                // Nothing announced: stop the node and report why.
                if !(error is CancellationError) { node.shutdown.trigger() }
                throw error
            }
        }
        defer {
            announce.cancel()
            try? repo.removeAPIEndpoint()
        }
        try await group.run()
        if case .failure(let error) = await announce.result, !(error is CancellationError) {
            throw error
        }
    }
}
