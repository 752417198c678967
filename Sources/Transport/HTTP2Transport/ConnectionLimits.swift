extension HTTPRPCServer {
    /// Bounds on client connections, so slow, silent or half-open clients cannot hold the API port
    /// (`[API] ReadHeaderTimeout`, `IdleTimeout`, `MaxConnections`).
    public struct ConnectionLimits: Sendable, Hashable {
        /// How long a new connection may take to deliver its first request head (TLS handshake, HTTP/2 preface,
        /// HTTP/1.1 request line and headers). Lotus's API server uses 30 s (`ReadHeaderTimeout`).
        public var readHeaderTimeout: Duration
        /// How long a connection that has served requests may stay open with none in flight.
        public var idleTimeout: Duration
        /// The most connections open at once; a connection beyond it is closed as soon as it is accepted.
        public var maxConnections: Int

        /// Limits; the defaults are 30 s, 5 minutes and 4096 connections.
        public init(readHeaderTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(300), maxConnections: Int = 4096) {
            self.readHeaderTimeout = readHeaderTimeout
            self.idleTimeout = idleTimeout
            self.maxConnections = maxConnections
        }

        /// How often open connections are checked against the timeouts: a quarter of the shorter one, from 10 ms to 1 s.
        var sweepInterval: Duration {
            max(.milliseconds(10), min(.seconds(1), min(readHeaderTimeout, idleTimeout) / 4))
        }
    }
}
