import APICore
import Foundation
import HTTP2Transport
import JSONRPC
import Logging
import MinerConfig
import MinerNode
import Repo
import ServiceLifecycle

/// The process part every node needs, written once: `lotus daemon` and `lotus-miner run` each supply only their
/// assembly (``Assembly``) and call ``run(_:)``.
///
/// The shell serves the assembly's routes on `[API] ListenAddress` (h2c, HTTP/1.1, TLS, websocket), runs its
/// services in one `ServiceGroup` in dependency order, writes the repo's `api` file atomically once the listener is
/// bound and the node says it is ready (a failed write stops the node and is reported), and on SIGTERM/SIGINT,
/// `Shutdown` or `stop` drains: in-flight calls get `[API] Timeout`, the group is then cancelled, and a second signal
/// exits at once. The `api` file is removed on every way out. The caller holds the repo lock for the whole run.
public struct NodeShell: Sendable {
    /// What a node is made of, as its assembly returns it.
    public struct Assembly: Sendable {
        /// Services in start order; they stop in reverse order, after the API listener has drained. (``shutdown`` is
        /// added by the shell if it is missing.)
        public var services: [any Service]
        /// Services that must hear of shutdown before the listener drains (the chain actor ends its subscriptions and
        /// waits, so the drain does not wait `[API] Timeout` for calls that would never finish).
        public var stopFirst: [any Service]
        /// The JSON-RPC dispatcher for the node's routes.
        public var rpc: RPCServer
        /// The JSON-RPC paths (`/rpc/v0`, and `/rpc/v1` on the daemon).
        public var rpcPaths: [String]
        /// Fired by `Shutdown` / `stop`; the shell fires it on the first signal.
        public var shutdown: ShutdownSignal
        /// Runs once the API listener is bound and before the `api` file is written (libp2p listening, bootstrap).
        public var whenListening: @Sendable () async throws -> Void
        /// Logged with "API listening".
        public var summary: Logger.Metadata
        /// HTTP routes served beside JSON-RPC (`/remote` on a node with SectorStorage).
        public var streamRoutes: [any HTTPStreamRoute]

        public init(
            services: [any Service], stopFirst: [any Service] = [], rpc: RPCServer, rpcPaths: [String], shutdown: ShutdownSignal,
            whenListening: @escaping @Sendable () async throws -> Void = {}, summary: Logger.Metadata = [:],
            streamRoutes: [any HTTPStreamRoute] = []
        ) {
            self.services = services
            self.stopFirst = stopFirst
            self.rpc = rpc
            self.rpcPaths = rpcPaths
            self.shutdown = shutdown
            self.whenListening = whenListening
            self.summary = summary
            self.streamRoutes = streamRoutes
        }
    }

    /// The node's repo (locked by the caller).
    public let repo: Repo
    /// `[API]`: listen address, TLS files, `Timeout`.
    public let api: APIConfig
    /// Where to listen: `[API] ListenAddress`, parsed (a flag may have replaced its port).
    public let endpoint: APIEndpoint
    public let logger: Logger
    /// Extra time past `[API] Timeout` that the services get to stop before they are cancelled.
    public var stopMargin: Duration = .seconds(5)
    /// Whether the shell traps SIGTERM and SIGINT (a process does; a node run inside a test does not).
    public var handlesSignals = true

    public init(repo: Repo, api: APIConfig, endpoint: APIEndpoint, logger: Logger) {
        self.repo = repo
        self.api = api
        self.endpoint = endpoint
        self.logger = logger
    }

