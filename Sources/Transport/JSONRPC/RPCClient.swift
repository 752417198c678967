import APICore
import Synchronization

/// A JSON-RPC client over any ``ClientTransport``: the remote side of ``APICore/SubsystemRef``.
public final class RPCClient: RPCCaller {
    public let transport: any ClientTransport
    private let nextID = Atomic<UInt64>(1)

    public init(transport: any ClientTransport) {
        self.transport = transport
    }

    public var endpointDescription: String { transport.endpointDescription }

    func request<P: RPCParams>(_ method: String, _ params: P) throws -> [UInt8] {
        try encodeRequest(method, params).body
    }

    func encodeRequest<P: RPCParams>(_ method: String, _ params: P) throws -> (body: [UInt8], streams: ByteStreamCollector) {
        var encoder = JSONParamsEncoder()
        do {
            try params.encode(to: &encoder)
        } catch {
            throw RPCError(.invalidParams, "cannot encode params for '\(method)': \(error)")
        }
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        return (ResponseWriter.request(id: id, method: method, params: encoder.bytes), encoder.streams)
    }

    public func call<P: RPCParams, R: Decodable & Sendable>(_ method: String, _ params: P, returning: R.Type) async throws -> R {
        let (body, collected) = try encodeRequest(method, params)
        let streams = collected.streams
        guard !streams.isEmpty else {
            let reply = try await transport.send(body)
            return try decodeResponse(reply.body, status: reply.status, method: method, as: R.self)
        }
        guard let pusher = transport as? any StreamPushingTransport else {
            throw RPCError(.invalidParams, "'\(method)' takes a byte stream, which \(endpointDescription) cannot carry")
        }
        // The call and its uploads run together: the server pairs them by push id.
        return try await withThrowingTaskGroup(of: R?.self) { group in
            for stream in streams {
                group.addTask {
                    try await pusher.push(id: stream.id, chunks: stream.chunks)
                    return nil
                }
            }
            group.addTask {
                let reply = try await self.transport.send(body)
                return try self.decodeResponse(reply.body, status: reply.status, method: method, as: R.self)
            }
            var result: R?
            for try await value in group where value != nil { result = value }
            guard let result else { throw RPCError(.badResponse, "no reply to '\(method)'") }
            return result
        }
    }

    func decodeResponse<R: Decodable>(_ body: [UInt8], status: Int, method: String, as: R.Type) throws -> R {
        if status == 401 {
            throw RPCError(
                .unauthorized,
                "\(endpointDescription) rejected the API token (HTTP 401): it was not signed by that node; "
                    + "get a new one there with `lotus-miner auth api-info --perm=admin`")
        }
        let message: JSONRPCMessage
        do {
            message = try JSONRPCMessage(parsing: body)
        } catch {
            throw RPCError(.badResponse, "\(endpointDescription) sent a reply to '\(method)' that is not JSON-RPC (HTTP \(status))")
        }
        if let error = message.error {
            throw Self.decodeError(message.bytes[error])
        }
        guard let result = message.result else {
            throw RPCError(.badResponse, "\(endpointDescription) sent neither result nor error for '\(method)'")
        }
        do {
            return try JSONCoding.decode(R.self, from: message.bytes[result])
        } catch {
            throw RPCError(.badResponse, "cannot decode the result of '\(method)': \(JSONCoding.describe(error))")
        }
    }

    static func decodeError(_ bytes: ArraySlice<UInt8>) -> RPCError {
        struct Wire: Decodable {
            let code: Int
            let message: String
        }
        guard let wire = try? JSONCoding.decode(Wire.self, from: bytes) else {
            return RPCError(.badResponse, "malformed error object: \(String(decoding: bytes, as: UTF8.self))")
        }
        return RPCError(RPCError.Code(rawValue: wire.code), wire.message)
    }

    public func subscribe<P: RPCParams, E: Decodable & Sendable>(
        _ method: String, _ params: P, element: E.Type
    ) async throws -> AsyncThrowingStream<E, any Error> {
        let body = try request(method, params)
        let messages = try await transport.openStream(body)
        var iterator = messages.makeAsyncIterator()
        guard let first = try await iterator.next() else {
            throw RPCError(.badResponse, "\(endpointDescription) closed the stream for '\(method)' without an answer")
        }
        let channel = try decodeResponse(first, status: 200, method: method, as: UInt64.self)
        let (stream, continuation) = AsyncThrowingStream<E, any Error>.makeStream()
        let pump = Task { [iterator] in
            var iterator = iterator
            do {
                while let bytes = try await iterator.next() {
                    let message = try JSONRPCMessage(parsing: bytes)
                    guard let params = message.params, let first = params.first,
                        (try? JSONCoding.decode(UInt64.self, from: bytes[first])) == channel
                    else { continue }
                    if message.method == "xrpc.ch.close" { break }
                    if message.method == "xrpc.ch.val", params.count == 2 {
                        continuation.yield(try JSONCoding.decode(E.self, from: bytes[params[1]]))
                    }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: RPCError.wrapping(error))
            }
        }
        continuation.onTermination = { _ in pump.cancel() }
        return stream
    }
}
