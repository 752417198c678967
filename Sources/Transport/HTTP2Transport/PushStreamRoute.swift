import APICore
import JSONRPC

/// `POST /rpc/streams/v0/push/<uuid>`: the bytes of a `ByteStream` param, flowing straight into the call
/// that reads them (Lotus's `rpcenc` push streams). Needs `write` or higher, like the methods that take
/// byte streams. Answers 200 once the call has returned, 400 for a malformed id.
public struct PushStreamRoute: HTTPStreamRoute {
    public static let prefix = "/rpc/streams/v0/push/"
    let registry: PushStreamRegistry

    public init(registry: PushStreamRegistry) {
        self.registry = registry
    }

    public func matches(method: String, path: String) -> Bool {
        (method == "POST" || method == "HEAD") && path.hasPrefix(Self.prefix)
    }

    public func respond(to request: HTTPStreamRequest, body: AsyncThrowingStream<[UInt8], any Error>) async -> HTTPStreamResponse {
        let id = String(request.path.dropFirst(Self.prefix.count))
        guard id.count == 36, id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            return HTTPStreamResponse(status: 400, text: "push id must be a UUID\n")
        }
        guard request.permissions.contains(.write) else {
            return HTTPStreamResponse(status: 401, text: "unauthorized: missing write permission\n")
        }
        if request.method == "HEAD" { return HTTPStreamResponse(status: 200, bytes: []) }
        await registry.deliver(id: id.lowercased(), body: body)
        return HTTPStreamResponse(status: 200, bytes: [])
    }
}
