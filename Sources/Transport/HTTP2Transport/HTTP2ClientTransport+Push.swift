import APICore
import JSONRPC

extension HTTP2ClientTransport: StreamPushingTransport {
    /// Uploads a `ByteStream` param's bytes on a new HTTP/2 stream next to the call.
    public func push(id: String, chunks: AsyncThrowingStream<[UInt8], any Error>) async throws {
        let response = try await request(method: "POST", path: PushStreamRoute.prefix + id, body: chunks)
        for try await _ in response.body {}
        guard response.status == 200 else {
            throw RPCError(.methodError, "\(endpointDescription) refused the upload of byte stream \(id) (HTTP \(response.status))")
        }
    }
}
