import NIOCore
import NIOPosix

/// The plain-TCP baseline: a server on 127.0.0.1 that reads everything a connection sends and, when the
/// client half-closes, answers with the byte count; and a client that sends bytes the way the libp2p run does.
struct TCPSink: Sendable {
    let server: any Channel

    static func start() async throws -> TCPSink {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(CountingHandler()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TCPSink(server: server)
    }

    /// Sends `totalBytes` over `connections` parallel connections in 256 KiB writes; returns the time until
    /// every count came back.
    func send(totalBytes: Int, connections: Int) async throws -> Duration {
        let port = server.localAddress?.port ?? 0
        let perConnection = totalBytes / connections
        let chunk = ByteBuffer(repeating: 0xA5, count: 256 * 1024)
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<connections {
                group.addTask {
                    let answer = MultiThreadedEventLoopGroup.singleton.any().makePromise(of: UInt64.self)
                    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                        .channelOption(.allowRemoteHalfClosure, value: true)
                        .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                        .channelInitializer { channel in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHandler(AnswerHandler(answer: answer))
                            }
                        }
                        .connect(host: "127.0.0.1", port: port).get()
                    var left = perConnection
                    while left > 0 {
                        let size = min(left, chunk.readableBytes)
                        try await channel.writeAndFlush(size == chunk.readableBytes ? chunk : chunk.getSlice(at: 0, length: size)!)
                        left -= size
                    }
                    try await channel.close(mode: .output)
                    let count = try await answer.futureResult.get()
                    channel.close(promise: nil)
                    guard count == UInt64(perConnection) else {
                        throw BenchFailure("the TCP sink counted \(count) bytes, \(perConnection) were sent")
                    }
                }
            }
            try await group.waitForAll()
        }
        return clock.now - start
    }

    func stop() {
        server.close(promise: nil)
    }

    /// Server side: counts bytes; at end of input writes the count and closes.
    final class CountingHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        private var count: UInt64 = 0

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            count += UInt64(unwrapInboundIn(data).readableBytes)
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            guard case ChannelEvent.inputClosed = event else { return context.fireUserInboundEventTriggered(event) }
            var answer = context.channel.allocator.buffer(capacity: 8)
            answer.writeInteger(count)
            context.writeAndFlush(wrapOutboundOut(answer)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    /// Client side: reads the 8-byte count.
    final class AnswerHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        private let answer: EventLoopPromise<UInt64>
        private var buffer = ByteBuffer()

        init(answer: EventLoopPromise<UInt64>) { self.answer = answer }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            buffer.writeBuffer(&bytes)
            if let count = buffer.readInteger(as: UInt64.self) { answer.succeed(count) }
        }

        func channelInactive(context: ChannelHandlerContext) {
            answer.fail(BenchFailure("the TCP sink closed before answering"))
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case ChannelEvent.inputClosed = event { context.close(promise: nil) }
        }
    }
}
