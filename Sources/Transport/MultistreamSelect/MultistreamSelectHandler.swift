import Logging
import NIOCore

/// Negotiates a protocol with multistream-select on a channel (a raw TCP connection or a secured one),
/// then gets out of the way.
///
/// Add it where the negotiated protocol's handlers will go; it writes the header (and the first
/// proposal) as soon as the channel is active. When both sides agree it
/// 1. waits for `configure` (if given) to finish adding the protocol's handlers,
/// 2. succeeds `negotiated` with the protocol ID (callbacks on its future run at once, on the event loop,
///    so they may also add handlers with `pipeline.syncOperations`),
/// 3. removes itself and passes on, as one `channelRead`, every byte that arrived after the last
///    negotiation message (a peer may pipeline data right behind it; none of it is lost).
///
/// New handlers must sit *after* this one (`addHandler(_:position: .last)` does that when it is last).
/// On a malformed message, a version mismatch, no common protocol, a timeout or the channel closing,
/// `negotiated` fails with a ``MultistreamError``, a log line is written and the channel is closed.
public final class MultistreamSelectHandler: ChannelInboundHandler, RemovableChannelHandler {
    /// Bytes from the peer.
    public typealias InboundIn = ByteBuffer
    /// Bytes for the negotiated protocol.
    public typealias InboundOut = ByteBuffer
    /// Bytes to the peer.
    public typealias OutboundOut = ByteBuffer

    /// Adds the negotiated protocol's handlers; the returned future completes when they are in place.
    public typealias Configure = @Sendable (_ protocolID: String, _ channel: any Channel) -> EventLoopFuture<Void>

    private enum Phase { case idle, negotiating, configuring, finished, failed }

    private var machine: MultistreamStateMachine
    private let negotiated: EventLoopPromise<String>
    private let configure: Configure?
    private let timeout: TimeAmount?
    private let logger: Logger
    private var phase = Phase.idle
    private var received: ByteBuffer?
    private var timeoutTask: Scheduled<Void>?

    /// The dialling side: proposes `protocols` in order.
    ///
    /// - Parameters:
    ///   - protocols: protocol IDs in order of preference.
    ///   - configuration: message limits.
    ///   - timeout: how long the whole negotiation may take; `nil` for no limit.
    ///   - logger: where failures are logged.
    ///   - negotiated: succeeded with the agreed protocol ID, failed with a ``MultistreamError``.
    ///   - configure: adds the handlers for the agreed protocol before pipelined bytes are passed on.
    /// - Throws: ``MultistreamError`` `.invalidProtocolID` for a bad or empty list.
    public convenience init(
        proposing protocols: [String], configuration: MultistreamConfiguration = .defaults, timeout: TimeAmount? = .seconds(30),
        logger: Logger = Logger(label: "multistream-select"), negotiated: EventLoopPromise<String>, configure: Configure? = nil
    ) throws(MultistreamError) {
        self.init(
            machine: try .initiator(proposing: protocols, configuration: configuration), timeout: timeout, logger: logger,
            negotiated: negotiated, configure: configure)
    }

    /// The listening side: accepts the first proposal among `protocols`.
    ///
    /// Parameters as ``init(proposing:configuration:timeout:logger:negotiated:configure:)``.
    /// - Throws: ``MultistreamError`` `.invalidProtocolID` for a bad or empty list.
    public convenience init(
        supporting protocols: [String], configuration: MultistreamConfiguration = .defaults, timeout: TimeAmount? = .seconds(30),
        logger: Logger = Logger(label: "multistream-select"), negotiated: EventLoopPromise<String>, configure: Configure? = nil
    ) throws(MultistreamError) {
        self.init(
            machine: try .responder(supporting: protocols, configuration: configuration), timeout: timeout, logger: logger,
            negotiated: negotiated, configure: configure)
    }

    private init(
        machine: MultistreamStateMachine, timeout: TimeAmount?, logger: Logger, negotiated: EventLoopPromise<String>, configure: Configure?
    ) {
        self.machine = machine
        self.timeout = timeout
        self.logger = logger
        self.negotiated = negotiated
        self.configure = configure
    }

