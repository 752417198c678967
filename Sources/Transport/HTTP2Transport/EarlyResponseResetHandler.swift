import NIOCore
import NIOHTTP2

/// On an HTTP/2 stream, follows a response that ends before the request did (413, 401, a route that
/// stopped reading) with RST_STREAM(NO_ERROR): RFC 9113 §8.1's way to tell the client to stop sending
/// without failing the response it already has. Closing the stream channel instead would send CANCEL,
/// which curl and others report as an error and may surface before the response.
///
/// Sits first in the stream pipeline (frame payloads); the reset goes out right after our END_STREAM.
final class EarlyResponseResetHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTP2Frame.FramePayload
    typealias InboundOut = HTTP2Frame.FramePayload
    typealias OutboundIn = HTTP2Frame.FramePayload
    typealias OutboundOut = HTTP2Frame.FramePayload

    private var requestEnded = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .headers(let headers) where headers.endStream: requestEnded = true
        case .data(let data) where data.endStream: requestEnded = true
        default: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let endsResponse: Bool
        switch unwrapOutboundIn(data) {
        case .headers(let headers): endsResponse = headers.endStream
        case .data(let data): endsResponse = data.endStream
        default: endsResponse = false
        }
        guard endsResponse && !requestEnded else {
            context.write(data, promise: promise)
            return
        }
        // Reset only once the last frame has left the connection's flow-control buffer: a reset
        // written earlier would make NIO drop the buffered response frames.
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.cascade(to: promise)
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        written.futureResult.whenSuccess {
            let (handler, context) = loopBound.value
            context.writeAndFlush(handler.wrapOutboundOut(.rstStream(.noError)), promise: nil)
        }
        context.write(data, promise: written)
    }
}
