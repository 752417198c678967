import APICore
import NIOCore
import NIOHTTP1
import NIOPosix

/// One GET over plain HTTP/1.1 on a connection of its own, its response body streamed as it arrives, with
/// backpressure: for bulk reads of another node's files (`/remote` sector ranges), as Lotus's `paths.Remote` reads
/// them with Go's HTTP/1.1 client.
///
/// Why not the node's HTTP/2 connection: a body there arrives in 16 KiB DATA frames, each decoded, flow-controlled
/// and passed through the stream's pipeline on its own, and a 1 GiB read ran at a third of what the same server
/// sends over HTTP/1.1 (DESIGN "Retrieval, measured"). Over HTTP/1.1 a socket read of up to 1 MiB is one body part.
/// A connection per read costs one handshake beside a transfer of megabytes.
public enum HTTP1StreamClient {
    /// Body parts queued ahead of the reader before the socket stops being read.
    static let queuedParts = 4

    /// `GET path` on `endpoint` (plain HTTP only) with `headers` (and `Authorization: Bearer token` when given).
    /// Returns once the response head has arrived; the body stream then reads the connection, and closes it at the
    /// body's end or when the stream is dropped.
    /// - Throws: ``APICore/RPCError`` (`unreachable`) when the node cannot be reached or closes before the head.
    public static func get(
        _ endpoint: APIEndpoint, path: String, headers: [(name: String, value: String)] = [], token: String? = nil,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, connectTimeout: Duration = .seconds(10)
    ) async throws -> HTTPStreamResponse {
        guard !endpoint.tls else {
            throw RPCError(.invalidParams, "HTTP1StreamClient reads plain HTTP only; \(endpoint.httpURL) is https")
        }
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(TimeAmount(connectTimeout))
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 64 << 10, maximum: 1 << 20))
                .connect(host: endpoint.host, port: endpoint.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                            wrappingChannelSynchronously: channel,
                            configuration: .init(backPressureStrategy: .init(lowWatermark: 2, highWatermark: queuedParts)))
                    }
                }
        } catch {
            throw RPCError(.unreachable, "cannot reach \(endpoint.httpURL): \(error)")
        }
        var fields = HTTPHeaders()
        fields.add(name: "host", value: endpoint.hostHeader)
        fields.add(name: "connection", value: "close")
        if let token { fields.add(name: "authorization", value: "Bearer \(token)") }
        for (name, value) in headers { fields.replaceOrAdd(name: name, value: value) }
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: fields)

        let events = AsyncBoundedQueue<HTTP2ClientTransport.ResponseEvent>(capacity: queuedParts)
        let reader = Task {
            do {
                try await channel.executeThenClose { inbound, outbound in
                    try await outbound.write(.head(head))
                    try await outbound.write(.end(nil))
                    for try await part in inbound {
                        switch part {
                        case .head(let response):
                            guard await events.push(.head(Int(response.status.code), response.headers.map { (name: $0.name, value: $0.value) })) else {
                                return
                            }
                        case .body(let buffer):
                            guard await events.push(.chunk(Array(buffer.readableBytesView))) else { return }
                        case .end:
                            events.finish()
                            return
                        }
                    }
                    throw RPCError(.unreachable, "\(endpoint.httpURL) closed the connection before the end of \(path)")
                }
            } catch {
                events.finish(throwing: error as? RPCError ?? RPCError(.unreachable, "reading \(path) from \(endpoint.httpURL): \(error)"))
            }
        }
        return try await withTaskCancellationHandler {
            guard case .head(let status, let fields)? = try await events.next() else {
                throw RPCError(.unreachable, "\(endpoint.httpURL) closed the connection before answering \(path)")
            }
            // Dropping the body stream abandons the queue; the reader then stops and closes the connection.
            return HTTPStreamResponse(status: status, headers: fields, body: HTTP2ClientTransport.ResponseEvent.body(after: events))
        } onCancel: {
            reader.cancel()
        }
    }
}
