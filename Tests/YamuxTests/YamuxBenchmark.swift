import NIOCore
import NIOPosix
import Synchronization
import Yamux

/// Loopback throughput of plain TCP, one yamux stream and 16 yamux streams, each moving the
/// same number of bytes one way. Self-contained (NIO and Yamux only) so it can also be compiled
/// into a release-mode harness.
enum YamuxBenchmark {
    struct Result: CustomStringConvertible {
        let name: String
        let bytes: Int
        let seconds: Double

        var mibPerSecond: Double { Double(bytes) / seconds / 1_048_576 }
        var description: String {
            "\(name): \(bytes >> 20) MiB in \(Int(seconds * 1000)) ms = \(Int(mibPerSecond)) MiB/s"
        }
    }

    static let chunk = 256 * 1024

    static func runAll(totalBytes: Int) async throws -> [Result] {
        [
            try await plainTCP(totalBytes: totalBytes),
            try await yamux(streams: 1, totalBytes: totalBytes, autoTune: false),
            try await yamux(streams: 1, totalBytes: totalBytes, autoTune: true),
            try await yamux(streams: 16, totalBytes: totalBytes, autoTune: false),
            try await yamux(streams: 16, totalBytes: totalBytes, autoTune: true),
        ]
    }

    /// Counts received bytes and completes when `expected` arrived.
    private final class Sink: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let expected: Int
        let done: EventLoopPromise<Void>
        private let received = Mutex(0)

        init(expected: Int, done: EventLoopPromise<Void>) {
            self.expected = expected
            self.done = done
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let count = unwrapInboundIn(data).readableBytes
            let total = received.withLock { value -> Int in
                value += count
                return value
            }
            if total == expected { done.succeed(()) }
        }
    }

    static func plainTCP(totalBytes: Int) async throws -> Result {
        let group = MultiThreadedEventLoopGroup.singleton
        let done = group.next().makePromise(of: Void.self)
        let server = try await ServerBootstrap(group: group)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Sink(expected: totalBytes, done: done))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let client = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: "127.0.0.1", port: server.localAddress!.port!).get()
        let buffer = ByteBuffer(repeating: 0x5A, count: chunk)
        let start = ContinuousClock.now
        var sent = 0
        var inFlight: [EventLoopFuture<Void>] = []
        while sent < totalBytes {
            inFlight.append(client.writeAndFlush(buffer))
            sent += chunk
            // Keep about 1 MiB in flight, as the yamux writers hold about one window.
            if inFlight.count == 4 {
                try await inFlight.removeFirst().get()
            }
        }
        for future in inFlight { try await future.get() }
        try await done.futureResult.get()
        let elapsed = ContinuousClock.now - start
        try await client.close()
        try await server.close()
        return Result(name: "plain TCP", bytes: totalBytes, seconds: seconds(elapsed))
    }

    /// - Parameter autoTune: measure the round trip with a ping at start (the keep-alive does
    ///   that) so windows grow up to 16 MiB; otherwise every stream keeps 256 KiB.
    static func yamux(streams: Int, totalBytes: Int, autoTune: Bool) async throws -> Result {
        let group = MultiThreadedEventLoopGroup.singleton
        let perStream = totalBytes / streams
        let finished = AsyncStream.makeStream(of: Int.self)
        let configuration = YamuxConfiguration(keepAliveInterval: autoTune ? .seconds(30) : nil)
        let (sessions, sessionsContinuation) = AsyncStream.makeStream(of: YamuxSession.self)
        let server = try await ServerBootstrap(group: group)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    sessionsContinuation.yield(
                        try YamuxSession.installSync(on: channel, role: .server, configuration: configuration) { stream in
                            Task {
                                var count = 0
                                while let piece = try await stream.read() { count += piece.readableBytes }
                                await stream.close()
                                finished.continuation.yield(count)
                            }
                        })
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let (clients, clientsContinuation) = AsyncStream.makeStream(of: YamuxSession.self)
        _ = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    clientsContinuation.yield(
                        try YamuxSession.installSync(on: channel, role: .client, configuration: configuration) { _ in })
                }
            }
            .connect(host: "127.0.0.1", port: server.localAddress!.port!).get()
        var clientIterator = clients.makeAsyncIterator()
        var serverIterator = sessions.makeAsyncIterator()
        guard let client = await clientIterator.next(), let serverSession = await serverIterator.next() else {
            throw YamuxError(.sessionClosed, "benchmark sessions did not start")
        }
        let buffer = ByteBuffer(repeating: 0x5A, count: chunk)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<streams {
                group.addTask {
                    let stream = try await client.openStream()
                    var sent = 0
                    while sent < perStream {
                        try await stream.write(buffer)
                        sent += chunk
                    }
                    try await stream.closeWrite()
                    _ = try await stream.read()
                }
            }
            try await group.waitForAll()
        }
        var received = 0
        var iterator = finished.stream.makeAsyncIterator()
        for _ in 0..<streams { received += await iterator.next() ?? 0 }
        let elapsed = ContinuousClock.now - start
        await client.close()
        await serverSession.close()
        try await server.close()
        guard received == perStream * streams else {
            throw YamuxError(.sessionClosed, "benchmark received \(received) bytes, expected \(perStream * streams)")
        }
        let window = autoTune ? "auto-tuned window" : "256 KiB window"
        return Result(name: "yamux, \(streams) stream\(streams == 1 ? "" : "s"), \(window)", bytes: received, seconds: seconds(elapsed))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) / 1e18
    }
}
