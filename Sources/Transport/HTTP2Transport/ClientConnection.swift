import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import NIOSSL

/// One TCP (or TLS) connection speaking HTTP/2 to a node; requests are streams on it.
struct ClientConnection: Sendable {
    typealias Stream = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    let id: UInt64
    let channel: any Channel
    let multiplexer: NIOHTTP2Handler.AsyncStreamMultiplexer<Void>
    let scheme: HTTP2FramePayloadToHTTP1ClientCodec.HTTPProtocol

    /// Per-stream receive window for response bodies.
    static let streamWindow = 1 << 20

    /// Connects and starts HTTP/2 (prior knowledge on cleartext, ALPN `h2` over TLS).
    static func connect(
        id: UInt64, host: String, port: Int, tls: NIOSSLContext?, group: any EventLoopGroup, timeout: Duration
    ) async throws -> ClientConnection {
        var settings = NIOHTTP2Handler.Configuration()
        settings.connection.initialSettings = [
            HTTP2Setting(parameter: .maxConcurrentStreams, value: 100),
            HTTP2Setting(parameter: .initialWindowSize, value: streamWindow),
            HTTP2Setting(parameter: .enablePush, value: 0),
        ]
        settings.connection.targetWindowSize = 8 << 20
        settings.stream.targetWindowSize = streamWindow
        let configuration = settings
        // SNI takes a host name only, never an IP literal.
        let sniName = APIEndpoint.isIPv4(host) || host.contains(":") ? nil : host
        let (channel, multiplexer) = try await ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(timeout))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            // Reads of up to 1 MiB while a large response streams in (NIO's default stops at 64 KiB): fewer reads,
            // and more frames per read for BodyCoalescer to join.
            .channelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 2048, maximum: 1 << 20))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: sniName))
                    }
                    let multiplexer = try channel.pipeline.syncOperations.configureAsyncHTTP2Pipeline(
                        mode: .client, configuration: configuration
                    ) { stream in
                        stream.eventLoop.makeSucceededVoidFuture()
                    }
                    return (channel, multiplexer)
                }
            }
        return ClientConnection(id: id, channel: channel, multiplexer: multiplexer, scheme: tls == nil ? .http : .https)
    }

    /// Opens a new stream carrying one request.
    func openStream() async throws -> Stream {
        let scheme = self.scheme
        return try await multiplexer.openStream { stream in
            stream.eventLoop.makeCompletedFuture {
                try stream.pipeline.syncOperations.addHandler(HTTP2FramePayloadToHTTP1ClientCodec(httpProtocol: scheme))
                try stream.pipeline.syncOperations.addHandler(BodyCoalescer<HTTPResponseHead>(maxPartBytes: Self.streamWindow))
                return try Stream(wrappingChannelSynchronously: stream)
            }
        }
    }
}
