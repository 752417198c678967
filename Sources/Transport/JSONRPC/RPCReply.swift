import APICore

/// What the JSON-RPC layer hands back to an HTTP transport for one request body.
public struct RPCReply: Sendable {
    public enum Body: Sendable {
        /// One JSON-RPC response.
        case message([UInt8])
        /// A notification: nothing to send back (HTTP 200 with an empty body, as go-jsonrpc).
        case none
        /// A channel method over a streaming transport: newline-delimited JSON-RPC messages — the
        /// response carrying the channel id, `xrpc.ch.val` notifications, then `xrpc.ch.close`.
        /// Ending the consumer (stream reset) cancels the channel.
        case stream(AsyncStream<[UInt8]>)
    }

    /// HTTP status as go-jsonrpc: 500 for protocol errors, 200 otherwise; 401 for a bad token.
    public var status: Int
    public var body: Body

    public init(status: Int, body: Body) {
        self.status = status
        self.body = body
    }

    /// A JSON-RPC error response with a `null` id, for failures found before a request could be read
    /// (e.g. a body over the size limit).
    public static func errorBody(_ error: RPCError) -> [UInt8] {
        ResponseWriter.error(id: ResponseWriter.nullID, error)
    }

    /// HTTP 401 with an empty body, as go-jsonrpc's auth handler answers a bad token.
    public static let unauthorized = RPCReply(status: 401, body: .none)
}
