import Logging
import NIOCore

/// A yamux session (hashicorp/yamux `spec.md`, libp2p `/yamux/1.0.0`) over one connection whose
/// pipeline carries plaintext bytes — in libp2p, the channel after the Noise handshake.
///
/// ## Using a session
/// ```swift
/// let session = try await YamuxSession.install(on: channel, role: .client) { inbound in
///     Task { await serve(inbound) }          // negotiate a protocol, then dispatch
/// }
/// let stream = try await session.openStream()
/// try await stream.write(request)
/// try await stream.closeWrite()
/// while let reply = try await stream.read() { … }
/// ```
/// The session handle is safe to use from any task; its calls hop to the channel's event loop.
/// Inbound streams are handed to `inboundStreamHandler` on the event loop as their SYN arrives;
/// the handler should return quickly (start a task). A stream is acknowledged when the
/// application first reads or writes it.
///
/// ## Limits
/// Memory is bounded by flow control: a stream never buffers more than the window this side
/// granted, window is returned only as the application reads, and writers suspend while the
/// peer's window or the connection is full. Across streams, unread bytes are capped by a
/// ``YamuxReceiveBudget`` (``YamuxConfiguration/maxBufferedReceiveBytes``, optionally inside a
/// budget shared with other sessions): data that would go over it resets its stream. Limits on
/// streams and queued control frames are in ``YamuxConfiguration``. A peer that breaks the protocol gets go-away (protocol error) and
/// the connection is closed, with a log line saying why.
public final class YamuxSession: Sendable {
    /// Which half of the stream-ID space this side uses: the client opens odd IDs, the server
    /// even ones. In libp2p the side that dialled the connection is the client.
    public enum Role: Sendable, Hashable, CustomStringConvertible {
        case client
        case server

        public var description: String { self == .client ? "client" : "server" }
    }

    /// This side's role.
    public let role: Role
    /// The limits in force.
    public let configuration: YamuxConfiguration
    /// The connection's event loop, where all session state lives.
    public let eventLoop: any EventLoop
    /// Completes when the connection has closed: succeeds after a normal end (either side's
    /// close, a normal go-away, end of file) and fails with ``YamuxError`` when the session
    /// ended because of a protocol violation, an error go-away, a keep-alive timeout or a
    /// connection error.
    public let closeFuture: EventLoopFuture<Void>
    /// What this session holds unread (``YamuxConfiguration/maxBufferedReceiveBytes``, inside the shared
    /// budget it was installed with).
    public let receiveBudget: YamuxReceiveBudget

    private let handler: NIOLoopBound<YamuxSessionHandler>
    private let counters: YamuxSessionCounters

    private init(handler: YamuxSessionHandler) {
        self.role = handler.role
        self.configuration = handler.configuration
        self.eventLoop = handler.eventLoop
        self.closeFuture = handler.closePromise.futureResult
        self.receiveBudget = handler.receiveBudget
        self.counters = handler.counters
        self.handler = handler.loopBound
    }

    /// Adds a yamux session at the end of `channel`'s pipeline. Call it on the channel's event
    /// loop (for example in a channel initializer); ``install(on:role:configuration:logger:sharedBudget:inboundStreamHandler:)``
    /// hops there by itself.
    ///
    /// - Parameters:
    ///   - channel: a channel whose pipeline ends in plaintext `ByteBuffer`s both ways.
    ///   - role: `.client` on the dialling side, `.server` on the listening side.
    ///   - configuration: limits and timers; checked with ``YamuxConfiguration/validate()``.
    ///   - logger: where protocol violations, refused streams and timeouts are logged.
    ///   - sharedBudget: a receive budget over several sessions (a host's); this session's own
    ///     budget of ``YamuxConfiguration/maxBufferedReceiveBytes`` is charged inside it.
    ///   - inboundStreamHandler: called on the event loop with each stream the peer opens.
    /// - Throws: ``YamuxError`` `.invalidConfiguration`, or the pipeline's error.
    public static func installSync(
        on channel: any Channel, role: Role, configuration: YamuxConfiguration = YamuxConfiguration(),
        logger: Logger = Logger(label: "yamux"), sharedBudget: YamuxReceiveBudget? = nil,
        inboundStreamHandler: @escaping @Sendable (YamuxStream) -> Void
    ) throws -> YamuxSession {
        channel.eventLoop.preconditionInEventLoop()
        try configuration.validate()
        let handler = YamuxSessionHandler(
            role: role, configuration: configuration, logger: logger, eventLoop: channel.eventLoop,
            counters: YamuxSessionCounters(),
            receiveBudget: YamuxReceiveBudget(limit: configuration.maxBufferedReceiveBytes, parent: sharedBudget),
            inboundStreamHandler: inboundStreamHandler)
        try channel.pipeline.syncOperations.addHandler(handler)
        return YamuxSession(handler: handler)
    }

