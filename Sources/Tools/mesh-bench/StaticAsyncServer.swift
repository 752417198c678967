import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix

/// An h2c (prior knowledge) server on the same async NIO HTTP/2 stack as ``HTTPRPCServer``
/// (`configureAsyncHTTP2Pipeline`, one task per stream over `NIOAsyncChannel`, the same HTTP/2
/// settings) that answers every request with a fixed body: the server minus JSON-RPC dispatch.
struct StaticAsyncServer: Sendable {
    typealias Stream = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    let listener: any Channel
    let serving: Task<Void, Never>
    let port: Int

    /// HTTPRPCServer's defaults: 100 concurrent streams, 64 KiB header list, 256 KiB stream window.
    static let settings = [
        HTTP2Setting(parameter: .maxConcurrentStreams, value: 100),
        HTTP2Setting(parameter: .maxHeaderListSize, value: 64 << 10),
        HTTP2Setting(parameter: .initialWindowSize, value: streamWindow),
    ]
    static let streamWindow = 256 << 10
    static let connectionWindow = 4 << 20

    static var http2Configuration: NIOHTTP2Handler.Configuration {
        var configuration = NIOHTTP2Handler.Configuration()
        configuration.connection.initialSettings = settings
        configuration.connection.targetWindowSize = connectionWindow
        configuration.stream.targetWindowSize = streamWindow
        return configuration
    }

    static func start(reply: StaticReply) async throws -> StaticAsyncServer {
        let configuration = http2Configuration
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.configureAsyncHTTP2Pipeline(mode: .server, configuration: configuration) { stream in
                    stream.eventLoop.makeCompletedFuture {
                        try stream.pipeline.syncOperations.addHandler(HTTP2FramePayloadToHTTP1ServerCodec())
                        return try Stream(wrappingChannelSynchronously: stream)
                    }
                }
            }
        let channel = listener.channel
        let serving = Task<Void, Never> {
            try? await listener.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await multiplexer in connections {
                        group.addTask {
                            try? await withThrowingDiscardingTaskGroup { streams in
                                for try await stream in multiplexer.inbound {
                                    streams.addTask { await respond(stream, reply) }
                                }
                            }
                        }
                    }
                }
            }
        }
        return StaticAsyncServer(listener: channel, serving: serving, port: channel.localAddress?.port ?? 0)
    }

    private static func respond(_ stream: Stream, _ reply: StaticReply) async {
        try? await stream.executeThenClose { inbound, outbound in
            for try await part in inbound {
                if case .end = part { break }
            }
            try await outbound.write(contentsOf: [.head(reply.head), .body(.byteBuffer(reply.body)), .end(nil)])
        }
    }

    func stop() async {
        try? await listener.close()
        serving.cancel()
        await serving.value
    }
}
