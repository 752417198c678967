/// Carries encoded JSON-RPC requests to one node. Implementations: ``InProcessTransport`` (tests; still
/// encodes) and the HTTP/2 client. Errors thrown are ``APICore/RPCError`` with `.unreachable` when the
/// node cannot be reached, naming the endpoint.
public protocol ClientTransport: Sendable {
    /// Sends one request body and returns the HTTP status and the response body.
    func send(_ body: [UInt8]) async throws -> (status: Int, body: [UInt8])
    /// Sends a channel-method request; yields each newline-delimited JSON-RPC message of the reply.
    /// Cancelling the consuming task resets the stream, which closes the channel on the server.
    func openStream(_ body: [UInt8]) async throws -> AsyncThrowingStream<[UInt8], any Error>
    /// Where requests go, for error messages (e.g. `http://127.0.0.1:2345/rpc/v0`).
    var endpointDescription: String { get }
}

/// A transport that can upload the bytes of `ByteStream` params (Lotus's push streams).
public protocol StreamPushingTransport: ClientTransport {
    /// Uploads `chunks` as the body of `POST /rpc/streams/v0/push/<id>` on the node this transport reaches.
    func push(id: String, chunks: AsyncThrowingStream<[UInt8], any Error>) async throws
}
