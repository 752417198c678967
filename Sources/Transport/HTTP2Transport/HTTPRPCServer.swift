import APICore
import JSONRPC
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import NIOSSL
import ServiceLifecycle
import Synchronization

/// The node's API server: JSON-RPC over HTTP/2 (h2c with prior knowledge, or TLS with ALPN h2),
/// HTTP/1.1 POST and websocket, all on one port, plus extra streaming routes (``HTTPStreamRoute``).
///
/// Run it in a `ServiceGroup` (or call ``run()`` yourself). Graceful shutdown stops accepting, refuses
/// new calls (``JSONRPC/RPCServer/beginShutdown()``), lets in-flight requests finish for up to
/// ``Configuration/shutdownGracePeriod``, then closes every connection; ``run()`` then returns.
public final class HTTPRPCServer: Service, Sendable {
    public let configuration: Configuration
    let rpc: RPCServer
    let routes: [any HTTPStreamRoute]
    let eventLoopGroup: any EventLoopGroup
    let logger: Logger
    let registry: ConnectionRegistry
    /// What the bodies of callers without a token hold now (``ConnectionLimits/unauthenticatedBufferBytes``).
    let unauthenticated: ByteBudget
    private let state = Mutex(State())

    private struct State {
        enum Bind {
            case waiting
            case bound(Int)
            case failed(any Error)
        }
        var bind = Bind.waiting
        var waiters: [CheckedContinuation<Int, any Error>] = []
        var listener: (any Channel)?
        var shuttingDown = false
    }

    /// - Parameters:
    ///   - configuration: address, TLS, JSON-RPC paths, limits.
    ///   - rpcServer: dispatches JSON-RPC; its `maxRequestSize` is the body limit (HTTP 413 above it).
    ///   - streamRoutes: extra streaming endpoints, tried in order for paths that are not JSON-RPC.
    ///   - eventLoopGroup: NIO threads; the process-wide singleton by default.
    public init(
        configuration: Configuration, rpcServer: RPCServer, streamRoutes: [any HTTPStreamRoute] = [],
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger
    ) {
        self.configuration = configuration
        self.registry = ConnectionRegistry(maxConnections: configuration.limits.maxConnections, logger: logger)
        self.unauthenticated = ByteBudget(capacity: configuration.limits.unauthenticatedBufferBytes)
        self.rpc = rpcServer
        self.routes = streamRoutes
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// The port the server listens on, waiting until ``run()`` has bound it.
    /// - Throws: the bind error if binding failed.
    public func boundPort() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = state.withLock { state -> Result<Int, any Error>? in
                switch state.bind {
                case .bound(let port): return .success(port)
                case .failed(let error): return .failure(error)
                case .waiting:
                    state.waiters.append(continuation)
                    return nil
                }
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    /// The number of open client connections (for tests and metrics).
    public var connectionCount: Int { registry.count }

    /// Bytes of request bodies from callers without a token that the server holds or has reserved now.
    public var unauthenticatedBytesInUse: Int { unauthenticated.inUse }

    /// Starts a graceful shutdown, as ServiceLifecycle's graceful shutdown does.
    public func beginGracefulShutdown() {
        let listener = state.withLock { state -> (any Channel)? in
            state.shuttingDown = true
            return state.listener
        }
        rpc.beginShutdown()
        listener?.close(promise: nil)
        registry.quiesceAll()
    }

    private func settleBind(_ outcome: Result<Int, any Error>) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            switch outcome {
            case .success(let port): state.bind = .bound(port)
            case .failure(let error): state.bind = .failed(error)
            }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(with: outcome) }
    }