    /// Adds a yamux session at the end of `channel`'s pipeline from any task; see
    /// ``installSync(on:role:configuration:logger:sharedBudget:inboundStreamHandler:)``.
    public static func install(
        on channel: any Channel, role: Role, configuration: YamuxConfiguration = YamuxConfiguration(),
        logger: Logger = Logger(label: "yamux"), sharedBudget: YamuxReceiveBudget? = nil,
        inboundStreamHandler: @escaping @Sendable (YamuxStream) -> Void
    ) async throws -> YamuxSession {
        try await channel.eventLoop.submit {
            try installSync(
                on: channel, role: role, configuration: configuration, logger: logger, sharedBudget: sharedBudget,
                inboundStreamHandler: inboundStreamHandler)
        }.get()
    }

    /// Opens a stream. The SYN goes out at once and the stream is usable at once; the peer's
    /// ACK arrives later (or RST if it refuses, which the first read or write then reports).
    /// Waits while ``YamuxConfiguration/maxUnacknowledgedOutboundStreams`` streams are
    /// unacknowledged.
    ///
    /// - Throws: ``YamuxError`` `.sessionClosed`, `.goAwayReceived` or `.streamIDsExhausted`;
    ///   `CancellationError` when the task is cancelled while waiting.
    public func openStream() async throws -> YamuxStream {
        let handler = self.handler
        return try await YamuxWaiter.suspend(on: eventLoop) { waiter, continuation in
            handler.value.openStream(waiter, continuation)
        } withdraw: { waiter in
            handler.value.withdrawOpen(waiter)
        }
    }

    /// Sends a ping and waits for the answer.
    /// - Returns: the round-trip time.
    /// - Throws: ``YamuxError`` `.timeout` after ``YamuxConfiguration/pingTimeout``, or
    ///   `.sessionClosed`.
    public func ping() async throws -> Duration {
        let handler = self.handler
        return try await YamuxWaiter.suspend(on: eventLoop) { waiter, continuation in
            handler.value.ping(waiter, continuation)
        } withdraw: { waiter in
            handler.value.withdrawPing(waiter)
        }
    }

    /// Sends go-away (normal) to drain the connection: the peer may open no more streams (a SYN
    /// after it gets RST) and closes the session — go-yamux and py-libp2p at once, this
    /// implementation once its open streams have ended. Streams already open keep working
    /// until then.
    public func goAway() async {
        let handler = self.handler
        try? await eventLoop.submit {
            let session = handler.value
            guard session.lifecycle == .active, !session.localGoAwaySent else { return }
            session.localGoAwaySent = true
            session.appendControl(YamuxFrame(type: .goAway, streamID: 0, length: YamuxGoAwayCode.normal.rawValue))
        }.get()
    }

    /// Sends go-away (normal) and closes the connection; open streams end with
    /// ``YamuxError/Kind/sessionClosed`` (streams whose peer already sent FIN can still be read
    /// to the end). Returns when the connection is closed.
    public func close() async {
        let handler = self.handler
        eventLoop.execute { handler.value.close(reason: nil, goAway: .normal) }
        try? await closeFuture.get()
    }

    /// Open streams (both directions), read without hopping.
    public var openStreamCount: Int { inboundStreamCount + outboundStreamCount }
    /// Open streams the peer opened.
    public var inboundStreamCount: Int { counters.inbound }
    /// Open streams this side opened.
    public var outboundStreamCount: Int { counters.outbound }

    /// A consistent snapshot of the session's counters (taken on the event loop).
    public func statistics() async throws -> YamuxSessionStatistics {
        let handler = self.handler
        return try await eventLoop.submit {
            let session = handler.value
            return YamuxSessionStatistics(
                inboundStreams: session.inboundCount, outboundStreams: session.outboundCount,
                pendingInboundStreams: session.pendingInboundCount,
                unacknowledgedOutboundStreams: session.unacknowledgedOutboundCount,
                bufferedReceiveBytes: session.bufferedReceiveBytes,
                roundTripTime: session.smoothedRTT.map { .nanoseconds($0.nanoseconds) })
        }.get()
    }
}
