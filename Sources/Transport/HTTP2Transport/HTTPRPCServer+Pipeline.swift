import APICore
import JSONRPC
import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOSSL
import NIOWebSocket

extension HTTPRPCServer {
    /// Sets up a new connection: TLS (ALPN) or the preface sniffer, then a negotiation handler that
    /// builds the HTTP/2 or the HTTP/1.1 (+ websocket upgrade) pipeline. Runs on the channel's event loop.
    func initialize(_ channel: any Channel, sslContext: NIOSSLContext?) -> EventLoopFuture<AcceptedConnection> {
        channel.eventLoop.makeCompletedFuture {
            registry.add(channel)
            if let sslContext {
                try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
            } else {
                try channel.pipeline.syncOperations.addHandler(HTTPPrefaceSniffer())
            }
        }.flatMap {
            channel.configureHTTP2AsyncSecureUpgrade(
                http1ConnectionInitializer: { channel in self.configureHTTP1(channel) },
                http2ConnectionInitializer: { channel in self.configureHTTP2(channel) })
        }.map { negotiated in
            AcceptedConnection(channel: channel, negotiated: negotiated)
        }
    }

    private func configureHTTP1(_ channel: any Channel) -> EventLoopFuture<EventLoopFuture<AcceptedConnection.HTTP1Outcome>> {
        let paths = Set(configuration.paths)
        let rpc = self.rpc
        let maxFrame = min(rpc.maxRequestSize, Int(UInt32.max))
        let anonymousLimit = configuration.limits.unauthenticatedRequestBytes
        let upgrader = NIOTypedWebSocketServerUpgrader<AcceptedConnection.HTTP1Outcome>(
            maxFrameSize: maxFrame,
            shouldUpgrade: { channel, _ in
                // WebSocketUpgradeFilter already let through only acceptable upgrades.
                channel.eventLoop.makeSucceededFuture(HTTPHeaders())
            },
            upgradePipelineHandler: { channel, head in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    let authorization = RequestProcessor.authorization(of: head)
                    // A caller without a token gets the small request limit per message, so no frame or message of
                    // its can make the server buffer `[API] MaxRequestSize`: the upgrader's decoder is swapped for one
                    // with that limit before any frame is read (a larger frame is answered with close code 1009).
                    let anonymous = rpc.checksTokens && authorization == nil
                    let messageLimit = anonymous ? min(maxFrame, anonymousLimit) : maxFrame
                    if anonymous {
                        let decoder = try sync.handler(type: ByteToMessageHandler<WebSocketFrameDecoder>.self)
                        try sync.addHandler(
                            ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: messageLimit)), position: .after(decoder))
                        sync.removeHandler(decoder, promise: nil)
                    }
                    try sync.addHandler(
                        NIOWebSocketFrameAggregator(
                            minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 16, maxAccumulatedFrameSize: messageLimit))
                    let permissions = rpc.authenticate(authorization: authorization) ?? [.read]
                    let frames = try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(wrappingChannelSynchronously: channel)
                    return .websocket(frames, permissions)
                }
            })
        let upgrade = NIOTypedHTTPServerUpgradeConfiguration<AcceptedConnection.HTTP1Outcome>(
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in
                channel.eventLoop.makeCompletedFuture {
                    .http(
                        try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                            wrappingChannelSynchronously: channel,
                            configuration: .init(isOutboundHalfClosureEnabled: true)))
                }
            })
        var pipeline = NIOUpgradableHTTPServerPipelineConfiguration(upgradeConfiguration: upgrade)
        pipeline.decoderConfiguration.maxHeaderListSize = configuration.maxHeaderBytes
        pipeline.decoderConfiguration.maxHeaderFieldSize = configuration.maxHeaderBytes
        pipeline.decoderConfiguration.maxHeaderFieldCount = 1000
        let accept: @Sendable (HTTPRequestHead) -> Bool = { head in
            paths.contains(RequestTarget(uri: head.uri).path) && rpc.authenticate(authorization: RequestProcessor.authorization(of: head)) != nil
        }
        return channel.eventLoop.makeCompletedFuture {
            let sync = channel.pipeline.syncOperations
            let outcome = try sync.configureUpgradableHTTPServerPipeline(configuration: pipeline)
            let upgradeHandler = try sync.handler(type: NIOTypedHTTPServerUpgradeHandler<AcceptedConnection.HTTP1Outcome>.self)
            try sync.addHandler(WebSocketUpgradeFilter(accept: accept), position: .before(upgradeHandler))
            try sync.addHandler(CloseOnErrorHandler())
            try sync.addHandler(OutputDrainHandler())
            return outcome
        }
    }

    private func configureHTTP2(_ channel: any Channel) -> EventLoopFuture<AcceptedConnection.HTTP2Streams> {
        var settings = NIOHTTP2Handler.Configuration()
        settings.connection.initialSettings = [
            HTTP2Setting(parameter: .maxConcurrentStreams, value: configuration.maxConcurrentStreams),
            HTTP2Setting(parameter: .maxHeaderListSize, value: configuration.maxHeaderBytes),
            HTTP2Setting(parameter: .initialWindowSize, value: Self.streamWindow),
        ]
        settings.connection.targetWindowSize = Self.connectionWindow
        settings.stream.targetWindowSize = Self.streamWindow
        let manager = NIOHTTP2ServerConnectionManagementHandler.Configuration(
            maxIdleTime: nil, maxAge: nil, maxGraceTime: TimeAmount(configuration.shutdownGracePeriod), keepalive: nil)
        return channel.eventLoop.makeCompletedFuture {
            let streams = try channel.pipeline.syncOperations.configureAsyncHTTP2Pipeline(
                mode: .server, connectionManagerConfiguration: manager, http2HandlerConfiguration: settings
            ) { stream in
                stream.eventLoop.makeCompletedFuture {
                    try stream.pipeline.syncOperations.addHandler(EarlyResponseResetHandler())
                    try stream.pipeline.syncOperations.addHandler(HTTP2FramePayloadToHTTP1ServerCodec())
                    try stream.pipeline.syncOperations.addHandler(BodyCoalescer<HTTPRequestHead>(maxPartBytes: 64 << 10))
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: stream)
                }
            }
            try channel.pipeline.syncOperations.addHandler(CloseOnErrorHandler())
            return streams
        }
    }

    /// Per-stream receive window: how much of a request body may be in flight before the reader takes it.
    static let streamWindow = 256 << 10
    /// Connection-wide receive window.
    static let connectionWindow = 4 << 20
}
