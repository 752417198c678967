import Multiformats
import NIOCore
import NIOPosix
import Testing

@testable import Noise

/// Both handlers on real TCP sockets over loopback: an echo server behind Noise, a client that
/// sends 4 MiB and checks every byte that comes back.
@Suite("Noise over loopback TCP")
struct NoiseLoopbackTests {
    @Test("handshake over TCP, then 4 MiB echoed intact; the server sees the client's peer ID")
    func echoFourMiB() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let serverConfig = NoiseConfiguration(identity: .generate())
        let clientConfig = NoiseConfiguration(identity: .generate())
        let serverSaw = group.next().makePromise(of: PeerID.self)

        let server = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let done = channel.eventLoop.makePromise(of: NoiseHandshakeResult.self)
                    done.futureResult.whenSuccess { result in
                        serverSaw.succeed(result.remotePeerID)
                        try? channel.pipeline.syncOperations.addHandler(EchoHandler())
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        NoiseHandshakeHandler(role: .responder, configuration: serverConfig, completed: done))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()

        let total = 4 << 20
        // The client's promises live on its channel's loop, so their callbacks may touch its pipeline.
        let clientLoop = group.next()
        let received = clientLoop.makePromise(of: ByteBuffer.self)
        let handshake = clientLoop.makePromise(of: NoiseHandshakeResult.self)
        let client = try await ClientBootstrap(group: clientLoop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    handshake.futureResult.whenSuccess { _ in
                        try? channel.pipeline.syncOperations.addHandler(Accumulator(expecting: total, done: received))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        NoiseHandshakeHandler(
                            role: .initiator, configuration: clientConfig, expectedRemotePeer: serverConfig.identity.peerID,
                            completed: handshake))
                }
            }
            .connect(to: server.localAddress!).get()

        #expect(try await handshake.futureResult.get().remotePeerID == serverConfig.identity.peerID)
        #expect(try await serverSaw.futureResult.get() == clientConfig.identity.peerID)

        let data = patterned(count: total)
        // Several writes of odd sizes, so frames and TCP segments do not line up.
        var rest = data
        while rest.readableBytes > 0 {
            let slice = rest.readSlice(length: min(rest.readableBytes, 300_007))!
            try await client.writeAndFlush(slice)
        }
        let echoed = try await received.futureResult.get()
        #expect(echoed.readableBytes == total)
        #expect(echoed == data)

        try await client.close()
        try await server.close()
        try await group.shutdownGracefully()
    }
}

/// Writes back whatever it reads.
final class EchoHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.write(data, promise: nil)
    }
    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }
}

/// Collects `expecting` bytes, then succeeds `done` with them.
final class Accumulator: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private var buffer = ByteBuffer()
    private let expecting: Int
    private let done: EventLoopPromise<ByteBuffer>
    private var finished = false
    init(expecting: Int, done: EventLoopPromise<ByteBuffer>) {
        self.expecting = expecting
        self.done = done
    }
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        buffer.writeBuffer(&chunk)
        if buffer.readableBytes >= expecting && !finished {
            finished = true
            done.succeed(buffer)
        }
    }
    func channelInactive(context: ChannelHandlerContext) {
        if !finished { done.fail(NoiseError(.connectionClosed, "closed after \(buffer.readableBytes) of \(expecting) bytes")) }
        finished = true
        context.fireChannelInactive()
    }
}
