import Logging
import NIOCore

/// The yamux session itself: the last handler of a connection pipeline whose inbound and
/// outbound are plaintext byte buffers. It parses frames, keeps the stream table, enforces the
/// windows and limits, and writes frames. Everything here runs on the channel's event loop;
/// ``YamuxSession`` and ``YamuxStream`` are the thread-safe handles that hop onto it.
///
/// Writes are batched: frames are appended to one outbound buffer that is flushed once per read
/// burst (`channelReadComplete`) or once per event-loop tick for calls coming from the API.
final class YamuxSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Lifecycle {
        case active
        /// Closing (go-away sent or connection closing); no new work is accepted.
        case closing
        case closed
    }

    /// Where the inbound parser is: reading a 12-byte header, or inside a data payload.
    enum ParseState {
        case header
        /// `stream` is nil when the payload is drained (unknown or rejected stream).
        case payload(stream: YamuxStreamState?, remaining: Int, frame: YamuxFrame)
    }

    /// A ping waiting for its answer.
    struct PendingPing {
        let sent: NIODeadline
        let timeout: Scheduled<Void>
        /// `nil` for the keep-alive ping.
        let waiter: YamuxWaiter?
        let continuation: CheckedContinuation<Duration, any Error>?
    }

    /// The largest number of data bytes one stream writes before yielding to other streams and
    /// handing the batch to the channel (so its writability reflects what we queued).
    static let writeBurst = 256 * 1024
    /// Outbound bytes above which a batch is handed to the channel before the flush.
    static let emitThreshold = 64 * 1024
    /// The largest batch buffer kept for the next batch (one write burst and its headers fit); a bigger
    /// one, after a burst of many streams, is let go.
    static let retainedOutboundCapacity = 512 * 1024

    let role: YamuxSession.Role
    let configuration: YamuxConfiguration
    let logger: Logger
    let inboundStreamHandler: @Sendable (YamuxStream) -> Void
    let counters: YamuxSessionCounters
    let closePromise: EventLoopPromise<Void>
    let eventLoop: any EventLoop

    var context: ChannelHandlerContext?
    var lifecycle = Lifecycle.active
    /// Why the session ended abnormally; `nil` for a normal end.
    var closeReason: YamuxError?

    // MARK: Streams
    var streams: [UInt32: YamuxStreamState] = [:]
    var nextStreamID: UInt32
    var inboundCount = 0
    var outboundCount = 0
    /// Inbound streams we have not acknowledged yet.
    var pendingInboundCount = 0
    /// Outbound streams the peer has not acknowledged yet.
    var unacknowledgedOutboundCount = 0
    var openWaiters = CircularBuffer<(waiter: YamuxWaiter, continuation: CheckedContinuation<YamuxStream, any Error>)>()
    var localGoAwaySent = false
    var remoteGoAwayReceived = false
    /// Caps the bytes received and not yet read, over all streams (and, through its parent, the host).
    let receiveBudget: YamuxReceiveBudget
    /// Bytes received and not yet read, over all streams.
    var bufferedReceiveBytes: Int { receiveBudget.usedBytes }
    /// Window granted above the initial window by auto-tuning, over all open streams.
    var autoTuneGranted = 0
    /// Inbound streams refused with RST so far (for rate-limited logging).
    var refusedStreams = 0
    /// Streams reset because their data would have gone over the receive budget (for rate-limited logging).
    var overBudgetResets = 0

    // MARK: Pings
    var pings: [UInt32: PendingPing] = [:]
    var nextPingID: UInt32 = 0
    var keepAlivePingID: UInt32?
    var keepAliveTask: RepeatedTask?
    var smoothedRTT: TimeAmount?

    // MARK: Inbound parsing
    var parseState = ParseState.header
    /// The first bytes of a header split across reads.
    var headerScratch: ByteBuffer?

    // MARK: Outbound
    var outbound: ByteBuffer
    var hasUnflushedWrites = false
    var flushScheduled = false
    var writabilityWaiters = CircularBuffer<YamuxStreamState>()
    /// Control-frame bytes queued since the channel last became writable.
    var controlBytesWhileUnwritable = 0

    init(
        role: YamuxSession.Role, configuration: YamuxConfiguration, logger: Logger, eventLoop: any EventLoop,
        counters: YamuxSessionCounters, receiveBudget: YamuxReceiveBudget,
        inboundStreamHandler: @escaping @Sendable (YamuxStream) -> Void
    ) {
        self.role = role
        self.configuration = configuration
        self.receiveBudget = receiveBudget
        self.logger = logger
        self.eventLoop = eventLoop
        self.counters = counters
        self.inboundStreamHandler = inboundStreamHandler
        self.closePromise = eventLoop.makePromise(of: Void.self)
        self.nextStreamID = role == .client ? 1 : 2
        self.outbound = ByteBuffer()
    }

    /// This handler as a value that may cross threads; unwrapping it checks we are on its loop.
    var loopBound: NIOLoopBound<YamuxSessionHandler> { NIOLoopBound(self, eventLoop: eventLoop) }

    // MARK: Channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        outbound = context.channel.allocator.buffer(capacity: 1024)
        if context.channel.isActive { startKeepAlive() }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        end(reason: YamuxError(.sessionClosed, "the yamux handler was removed from the pipeline"))
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        startKeepAlive()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        end(reason: closeReason)
        context.fireChannelInactive()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushNow()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard lifecycle == .active else { return }
        if remoteGoAwayReceived {
            // The peer said it was leaving; a reset while it closes (it had unread bytes from
            // us) is how TCP ends such a session, not a failure.
            logger.debug("yamux connection error after the peer's go-away; closing", metadata: ["error": "\(error)"])
            close(reason: nil, goAway: nil)
            return
        }
        logger.warning("yamux connection error; closing the session", metadata: ["error": "\(error)"])
        close(reason: YamuxError(.sessionClosed, "the yamux session's connection failed: \(error)"), goAway: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            controlBytesWhileUnwritable = 0
            while context.channel.isWritable, lifecycle == .active, let stream = writabilityWaiters.popFirst() {
                stream.waitingForWritability = false
                pump(stream)
            }
            scheduleFlush()
        }
        context.fireChannelWritabilityChanged()
    }

    // MARK: Outbound buffer

    /// Appends a frame without payload (window update, ping, go-away). While the channel is not
    /// writable these are counted: a peer that keeps provoking them without reading is cut off.
    func appendControl(_ frame: YamuxFrame) {
        frame.write(to: &outbound)
        scheduleFlush()
        guard let context, !context.channel.isWritable, lifecycle == .active else { return }
        controlBytesWhileUnwritable += YamuxFrame.headerSize
        if controlBytesWhileUnwritable > configuration.maxQueuedControlBytes {
            logger.error(
                "yamux peer keeps sending while not reading; closing the session",
                metadata: ["queuedControlBytes": "\(controlBytesWhileUnwritable)"])
            close(
                reason: YamuxError(
                    .sessionClosed,
                    "the yamux peer queued more than \(configuration.maxQueuedControlBytes) bytes of control frames without reading them; session closed"),
                goAway: .internalError)
        }
    }

    /// Hands the outbound buffer to the channel (without flushing), then starts the next batch in the
    /// same storage: under Noise, which encrypts a write before it returns, that storage is ours again,
    /// so a busy session does not allocate (and page-fault) a fresh batch buffer for every write.
    func emitOutbound() {
        guard outbound.readableBytes > 0, let context else { return }
        context.write(wrapOutboundOut(outbound), promise: nil)
        hasUnflushedWrites = true
        if outbound.capacity > Self.retainedOutboundCapacity {
            outbound = context.channel.allocator.buffer(capacity: 1024)
        } else {
            // Keeps the storage when nothing else holds it; otherwise starts a small new one.
            outbound.clear(minimumCapacity: 1024)
        }
    }

    func flushNow() {
        emitOutbound()
        if hasUnflushedWrites, let context {
            hasUnflushedWrites = false
            context.flush()
        }
    }

    /// Flushes at the end of this event-loop tick, so every frame queued in the tick goes out in
    /// one write.
    func scheduleFlush() {
        guard !flushScheduled else { return }
        flushScheduled = true
        let bound = loopBound
        eventLoop.execute {
            let handler = bound.value
            handler.flushScheduled = false
            handler.flushNow()
        }
    }

    // MARK: Ending the session

    /// Closes the connection: optionally sends go-away first, fails everything still waiting with
    /// `reason` (or a normal "session closed" when nil).
    func close(reason: YamuxError?, goAway code: YamuxGoAwayCode?) {
        guard lifecycle == .active else { return }
        lifecycle = .closing
        if closeReason == nil { closeReason = reason }
        if let code, !(code == .normal && localGoAwaySent) {
            localGoAwaySent = true
            YamuxFrame(type: .goAway, streamID: 0, length: code.rawValue).write(to: &outbound)
        }
        failEverything(reason ?? YamuxError(.sessionClosed, "the yamux session was closed"))
        flushNow()
        context?.close(promise: nil)
    }

    /// The connection is gone: fail what is left and complete the close future.
    func end(reason: YamuxError?) {
        guard lifecycle != .closed else { return }
        if closeReason == nil { closeReason = reason }
        failEverything(closeReason ?? YamuxError(.sessionClosed, "the yamux session's connection closed"))
        lifecycle = .closed
        keepAliveTask?.cancel()
        keepAliveTask = nil
        if let closeReason {
            closePromise.fail(closeReason)
        } else {
            closePromise.succeed(())
        }
    }

    /// Ends every stream, open call and ping. Streams whose peer already sent FIN keep their
    /// buffered bytes, so the reader still gets them and then end-of-stream.
    func failEverything(_ error: YamuxError) {
        let all = streams.values
        streams.removeAll()
        for stream in all {
            stream.registered = false
            stream.handle?.markFinished()
            for write in stream.pendingWrites { write.continuation.resume(throwing: error) }
            stream.pendingWrites.removeAll()
            if stream.remoteWriteClosed || stream.failure != nil {
                while let reader = stream.readers.popFirst() { reader.continuation.resume(returning: nil) }
            } else {
                stream.failure = error
                stream.discardQueued()
                while let reader = stream.readers.popFirst() { reader.continuation.resume(throwing: error) }
            }
        }
        inboundCount = 0
        outboundCount = 0
        pendingInboundCount = 0
        unacknowledgedOutboundCount = 0
        autoTuneGranted = 0
        writabilityWaiters.removeAll()
        while let open = openWaiters.popFirst() { open.continuation.resume(throwing: error) }
        let waiting = pings
        pings.removeAll()
        keepAlivePingID = nil
        for ping in waiting.values {
            ping.timeout.cancel()
            ping.continuation?.resume(throwing: error)
        }
        publishCounts()
    }

    /// Mirrors the stream counts into the atomics the ``YamuxSession`` handle reads.
    func publishCounts() {
        counters.publish(inbound: inboundCount, outbound: outboundCount)
    }

    /// The error for calls made after the session stopped taking work.
    var notActiveError: YamuxError {
        closeReason ?? YamuxError(.sessionClosed, "the yamux session is closed; open a new connection")
    }
}
