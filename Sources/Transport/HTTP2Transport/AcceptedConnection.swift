import APICore
import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOWebSocket

/// An accepted TCP connection and the future outcome of choosing its protocol.
struct AcceptedConnection: Sendable {
    /// What an HTTP/1.1 connection became after its first request.
    enum HTTP1Outcome: Sendable {
        /// Plain HTTP/1.1 requests.
        case http(NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>)
        /// An upgraded JSON-RPC websocket, with the permissions of the token presented at upgrade.
        case websocket(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, Set<Permission>)
    }

    typealias HTTP2Streams = NIOHTTP2Handler.AsyncStreamMultiplexer<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>>

    let channel: any Channel
    let negotiated: EventLoopFuture<NIONegotiatedHTTPVersion<EventLoopFuture<HTTP1Outcome>, HTTP2Streams>>
}
