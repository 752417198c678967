import NIOCore
import NIOPosix
import Synchronization
import TestScheduling

/// A plain TCP client that sends whatever bytes a test gives it and records what comes back, to play a
/// broken or hostile peer.
final class RawPeer: Sendable {
    let channel: any Channel
    private let collector: Collector

    private init(channel: any Channel, collector: Collector) {
        self.channel = channel
        self.collector = collector
    }

    /// Connects to `host`:`port`.
    static func connect(host: String = "127.0.0.1", port: Int) async throws -> RawPeer {
        let collector = Collector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(CollectingHandler(collector: collector)) }
            }
            .connect(host: host, port: port).get()
        return RawPeer(channel: channel, collector: collector)
    }

    /// Sends `bytes`; errors (the peer already closed) are ignored, as a hostile peer would.
    func send(_ bytes: [UInt8]) async {
        try? await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Everything received so far.
    var received: [UInt8] { collector.state.withLock { $0.bytes } }

    /// Waits until the remote closes the connection; false when it is still open after `timeout`
    /// (``TestTime/scaled(_:)``).
    func waitForClose(timeout: Duration = .seconds(20)) async -> Bool {
        let collector = self.collector
        return await TestTime.poll(within: timeout, every: .milliseconds(20)) { collector.state.withLock { $0.closed } }
    }

    /// Waits until at least `count` bytes arrived; false on timeout (``TestTime/scaled(_:)``).
    func waitForBytes(_ count: Int, timeout: Duration = .seconds(20)) async -> Bool {
        let collector = self.collector
        return await TestTime.poll(within: timeout, every: .milliseconds(20)) { collector.state.withLock { $0.bytes.count >= count } }
    }

    func close() {
        channel.close(promise: nil)
    }

    final class Collector: Sendable {
        struct State {
            var bytes: [UInt8] = []
            var closed = false
        }
        let state = Mutex(State())
    }

    final class CollectingHandler: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let collector: Collector

        init(collector: Collector) { self.collector = collector }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            collector.state.withLock { $0.bytes.append(contentsOf: buffer.readableBytesView) }
        }

        func channelInactive(context: ChannelHandlerContext) {
            collector.state.withLock { $0.closed = true }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
