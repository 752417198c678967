import NIOCore
import NIOHTTP1

/// A synchronous NIO handler for one HTTP/2 stream: once the request has ended, writes the fixed reply.
/// It lives on its stream channel's event loop only, so it need not be `Sendable` (it is added with
/// `syncOperations`, never crossing threads).
final class StaticReplyHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let reply: StaticReply

    init(reply: StaticReply) { self.reply = reply }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        context.write(wrapOutboundOut(.head(reply.head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(reply.body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