    /// `[API] ListenAddress` parsed, and the TLS pair checked, with errors that name the config file and key.
    /// - Throws: `ConfigError`.
    public static func endpoint(of api: APIConfig, file: String) throws -> APIEndpoint {
        let endpoint: APIEndpoint
        do {
            endpoint = try APIEndpoint.parse(api.listenAddress)
        } catch {
            throw ConfigError(file: file, key: "[API] ListenAddress", message: "\(error)")
        }
        if api.tlsCertFile.isEmpty != api.tlsKeyFile.isEmpty {
            throw ConfigError(file: file, key: "[API] TLSCertFile", message: "TLSCertFile and TLSKeyFile must be set together (PEM files) or both left empty")
        }
        for (key, value) in [("ReadHeaderTimeout", api.readHeaderTimeout), ("IdleTimeout", api.idleTimeout)] where value.nanoseconds < 0 {
            throw ConfigError(file: file, key: "[API] \(key)", message: "\(value) is negative; use 0 for no limit")
        }
        guard api.maxConnections >= 1 else {
            throw ConfigError(file: file, key: "[API] MaxConnections", message: "\(api.maxConnections) would refuse every connection; the least is 1")
        }
        return endpoint
    }

    /// `[API] ReadHeaderTimeout`, `IdleTimeout` and `MaxConnections` as the server's connection limits (0: no limit,
    /// which is a timeout of a century).
    public static func connectionLimits(of api: APIConfig) -> HTTPRPCServer.ConnectionLimits {
        func limit(_ value: GoDuration) -> Duration { value.nanoseconds > 0 ? value.duration : .seconds(100 * 365 * 86_400) }
        return HTTPRPCServer.ConnectionLimits(
            readHeaderTimeout: limit(api.readHeaderTimeout), idleTimeout: limit(api.idleTimeout), maxConnections: max(api.maxConnections, 1))
    }

    /// The HTTP/2 transport a node process serves on: `[API] ListenAddress` with its TLS files, `Timeout` and connection
    /// limits.
    public func httpTransport(for assembly: Assembly) -> HTTP2ServerTransport {
        let tls = api.tlsEnabled
            ? HTTPRPCServer.Configuration.TLSFiles(certificateChainPath: api.tlsCertFile, privateKeyPath: api.tlsKeyFile)
            : nil
        return HTTP2ServerTransport(
            endpoint: endpoint, rpc: assembly.rpc, paths: assembly.rpcPaths, tls: tls, drainTimeout: .nanoseconds(api.timeout.nanoseconds),
            routes: assembly.streamRoutes, limits: Self.connectionLimits(of: api), logger: logger)
    }

    /// Serves `assembly` until the node is asked to stop, then drains and returns.
    /// - Parameter transport: what serves the routes; the HTTP/2 server on `[API] ListenAddress` when `nil`.
    /// - Throws: the first error that stopped the node: the listener's, a service's, or the announcement's (the
    ///   `whenListening` step or the `api` file write).
    public func run(_ assembly: Assembly, transport: (any ServerTransport)? = nil) async throws {
        if handlesSignals { AllocatorTuning.apply() }
        let server = transport ?? httpTransport(for: assembly)
        let repo = self.repo
        let signals = SignalWatcher(shutdown: assembly.shutdown, logger: logger) { signal in
            // The second signal: no more draining. The kernel releases the repo lock with the process.
            try? repo.removeAPIEndpoint()
            // `_exit`, not `exit`: no atexit handlers or static destructors, which can wait on threads still working.
            _exit(128 + signal)
        }
        let shutdown = assembly.shutdown
        let services: [any Service] =
            (handlesSignals ? [signals] : []) + assembly.services.filter { ($0 as? ShutdownSignal) !== shutdown } + [shutdown, server] + assembly.stopFirst
        var configuration = ServiceGroupConfiguration(
            services: services.map {
                .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup)
            },
            logger: logger)
        configuration.maximumGracefulShutdownDuration = .nanoseconds(api.timeout.nanoseconds) + stopMargin
        let group = ServiceGroup(configuration: configuration)

        let logger = self.logger
        let announce = Task {
            do {
                let address = try await server.listeningAddress()
                try await assembly.whenListening()
                do {
                    try repo.writeAPIEndpoint(address)
                } catch {
                    throw RepoError(.io, "writing the api file '\(repo.apiPath)': \(error); the node stops, since no CLI could find it")
                }
                logger.info("API listening", metadata: assembly.summary.merging(["address": "\(address)"]) { old, _ in old })
            } catch {
                // Nothing announced: stop the node and report why.
                if !(error is CancellationError) { assembly.shutdown.trigger() }
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
