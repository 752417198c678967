/// What an ``HTTPStreamRoute`` answers: a status, headers and a body written chunk by chunk.
public struct HTTPStreamResponse: Sendable {
    public var status: Int
    /// Header fields to send. Do not set `Connection` or `Transfer-Encoding` (the server frames the
    /// body; HTTP/2 forbids them). Set `Content-Length` when known.
    public var headers: [(name: String, value: String)]
    /// The body's chunks; an error thrown mid-body resets the stream (HTTP/2) or closes the connection.
    public var body: AsyncThrowingStream<[UInt8], any Error>

    public init(status: Int, headers: [(name: String, value: String)] = [], body: AsyncThrowingStream<[UInt8], any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose whole body is already in memory (small answers, errors).
    public init(status: Int, headers: [(name: String, value: String)] = [], bytes: [UInt8]) {
        var headers = headers
        if !headers.contains(where: { $0.name.lowercased() == "content-length" }) {
            headers.append((name: "content-length", value: String(bytes.count)))
        }
        self.status = status
        self.headers = headers
        self.body = AsyncThrowingStream { continuation in
            if !bytes.isEmpty { continuation.yield(bytes) }
            continuation.finish()
        }
    }

    /// A plain-text response, e.g. `HTTPStreamResponse(status: 404, text: "no such stream\n")`.
    public init(status: Int, text: String) {
        self.init(status: status, headers: [(name: "content-type", value: "text/plain; charset=utf-8")], bytes: Array(text.utf8))
    }
}
