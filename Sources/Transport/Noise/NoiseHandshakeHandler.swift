import Logging
import Multiformats
import NIOCore

/// Runs the libp2p Noise XX handshake on a channel, then puts a ``NoiseTransportHandler`` in its place.
///
/// Add it once the connection has selected `/noise` (e.g. in ``MultistreamSelect``'s configure step).
/// The initiator writes the first message as soon as the channel is active. When the handshake
/// completes the handler
/// 1. adds a ``NoiseTransportHandler`` with the session's ciphers right after itself,
/// 2. succeeds `completed` with the authenticated peer (callbacks on its future run at once, on the
///    event loop, so they can add the next handlers, after the transport handler, with `syncOperations`),
/// 3. removes itself, passing any bytes that arrived behind the last handshake message to the transport
///    handler, so frames the peer pipelined are decrypted and delivered, not lost.
///
/// Anything going wrong (bad frame, failed decryption, bad signature, an unexpected peer ID, timeout,
/// the connection closing) fails `completed` with a ``NoiseError``, writes a log line and closes the
/// connection. Nothing above this handler may write before `completed` succeeds.
public final class NoiseHandshakeHandler: ChannelInboundHandler, RemovableChannelHandler {
    /// Bytes from the peer.
    public typealias InboundIn = ByteBuffer
    /// Bytes after the handshake, for the transport handler.
    public typealias InboundOut = ByteBuffer
    /// Handshake frames to the peer.
    public typealias OutboundOut = ByteBuffer

    private enum Phase { case idle, handshaking, finished, failed }

    private var handshake: NoiseLibp2pHandshake
    private let completed: EventLoopPromise<NoiseHandshakeResult>
    private let timeout: TimeAmount?
    private let logger: Logger
    private var phase = Phase.idle
    private var received: ByteBuffer?
    private var timeoutTask: Scheduled<Void>?

    /// A handshake handler.
    ///
    /// - Parameters:
    ///   - role: `.initiator` on the dialling side.
    ///   - configuration: our identity, Noise static key and extensions.
    ///   - expectedRemotePeer: the peer ID we dialled (from its `/p2p/` address), checked against the
    ///     key the peer proves; `nil` to accept any peer (always `nil` on the listening side).
    ///   - timeout: how long the handshake may take; `nil` for no limit.
    ///   - logger: where failures are logged.
    ///   - completed: succeeded with the authenticated peer, failed with a ``NoiseError``.
    public init(
        role: NoiseHandshakeState.Role, configuration: NoiseConfiguration, expectedRemotePeer: PeerID? = nil,
        timeout: TimeAmount? = .seconds(30), logger: Logger = Logger(label: "noise"),
        completed: EventLoopPromise<NoiseHandshakeResult>
    ) {
        handshake = NoiseLibp2pHandshake(role: role, configuration: configuration, expectedRemotePeer: expectedRemotePeer)
        self.completed = completed
        self.timeout = timeout
        self.logger = logger
    }

    /// Starts the handshake at once if the channel is already active.
    public func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context: context) }
    }

    /// Starts the handshake when the connection comes up.
    public func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    /// Collects bytes from the peer and advances the handshake with every complete frame.
    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard phase == .idle || phase == .handshaking else { return }
        var bytes = unwrapInboundIn(data)
        if received == nil {
            received = bytes
        } else {
            received!.writeBuffer(&bytes)
        }
        if phase == .handshaking { advance(context: context) }
    }

    /// Fails the promise if the connection closes before the handshake finished.
    public func channelInactive(context: ChannelHandlerContext) {
        fail(context: context, NoiseError(.connectionClosed, "the connection closed during the Noise handshake"), close: false)
        context.fireChannelInactive()
    }

    /// Fails the promise and closes the connection on an error during the handshake.
    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context: context, NoiseError(.connectionClosed, "the connection failed during the Noise handshake: \(error)"), close: true)
        context.fireErrorCaught(error)
    }

    /// Fails the promise if the handler is removed before the handshake finished.
    public func handlerRemoved(context: ChannelHandlerContext) {
        timeoutTask?.cancel()
        if phase == .idle || phase == .handshaking {
            phase = .failed
            completed.fail(NoiseError(.connectionClosed, "the Noise handshake handler was removed before the handshake finished"))
        }
    }

    /// Passes on the bytes received after the last handshake message, then leaves the pipeline.
    public func removeHandler(context: ChannelHandlerContext, removalToken: ChannelHandlerContext.RemovalToken) {
        if phase == .finished, let rest = received.take(), rest.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(rest))
            context.fireChannelReadComplete()
        }
        context.leavePipeline(removalToken: removalToken)
    }

    private func start(context: ChannelHandlerContext) {
        guard phase == .idle else { return }
        phase = .handshaking
        if let timeout {
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            timeoutTask = context.eventLoop.scheduleTask(in: timeout) {
                let (handler, context) = loopBound.value
                handler.fail(context: context, NoiseError(.timeout, "the Noise handshake did not finish within \(timeout)"), close: true)
            }
        }
        do {
            if let first = try handshake.start() { send(first, context: context) }
        } catch {
            fail(context: context, Self.noiseError(error), close: true)
            return
        }
        advance(context: context)
    }

    private func advance(context: ChannelHandlerContext) {
        while phase == .handshaking, received != nil, let frame = NoiseFraming.readFrame(from: &received!) {
            do {
                if let reply = try handshake.receive(Array(frame.readableBytesView)) { send(reply, context: context) }
                if handshake.isComplete { try finish(context: context) }
            } catch {
                fail(context: context, Self.noiseError(error), close: true)
            }
        }
    }

    private func send(_ message: [UInt8], context: ChannelHandlerContext) {
        var frame = context.channel.allocator.buffer(capacity: message.count + 2)
        NoiseFraming.writeFrame(message, into: &frame)
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }

    private func finish(context: ChannelHandlerContext) throws {
        let session = try handshake.session()
        timeoutTask?.cancel()
        phase = .finished
        let transport = NoiseTransportHandler(send: session.send, receive: session.receive, logger: logger)
        try context.pipeline.syncOperations.addHandler(transport, position: .after(self))
        logger.debug("Noise handshake complete", metadata: ["peer": "\(session.result.remotePeerID)"])
        completed.succeed(session.result)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    private func fail(context: ChannelHandlerContext, _ error: NoiseError, close: Bool) {
        guard phase == .idle || phase == .handshaking else { return }
        phase = .failed
        timeoutTask?.cancel()
        received = nil
        logger.warning("Noise handshake failed, closing the connection", metadata: ["error": "\(error.message)"])
        completed.fail(error)
        if close { context.close(promise: nil) }
    }

    private static func noiseError(_ error: any Error) -> NoiseError {
        error as? NoiseError ?? NoiseError(.invalidState, "the Noise handshake failed: \(error)")
    }
}

@available(*, unavailable)
extension NoiseHandshakeHandler: Sendable {}
