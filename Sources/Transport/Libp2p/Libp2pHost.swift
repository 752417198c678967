import Logging
import Multiformats
import NIOCore
import NIOPosix
import Noise
import ServiceLifecycle
import Synchronization
import Yamux

/// A libp2p host: listens on TCP, dials peers, upgrades every connection (multistream-select `/noise`,
/// Noise XX, multistream-select `/yamux/1.0.0`, yamux), answers identify (`/ipfs/id/1.0.0`) and ping
/// (`/ipfs/ping/1.0.0`), dispatches inbound streams to registered protocol handlers and trims connections
/// above the connection manager's high water mark.
///
/// ## Running a host
///
/// ```swift
/// let host = Libp2pHost(config: config, logger: logger)
/// host.setStreamHandler("/lotus-swift/echo/1.0.0") { stream in … }
/// // in a ServiceGroup, or:
/// try await withThrowingDiscardingTaskGroup { group in
///     group.addTask { try await host.run() }
///     _ = try await host.waitUntilListening()
///     let peer = try await host.connect(address)   // address ends in /p2p/<peer ID>
///     let rtt = try await host.ping(peer)
/// }
/// ```
///
/// ``run()`` runs once: until the task is cancelled or a graceful shutdown is triggered; then the listeners
/// and every connection are closed. Dialling and opening streams need a running host.
public final class Libp2pHost: Service, Sendable {
    /// A protocol handler: receives each inbound stream on which the protocol was negotiated. The handler owns
    /// the stream and should close or reset it before it returns (a stream released while open is reset).
    ///
    /// Handlers run as child tasks of ``run()``. At shutdown their connections close (reads and writes fail)
    /// and they are cancelled; ``run()`` returns once every handler has returned, so a handler must not wait
    /// on anything that ignores cancellation.
    public typealias StreamHandler = @Sendable (Libp2pStream) async -> Void

    /// The configuration the host was created with.
    public let config: Libp2pHostConfig
    /// This host's peer ID, derived from ``Libp2pHostConfig/identity``.
    public let peerID: PeerID
    let eventLoopGroup: any EventLoopGroup
    /// The identity and the Noise static key used for every handshake (one static key per host, as go-libp2p).
    let noise: NoiseConfiguration
    let logger: Logger
    /// Caps the bytes received on every connection that stream handlers have not read yet
    /// (``Libp2pHostConfig/Limits/maxUnreadBytesTotal``).
    let receiveBudget: YamuxReceiveBudget
    let state = Mutex(HostState())
    /// Work that runs as a child task of ``run()``: stream handlers, identify exchanges.
    let jobs: AsyncStream<@Sendable () async -> Void>
    let jobSink: AsyncStream<@Sendable () async -> Void>.Continuation

    /// The protocol ID of identify.
    public static let identifyProtocol = "/ipfs/id/1.0.0"
    /// The protocol ID of ping.
    public static let pingProtocol = "/ipfs/ping/1.0.0"
    /// The identify `protocolVersion` every current implementation sends.
    public static let protocolVersion = "ipfs/0.1.0"

    /// Creates a host; nothing listens until ``run()``.
    /// - Parameters:
    ///   - config: identity, addresses, connection manager, limits.
    ///   - eventLoopGroup: NIO threads; the process-wide singleton by default.
    ///   - logger: where connection failures and hostile peers are reported.
    public init(
        config: Libp2pHostConfig, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger
    ) {
        self.config = config
        self.peerID = config.identity.publicKey.peerID
        self.eventLoopGroup = eventLoopGroup
        self.noise = NoiseConfiguration(identity: config.identity)
        self.receiveBudget = YamuxReceiveBudget(limit: config.limits.maxUnreadBytesTotal)
        var logger = logger
        logger[metadataKey: "host"] = "\(config.identity.publicKey.peerID)"
        self.logger = logger
        let (jobs, jobSink) = AsyncStream.makeStream(of: (@Sendable () async -> Void).self)
        self.jobs = jobs
        self.jobSink = jobSink
        installBuiltinHandlers()
    }

    /// The addresses the listeners are bound to (port 0 resolved); empty until ``run()`` has bound them.
    public var listenAddresses: [Multiaddr] {
        state.withLock { state in
            if case .bound(let addresses) = state.bind { return addresses }
            return []
        }
    }

    /// Bytes received on all connections that stream handlers have not read yet; at most
    /// ``Libp2pHostConfig/Limits/maxUnreadBytesTotal``.
    public var unreadBytes: Int { receiveBudget.usedBytes }

