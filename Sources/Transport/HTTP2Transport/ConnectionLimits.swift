extension HTTPRPCServer {
    /// Bounds on client connections, so slow, silent or half-open clients cannot hold the API port
    /// (`[API] ReadHeaderTimeout`, `IdleTimeout`, `MaxConnections`), and the memory callers without a token may take.
    public struct ConnectionLimits: Sendable, Hashable {
        /// How long a new connection may take to deliver its first request head (TLS handshake, HTTP/2 preface,
        /// HTTP/1.1 request line and headers). Lotus's API server uses 30 s (`ReadHeaderTimeout`).
        public var readHeaderTimeout: Duration
        /// How long a connection that has served requests may stay open with none in flight.
        public var idleTimeout: Duration
        /// The most connections open at once; a connection beyond it is closed as soon as it is accepted.
        public var maxConnections: Int
        /// The largest JSON-RPC body a caller without a token may send (413 beyond; the `read` methods such a
        /// caller may call take small params). Callers with a token have the server's `maxRequestSize`.
        public var unauthenticatedRequestBytes: Int
        /// The most bytes of request bodies from callers without a token that the server holds at once, over all
        /// their connections and streams; a request that would pass it is answered 503 (-32016) and its connection
        /// closed, so anonymous clients cannot fill the node's memory.
        public var unauthenticatedBufferBytes: Int

        /// Limits; the defaults are 30 s, 5 minutes, 4096 connections, and 1 MiB per request and 64 MiB in all for
        /// callers without a token.
        public init(
            readHeaderTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(300), maxConnections: Int = 4096,
            unauthenticatedRequestBytes: Int = 1 << 20, unauthenticatedBufferBytes: Int = 64 << 20
        ) {
            self.readHeaderTimeout = readHeaderTimeout
            self.idleTimeout = idleTimeout
            self.maxConnections = maxConnections
            self.unauthenticatedRequestBytes = unauthenticatedRequestBytes
            self.unauthenticatedBufferBytes = unauthenticatedBufferBytes
        }

        /// How often open connections are checked against the timeouts: a quarter of the shorter one, from 10 ms to 1 s.
        var sweepInterval: Duration {
            max(.milliseconds(10), min(.seconds(1), min(readHeaderTimeout, idleTimeout) / 4))
        }
    }
}
