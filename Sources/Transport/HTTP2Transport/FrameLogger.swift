import NIOCore

// TEMPORARY debugging aid: prints HTTP/2 frame headers passing through (client side).
final class FrameLogger: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    var inBuf = ByteBuffer()
    var outBuf = ByteBuffer()
    var skippedPreface = false

    func dump(_ label: String, _ buf: inout ByteBuffer) {
        while buf.readableBytes >= 9 {
            let len = Int(buf.getInteger(at: buf.readerIndex, as: UInt32.self)! >> 8)
            guard buf.readableBytes >= 9 + len else { return }
            let type = buf.getInteger(at: buf.readerIndex + 3, as: UInt8.self)!
            let flags = buf.getInteger(at: buf.readerIndex + 4, as: UInt8.self)!
            let sid = buf.getInteger(at: buf.readerIndex + 5, as: UInt32.self)! & 0x7fff_ffff
            var extra = ""
            if type == 7 { extra = " last=\(buf.getInteger(at: buf.readerIndex + 9, as: UInt32.self)! & 0x7fff_ffff) code=\(buf.getInteger(at: buf.readerIndex + 13, as: UInt32.self)!)" }
            if type == 3 { extra = " code=\(buf.getInteger(at: buf.readerIndex + 9, as: UInt32.self)!)" }
            print("\(label) type=\(type) flags=\(flags) stream=\(sid) len=\(len)\(extra)")
            buf.moveReaderIndex(forwardBy: 9 + len)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var b = unwrapInboundIn(data)
        inBuf.writeBuffer(&b)
        dump("<-", &inBuf)
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var b = unwrapOutboundIn(data)
        if !skippedPreface, b.readableBytes >= 24 { b.moveReaderIndex(forwardBy: 24); skippedPreface = true }
        outBuf.writeBuffer(&b)
        dump("->", &outBuf)
        context.write(data, promise: promise)
    }
}
