import NIOCore
import NIOWebSocket

/// Closes an HTTP/1.1 connection on any pipeline error (malformed HTTP, oversized headers). NIO's
/// protocol error handler answers 400 but leaves the connection open, and before the first request
/// completes no other handler would close it.
final class CloseOnErrorHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Any

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.fireErrorCaught(error)
        if error is NIOWebSocketUpgradeError { return }
        context.close(promise: nil)
    }
}
