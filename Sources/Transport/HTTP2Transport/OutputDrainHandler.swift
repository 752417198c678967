import NIOCore

/// Tells when an HTTP/1.1 connection's output has been shut down — after every pending write reached the socket — or
/// the connection has gone.
///
/// NIO drops a channel's pending writes when it is closed: a response still queued behind a slow reader when the
/// handler returns (NIOAsyncChannel closes the channel right after its body) would lose its tail. Output half-closure
/// (`isOutboundHalfClosureEnabled`) shuts the socket's output only once those writes are done; waiting for that
/// (``drained``) before the full close keeps the response whole.
final class OutputDrainHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private var promise: EventLoopPromise<Void>?

    /// Succeeds once the output is closed or the channel inactive; never fails.
    private var drained: EventLoopFuture<Void>?

    func handlerAdded(context: ChannelHandlerContext) {
        let promise = context.eventLoop.makePromise(of: Void.self)
        self.promise = promise
        drained = promise.futureResult
    }

    /// Waits until `channel`'s output is shut down with nothing left unwritten, or it has closed, or `limit` has
    /// passed (a reader too slow to take the rest of a response does not hold the connection forever).
    static func waitForDrain(of channel: any Channel, atMost limit: Duration) async {
        let drained = channel.eventLoop.flatSubmit {
            (try? channel.pipeline.syncOperations.handler(type: OutputDrainHandler.self))?.drained ?? channel.closeFuture
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await drained.get() }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        promise?.succeed()
        promise = nil
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .outputClosed? = event as? ChannelEvent {
            promise?.succeed()
            promise = nil
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise?.succeed()
        promise = nil
        context.fireChannelInactive()
    }
}
