import NIOCore
import NIOTLS

/// Tells HTTP/2 with prior knowledge from HTTP/1.1 on a cleartext port by peeking at the first bytes.
///
/// An h2c client starts with the fixed connection preface `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`; anything
/// else is HTTP/1.x. The sniffer then fires the same `TLSUserEvent.handshakeCompleted` that a TLS
/// handler fires after ALPN, so one negotiation handler configures either pipeline, replays the
/// peeked bytes and removes itself. (`Upgrade: h2c` is not supported; Lotus clients never use it.)
final class HTTPPrefaceSniffer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    static let preface: [UInt8] = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    private var buffered: ByteBuffer?
    private var decided = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        guard !decided else {
            context.fireChannelRead(data)
            return
        }
        if buffered == nil {
            buffered = incoming
        } else {
            buffered!.writeBuffer(&incoming)
        }
        let bytes = buffered!.readableBytesView
        let compared = min(bytes.count, Self.preface.count)
        let matchesSoFar = bytes.prefix(compared).elementsEqual(Self.preface.prefix(compared))
        if matchesSoFar && compared < Self.preface.count { return }

        decided = true
        let proto = matchesSoFar ? "h2" : "http/1.1"
        context.fireUserInboundEventTriggered(TLSUserEvent.handshakeCompleted(negotiatedProtocol: proto))
        let peeked = buffered!
        buffered = nil
        context.fireChannelRead(wrapInboundOut(peeked))
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

}