    /// Waits until ``run()`` has bound every listen address and returns the bound addresses.
    /// - Throws: the bind error (``Libp2pHostError`` `.bindFailed`) if binding failed.
    public func waitUntilListening() async throws -> [Multiaddr] {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = state.withLock { state -> Result<[Multiaddr], Libp2pHostError>? in
                switch state.bind {
                case .bound(let addresses): return .success(addresses)
                case .failed(let error): return .failure(error)
                case .waiting:
                    state.bindWaiters.append(continuation)
                    return nil
                }
            }
            if let outcome { continuation.resume(with: outcome.mapError { $0 as any Error }) }
        }
    }

    /// What identify tells peers we listen on: ``Libp2pHostConfig/announceAddresses`` when set, else the bound
    /// listen addresses with `0.0.0.0` and `::` expanded to this machine's interface addresses; minus
    /// ``Libp2pHostConfig/noAnnounceAddresses``.
    public var announcedAddresses: [Multiaddr] {
        AddressAnnouncer(
            announce: config.announceAddresses, noAnnounce: config.noAnnounceAddresses
        ).announced(listening: listenAddresses, interfaces: AddressAnnouncer.interfaceAddresses())
    }

    /// Binds the listeners, serves until cancelled or gracefully shut down, then closes the listeners and every
    /// connection and returns.
    /// - Throws: ``Libp2pHostError`` `.bindFailed` when a listen address cannot be bound (nothing stays open);
    ///   `.notRunning` when called a second time.
    public func run() async throws {
        let fresh = state.withLock { state -> Bool in
            guard state.phase == .idle else { return false }
            state.phase = .starting
            return true
        }
        guard fresh else {
            throw Libp2pHostError(.notRunning, "this libp2p host has already run; create a new Libp2pHost to start again")
        }
        let bound: [Multiaddr]
        do {
            bound = try await bindListeners()
        } catch {
            let failure = error as? Libp2pHostError ?? Libp2pHostError(.bindFailed, "cannot listen: \(error)")
            settleBind(.failure(failure))
            beginShutdown()
            throw failure
        }
        let stopping = state.withLock { state -> Bool in
            if state.phase == .starting { state.phase = .running }
            return state.phase == .stopped
        }
        settleBind(.success(bound))
        logger.info("libp2p host listening", metadata: ["addresses": "\(bound.map(\.description))"])
        if stopping { beginShutdown() }

        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await withDiscardingTaskGroup { group in
                    group.addTask { await self.connectionManagerLoop() }
                    for await job in jobs {
                        group.addTask { await job() }
                    }
                    // The job stream finishes at shutdown; stop the handlers still running.
                    group.cancelAll()
                }
            } onCancel: {
                self.beginShutdown()
            }
        } onGracefulShutdown: {
            self.beginShutdown()
        }
        logger.info("libp2p host stopped")
    }

    /// Stops accepting, closes every connection and ends ``run()``. Safe to call more than once.
    public func beginShutdown() {
        let (listeners, connections) = state.withLock { state -> ([any Channel], [Libp2pConnection]) in
            state.phase = .stopped
            defer {
                state.listeners.removeAll()
                state.connections.removeAll()
            }
            return (state.listeners, Array(state.connections.values))
        }
        for listener in listeners { listener.close(promise: nil) }
        for connection in connections { connection.closeNow() }
        jobSink.finish()
    }

    /// Runs `job` as a child task of ``run()``; false when the host is not running (the job is dropped).
    @discardableResult
    func submit(_ job: @escaping @Sendable () async -> Void) -> Bool {
        if case .enqueued = jobSink.yield(job) { return true }
        return false
    }

    /// Whether ``run()`` is serving (listeners bound, not shutting down).
    var isRunning: Bool { state.withLock { $0.phase == .running } }

    func requireRunning() throws(Libp2pHostError) {
        guard isRunning else {
            throw Libp2pHostError(.notRunning, "the libp2p host is not running; start Libp2pHost.run() first (or it is shutting down)")
        }
    }

    private func settleBind(_ outcome: Result<[Multiaddr], Libp2pHostError>) {
        let waiters = state.withLock { state -> [CheckedContinuation<[Multiaddr], any Error>] in
            switch outcome {
            case .success(let addresses): state.bind = .bound(addresses)
            case .failure(let error): state.bind = .failed(error)
            }
            defer { state.bindWaiters.removeAll() }
            return state.bindWaiters
        }
        for waiter in waiters { waiter.resume(with: outcome.mapError { $0 as any Error }) }
    }
}
