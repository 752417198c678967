import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix

/// An h2c (prior knowledge) server built from NIO's synchronous HTTP/2 pipeline and
/// ``StaticReplyHandler``: the fastest a static answer gets on this NIO stack.
struct StaticSyncServer: Sendable {
    let listener: any Channel
    let port: Int

    static func start(reply: StaticReply) async throws -> StaticSyncServer {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.configureHTTP2Pipeline(
                    mode: .server, initialLocalSettings: StaticAsyncServer.settings,
                    targetWindowSize: StaticAsyncServer.streamWindow,
                    inboundStreamInitializer: { stream in
                        stream.eventLoop.makeCompletedFuture {
                            try stream.pipeline.syncOperations.addHandlers([
                                HTTP2FramePayloadToHTTP1ServerCodec(), StaticReplyHandler(reply: reply),
                            ])
                        }
                    }
                ).map { _ in () }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return StaticSyncServer(listener: listener, port: listener.localAddress?.port ?? 0)
    }

    func stop() async {
        try? await listener.close()
    }
}
