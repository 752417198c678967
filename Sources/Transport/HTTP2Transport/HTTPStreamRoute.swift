/// An extra HTTP endpoint served next to JSON-RPC on the same port, for payloads too large to hold in
/// memory: Lotus's push streams (`/rpc/streams/v0/push/<uuid>`, the bytes behind an `io.Reader` param)
/// and sector reads (`/remote/...` with `Range`).
///
/// The request body arrives as a stream of chunks pulled from the connection on demand, and the
/// response body is a stream the server writes as the route produces it, so both directions keep
/// bounded memory. Build response bodies with `AsyncThrowingStream(unfolding:)` to produce lazily.
///
/// The server authenticates first (a bad token is answered 401 before any route runs, as Lotus's auth
/// handler wraps the whole mux); the route checks ``HTTPStreamRequest/permissions`` itself.
public protocol HTTPStreamRoute: Sendable {
    /// Whether this route serves `method` (upper case, e.g. `POST`) on `path` (no query string).
    func matches(method: String, path: String) -> Bool
    /// Serves one request. `body` yields the request body's chunks, then ends; it throws
    /// ``HTTPStreamRequest/Aborted`` if the client goes away mid-body. If the route returns without
    /// reading the whole body, the rest is discarded (on HTTP/1.1 the connection is then closed).
    func respond(to request: HTTPStreamRequest, body: AsyncThrowingStream<[UInt8], any Error>) async -> HTTPStreamResponse
}
