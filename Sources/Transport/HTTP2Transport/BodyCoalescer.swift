import NIOCore
import NIOHTTP1

/// Joins the body parts that arrive in one read of the connection into one part, on an HTTP/2 stream: a response's
/// on the client (a sector read over `/remote`), a request's on the server (a piece pushed to `SectorAddPieceToAny`).
///
/// A peer sends a large body in DATA frames of 16 KiB (HTTP/2's default frame size); each becomes a body part, and
/// each part costs a hop through `NIOAsyncChannel` and a task switch before the consumer sees it. Parts that arrived
/// together — one socket read holds several frames — are handed on as one (at the read's end, or before the head or
/// end that follows them, or when ``maxPartBytes`` are held), so a streamed body crosses that hop per read instead of
/// per frame. Nothing waits for more data: a part is held only until the read it came in is done.
final class BodyCoalescer<Head: Equatable & Sendable>: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPPart<Head, ByteBuffer>
    typealias InboundOut = HTTPPart<Head, ByteBuffer>

    /// The largest part this makes. Queues downstream count parts, not bytes (`NIOAsyncChannel`'s watermarks,
    /// `InboundParts`), so larger parts let more of a body wait in memory behind a slow reader: the server, whose
    /// bodies come from anyone, keeps them at 64 KiB; a client reading its own request's response may take more.
    let maxPartBytes: Int

    private var pending: ByteBuffer?

    init(maxPartBytes: Int) {
        self.maxPartBytes = maxPartBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .body(var buffer):
            if var held = pending, held.readableBytes + buffer.readableBytes <= maxPartBytes {
                pending = nil  // one reference, so the write below does not copy what is held
                held.writeBuffer(&buffer)
                pending = held
            } else {
                flush(context)
                pending = buffer
            }
        case let part:
            flush(context)
            context.fireChannelRead(wrapInboundOut(part))
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flush(context)
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        flush(context)
        context.fireChannelInactive()
    }

    private func flush(_ context: ChannelHandlerContext) {
        guard let held = pending else { return }
        pending = nil
        context.fireChannelRead(wrapInboundOut(.body(held)))
    }
}
