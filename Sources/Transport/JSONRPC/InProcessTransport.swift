import APICore

/// A transport that hands encoded requests straight to an ``RPCServer`` in the same process.
///
/// It still encodes and decodes JSON and still checks the token, so tests exercise the codec, the
/// permission table and error mapping without sockets.
public struct InProcessTransport: StreamPushingTransport {
    public let server: RPCServer
    public let authorization: String?

    /// - Parameter token: the JWT to present, or `nil` to call with the default `read` permission.
    public init(server: RPCServer, token: String?) {
        self.server = server
        self.authorization = token.map { "Bearer " + $0 }
    }

    public var endpointDescription: String { "in-process" }

    public func send(_ body: [UInt8]) async throws -> (status: Int, body: [UInt8]) {
        guard let permissions = server.authenticate(authorization: authorization) else { return (401, []) }
        let reply = await server.handle(body, permissions: permissions, streaming: .none)
        switch reply.body {
        case .message(let bytes): return (reply.status, bytes)
        case .none: return (reply.status, [])
        case .stream: return (500, [])
        }
    }

    public func push(id: String, chunks: AsyncThrowingStream<[UInt8], any Error>) async throws {
        guard server.authenticate(authorization: authorization) != nil else {
            throw RPCError(.unauthorized, "in-process server rejected the token")
        }
        await server.pushStreams.deliver(id: id, body: chunks)
    }

    public func openStream(_ body: [UInt8]) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        guard let permissions = server.authenticate(authorization: authorization) else {
            throw RPCError(.unauthorized, "in-process server rejected the token")
        }
        let reply = await server.handle(body, permissions: permissions, streaming: .streamedBody)
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        switch reply.body {
        case .message(let bytes):
            continuation.yield(bytes)
            continuation.finish()
        case .none:
            continuation.finish()
        case .stream(let lines):
            let pump = Task {
                for await line in lines { continuation.yield(Array(line.dropLast(line.last == 0x0A ? 1 : 0))) }
                continuation.finish()
            }
            continuation.onTermination = { _ in pump.cancel() }
        }
        return stream
    }
}
