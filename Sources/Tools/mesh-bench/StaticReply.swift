import NIOCore
import NIOHTTP1

/// The fixed answer of the static-reply servers: 200, `application/json`, the given body.
struct StaticReply: Sendable {
    let body: ByteBuffer
    let head: HTTPResponseHead

    init(body: [UInt8]) {
        self.body = ByteBuffer(bytes: body)
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: String(body.count))
        self.head = HTTPResponseHead(version: .http2, status: .ok, headers: headers)
    }
}
