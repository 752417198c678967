import NIOCore
import NIOHTTP1

/// Decides, before NIO's typed upgrade handler sees the first request, whether it is a websocket upgrade
/// this server accepts (right path, valid token, well-formed handshake). Any other request has its
/// `Upgrade` header removed so it is served as plain HTTP.
///
/// This matters because NIO's typed upgrade handler drops a request whose upgrade it refuses (the
/// request head is never replayed), which would leave the client waiting forever; and `Upgrade: h2c`
/// (curl `--http2` on cleartext) would be lost the same way. Removes itself after the first head.
final class WebSocketUpgradeFilter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private let accept: @Sendable (HTTPRequestHead) -> Bool

    init(accept: @escaping @Sendable (HTTPRequestHead) -> Bool) {
        self.accept = accept
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        if head.headers.contains(name: "upgrade") && !isAcceptedUpgrade(head) {
            head.headers.remove(name: "upgrade")
            let connection = head.headers[canonicalForm: "connection"].filter { $0.lowercased() != "upgrade" }
            head.headers.remove(name: "connection")
            for token in connection { head.headers.add(name: "connection", value: String(token)) }
        }
        context.fireChannelRead(wrapInboundOut(.head(head)))
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    private func isAcceptedUpgrade(_ head: HTTPRequestHead) -> Bool {
        let upgrade = head.headers[canonicalForm: "upgrade"].map { $0.lowercased() }
        return head.method == .GET && upgrade == ["websocket"]
            && head.headers.first(name: "sec-websocket-key") != nil
            && head.headers.first(name: "sec-websocket-version") == "13"
            && accept(head)
    }
}