    /// Binds, serves until graceful shutdown (or cancellation), then returns.
    /// - Throws: ``HTTPTransportError`` when the port cannot be bound or TLS files do not load.
    public func run() async throws {
        let listener: NIOAsyncChannel<AcceptedConnection, Never>
        do {
            let sslContext = try configuration.tls.map(Self.makeSSLContext)
            listener = try await ServerBootstrap(group: eventLoopGroup)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                // Reads of up to 1 MiB while a large body streams in (NIO's default stops at 64 KiB); the per-stream
                // and connection windows still bound what a client can have in flight.
                .childChannelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 2048, maximum: 1 << 20))
                .bind(host: configuration.host, port: configuration.port) { channel in
                    self.initialize(channel, sslContext: sslContext)
                }
        } catch {
            let failure = error as? HTTPTransportError
                ?? .bindFailed(host: configuration.host, port: configuration.port, configKey: configuration.configKey, underlying: error)
            settleBind(.failure(failure))
            throw failure
        }
        let port = listener.channel.localAddress?.port ?? configuration.port
        let alreadyStopping = state.withLock { state -> Bool in
            state.listener = listener.channel
            return state.shuttingDown
        }
        settleBind(.success(port))
        logger.info("API server listening", metadata: ["address": "\(configuration.host):\(port)", "tls": "\(configuration.tls != nil)"])
        if alreadyStopping { listener.channel.close(promise: nil) }

        let handler = HTTPConnectionHandler(
            processor: RequestProcessor(
                rpc: rpc, paths: Set(configuration.paths), routes: routes, sizeLimitKey: configuration.sizeLimitKey,
                unauthenticatedRequestBytes: configuration.limits.unauthenticatedRequestBytes,
                unauthenticated: unauthenticated, logger: logger),
            logger: logger)
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await withDiscardingTaskGroup { group in
                    let limits = configuration.limits
                    group.addTask {
                        // Closes connections that are slow to send their first request head, or idle too long.
                        while !Task.isCancelled {
                            try? await Task.sleep(for: limits.sweepInterval)
                            self.registry.closeStale(readHeaderTimeout: limits.readHeaderTimeout, idleTimeout: limits.idleTimeout)
                        }
                    }
                    do {
                        try await listener.executeThenClose { inbound in
                            for try await connection in inbound {
                                group.addTask { await self.serve(connection, handler: handler) }
                            }
                        }
                    } catch {
                        logger.error("API listener failed", metadata: ["error": "\(error)"])
                        beginGracefulShutdown()
                    }
                    // The listener is closed: wait for in-flight work, bounded by the grace period.
                    await withTaskGroup(of: Void.self) { waiting in
                        waiting.addTask { await self.registry.waitUntilEmpty() }
                        waiting.addTask { try? await Task.sleep(for: self.configuration.shutdownGracePeriod) }
                        waiting.addTask {
                            while !Task.isCancelled {
                                try? await Task.sleep(for: .milliseconds(250))
                                self.registry.sweepIdle()
                            }
                        }
                        await waiting.next()
                        waiting.cancelAll()
                    }
                    if registry.count > 0 {
                        logger.warning("closing API connections still busy after the grace period", metadata: ["connections": "\(registry.count)"])
                    }
                    registry.closeAll()
                    group.cancelAll()
                }
            } onCancel: {
                self.beginGracefulShutdown()
                self.registry.closeAll()
            }
        } onGracefulShutdown: {
            self.beginGracefulShutdown()
        }
        logger.info("API server stopped", metadata: ["port": "\(port)"])
    }

    private func serve(_ connection: AcceptedConnection, handler: HTTPConnectionHandler) async {
        do {
            switch try await connection.negotiated.get() {
            case .http1_1(let upgrade):
                switch try await upgrade.get() {
                case .http(let channel):
                    registry.update(connection.channel, kind: .http)
                    await handler.serveHTTP1(channel, registry: registry)
                case .websocket(let channel, let permissions):
                    registry.update(connection.channel, kind: .websocket)
                    await WebSocketConnection(channel: channel, permissions: permissions, rpc: rpc, logger: logger).run()
                }
            case .http2(let multiplexer):
                registry.update(connection.channel, kind: .http)
                await handler.serveHTTP2(multiplexer, connection: connection.channel, registry: registry)
            }
        } catch {
            logger.debug("connection failed before its first request", metadata: ["error": "\(error)"])
        }
        connection.channel.close(promise: nil)
    }

    static func makeSSLContext(_ files: Configuration.TLSFiles) throws -> NIOSSLContext {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(files.certificateChainPath).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
            var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            tls.applicationProtocols = ["h2", "http/1.1"]
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw HTTPTransportError(
                .tlsConfiguration,
                "cannot load the API TLS certificate '\(files.certificateChainPath)' or key '\(files.privateKeyPath)': \(error)")
        }
    }
}
