import NIOCore
import NIOPosix
import Synchronization
import Yamux

/// A yamux server on loopback that hands out each accepted session.
struct YamuxServer: Sendable {
    let channel: any Channel
    let sessions: AsyncStream<YamuxSession>
    var port: Int { channel.localAddress!.port! }

    /// - Parameter role: the yamux role of the accepting side (normally `.server`).
    static func start(
        role: YamuxSession.Role = .server, configuration: YamuxConfiguration = quietConfiguration(),
        inbound: @escaping @Sendable (YamuxStream) -> Void = { _ in }
    ) async throws -> YamuxServer {
        let (sessions, continuation) = AsyncStream.makeStream(of: YamuxSession.self)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    continuation.yield(
                        try YamuxSession.installSync(on: channel, role: role, configuration: configuration, inboundStreamHandler: inbound))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return YamuxServer(channel: channel, sessions: sessions)
    }

    func nextSession() async throws -> YamuxSession {
        try await within(.seconds(20), "a server session") { [sessions] in
            var iterator = sessions.makeAsyncIterator()
            guard let session = await iterator.next() else { throw TestTimeout(what: "server closed") }
            return session
        }
    }

    func stop() async {
        try? await channel.close()
    }
}

/// A hand-driven peer: writes whatever bytes a test gives it and records what comes back, so
/// tests can play a broken or hostile yamux implementation over a real socket.
final class RawPeer: Sendable {
    private final class Recorder: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received = Mutex(ByteBuffer())

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            _ = received.withLock { $0.writeBuffer(&buffer) }
        }
    }

    let channel: any Channel
    private let recorder: Recorder

    private init(channel: any Channel, recorder: Recorder) {
        self.channel = channel
        self.recorder = recorder
    }

    static func connect(port: Int) async throws -> RawPeer {
        let recorder = Recorder()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(recorder) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawPeer(channel: channel, recorder: recorder)
    }

    /// Sends raw bytes.
    func send(_ bytes: ByteBuffer) async throws {
        try await channel.writeAndFlush(bytes)
    }

    /// Sends one frame: a header and, for data, `payload`.
    func send(_ frame: YamuxFrame, payload: ByteBuffer? = nil) async throws {
        try await send(Self.encode(frame, payload: payload))
    }

    static func encode(_ frame: YamuxFrame, payload: ByteBuffer? = nil) -> ByteBuffer {
        var buffer = ByteBuffer()
        frame.write(to: &buffer)
        if let payload { buffer.writeImmutableBuffer(payload) }
        return buffer
    }

    /// The frames received so far (data payloads skipped).
    var frames: [YamuxFrame] {
        var copy = recorder.received.withLock { $0 }
        return Self.frames(in: &copy)
    }

    /// Parses every complete frame in `buffer`, skipping data payloads.
    static func frames(in buffer: inout ByteBuffer) -> [YamuxFrame] {
        var frames: [YamuxFrame] = []
        while let frame = try? YamuxFrame.read(from: &buffer) {
            if frame.type == .data {
                guard buffer.readableBytes >= Int(frame.length) else { break }
                buffer.moveReaderIndex(forwardBy: Int(frame.length))
            }
            frames.append(frame)
        }
        return frames
    }

    /// Whether the session closed the connection.
    var isClosed: Bool { !channel.isActive }

    /// Waits until the session closes the connection.
    func waitForClose() async throws {
        try await within(.seconds(20), "the session to close the connection") { [channel] in
            try await channel.closeFuture.get()
        }
    }

    func close() async {
        try? await channel.close()
    }
}