    /// Starts the negotiation at once if the channel is already active.
    public func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context: context) }
    }

    /// Starts the negotiation when the connection comes up.
    public func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    /// Collects bytes from the peer and advances the negotiation with every complete message.
    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        switch phase {
        case .failed, .finished:
            return
        case .idle, .negotiating, .configuring:
            if received == nil {
                received = bytes
            } else {
                received!.writeImmutableBuffer(bytes)
            }
            if phase != .configuring { negotiate(context: context) }
        }
    }

    /// Fails the promise if the connection closes before the negotiation finished.
    public func channelInactive(context: ChannelHandlerContext) {
        fail(context: context, MultistreamError(.connectionClosed, "the connection closed during multistream-select negotiation"), close: false)
        context.fireChannelInactive()
    }

    /// Fails the promise and closes the connection on an error during the negotiation.
    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context: context, MultistreamError(.connectionClosed, "the connection failed during multistream-select negotiation: \(error)"), close: true)
        context.fireErrorCaught(error)
    }

    /// Fails the promise if the handler is removed before the negotiation finished.
    public func handlerRemoved(context: ChannelHandlerContext) {
        timeoutTask?.cancel()
        if phase != .finished && phase != .failed {
            phase = .failed
            negotiated.fail(MultistreamError(.connectionClosed, "the multistream-select handler was removed before the negotiation finished"))
        }
    }

    /// Passes on the bytes received after the last negotiation message, then leaves the pipeline.
    public func removeHandler(context: ChannelHandlerContext, removalToken: ChannelHandlerContext.RemovalToken) {
        if phase == .finished, let rest = received.take(), rest.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(rest))
            context.fireChannelReadComplete()
        }
        context.leavePipeline(removalToken: removalToken)
    }

    private func start(context: ChannelHandlerContext) {
        guard phase == .idle else { return }
        phase = .negotiating
        if let timeout {
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            timeoutTask = context.eventLoop.scheduleTask(in: timeout) {
                let (handler, context) = loopBound.value
                handler.fail(context: context, MultistreamError(.timeout, "multistream-select negotiation did not finish within \(timeout); the peer is too slow or not speaking it"), close: true)
            }
        }
        context.writeAndFlush(wrapOutboundOut(machine.start()), promise: nil)
        if received != nil { negotiate(context: context) }
    }

    private func negotiate(context: ChannelHandlerContext) {
        guard phase == .negotiating, received != nil else { return }
        let step: MultistreamStateMachine.Step
        do {
            step = try machine.receive(&received!)
        } catch {
            fail(context: context, error, close: true)
            return
        }
        if let output = step.output, output.readableBytes > 0 {
            context.writeAndFlush(wrapOutboundOut(output), promise: nil)
        }
        guard case .selected(let protocolID) = step.outcome else { return }
        timeoutTask?.cancel()
        logger.debug("multistream-select agreed", metadata: ["protocol": "\(protocolID)"])
        guard let configure else {
            finish(context: context, protocolID)
            return
        }
        phase = .configuring
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        configure(protocolID, context.channel).hop(to: context.eventLoop).whenComplete { result in
            let (handler, context) = loopBound.value
            switch result {
            case .success: handler.finish(context: context, protocolID)
            case .failure(let error):
                handler.fail(context: context, MultistreamError(.connectionClosed, "setting up \(protocolID) after multistream-select failed: \(error)"), close: true)
            }
        }
    }

    private func finish(context: ChannelHandlerContext, _ protocolID: String) {
        guard phase == .negotiating || phase == .configuring else { return }
        phase = .finished
        negotiated.succeed(protocolID)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    private func fail(context: ChannelHandlerContext, _ error: MultistreamError, close: Bool) {
        guard phase != .finished && phase != .failed else { return }
        phase = .failed
        timeoutTask?.cancel()
        received = nil
        logger.warning("multistream-select failed, closing the connection", metadata: ["error": "\(error.message)"])
        negotiated.fail(error)
        if close { context.close(promise: nil) }
    }
}

@available(*, unavailable)
extension MultistreamSelectHandler: Sendable {}
