import NIOCore
import NIOHTTP2
import NIOWebSocket

/// Closes a connection when a fatal error reaches the end of its pipeline.
///
/// HTTP/1.1: NIO's protocol error handler answers 400 to malformed HTTP or oversized headers but leaves
/// the connection open, and before the first request completes no other handler would close it.
/// HTTP/2: NIO sends GOAWAY on a connection error and leaves closing to the user. Stream errors (one
/// stream reset, the connection fine) and refused websocket upgrades are not fatal.
final class CloseOnErrorHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Any

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.fireErrorCaught(error)
        if error is NIOWebSocketUpgradeError || error is NIOHTTP2Errors.StreamError { return }
        context.close(promise: nil)
    }
}
