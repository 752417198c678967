extension HTTPRPCServer {
    /// Where and how the API server listens.
    public struct Configuration: Sendable {
        /// TLS certificate and key, both PEM files.
        public struct TLSFiles: Sendable, Hashable {
            public var certificateChainPath: String
            public var privateKeyPath: String

            public init(certificateChainPath: String, privateKeyPath: String) {
                self.certificateChainPath = certificateChainPath
                self.privateKeyPath = privateKeyPath
            }
        }

        /// Address to bind, e.g. `127.0.0.1`, `0.0.0.0`, `::1`.
        public var host: String
        /// Port to bind; 0 picks a free one (read it with ``HTTPRPCServer/boundPort()``).
        public var port: Int
        /// With TLS, one port serves HTTP/2 and HTTP/1.1 chosen by ALPN; without, h2c (prior
        /// knowledge) and HTTP/1.1 are told apart by the connection preface.
        public var tls: TLSFiles?
        /// Paths answering JSON-RPC (POST, and GET with a websocket upgrade).
        public var paths: [String]
        /// SETTINGS_MAX_CONCURRENT_STREAMS announced to HTTP/2 clients.
        public var maxConcurrentStreams: Int
        /// How long graceful shutdown waits for in-flight requests before closing connections.
        public var shutdownGracePeriod: Duration
        /// The config key that sets the listen address, named in bind errors.
        public var configKey: String
        /// The config key that sets the request size limit, named in 413 answers.
        public var sizeLimitKey: String
        /// Largest HTTP/1.1 request head (request line plus headers), in bytes.
        public var maxHeaderBytes: Int
        /// Timeouts for slow and idle connections, and the connection cap.
        public var limits: ConnectionLimits

        public init(
            host: String = "127.0.0.1",
            port: Int = 0,
            tls: TLSFiles? = nil,
            paths: [String] = ["/rpc/v0"],
            maxConcurrentStreams: Int = 100,
            shutdownGracePeriod: Duration = .seconds(30),
            configKey: String = "[API] ListenAddress",
            sizeLimitKey: String = "[API] MaxRequestSize",
            maxHeaderBytes: Int = 64 << 10,
            limits: ConnectionLimits = ConnectionLimits()
        ) {
            self.limits = limits
            self.host = host
            self.port = port
            self.tls = tls
            self.paths = paths
            self.maxConcurrentStreams = maxConcurrentStreams
            self.shutdownGracePeriod = shutdownGracePeriod
            self.configKey = configKey
            self.sizeLimitKey = sizeLimitKey
            self.maxHeaderBytes = maxHeaderBytes
        }
    }
}
