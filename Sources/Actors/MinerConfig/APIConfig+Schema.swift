extension APIConfig {
    /// The `[API]` table's keys, declared once for every node type that has the table (``ConfigSection/embedded(in:)``).
    public static let configSection = ConfigSection<APIConfig>("API", [
        .init("API", "ListenAddress", \.listenAddress, goType: "string", doc: """
            Binding address for the Lotus API
            """),
        .init(
            "API", "RemoteListenAddress", \.remoteListenAddress, goType: "string", comment: .typeOnly,
            doc: """
                Address (host:port, no scheme) other nodes use to reach this node's API; sector paths
                are advertised to them as http://<RemoteListenAddress>/remote.
                """),
        .init("API", "Timeout", \.timeout, goType: "Duration", comment: .typeOnly, doc: """
            Timeout for API requests.
            """),
        .init("API", "TLSCertFile", \.tlsCertFile, goType: "string", doc: """
            PEM certificate file; when both TLSCertFile and TLSKeyFile are set the API serves TLS
            with ALPN h2 and http/1.1. Empty (default) serves plaintext h2c and HTTP/1.1 on one port.
            """),
        .init("API", "TLSKeyFile", \.tlsKeyFile, goType: "string", doc: """
            PEM private key file for TLSCertFile; when both are set the API serves TLS with ALPN
            h2 and http/1.1. Empty (default) serves plaintext h2c and HTTP/1.1 on one port.
            """),
        .init("API", "MaxRequestSize", \.maxRequestSize, goType: "int", doc: """
            Largest JSON-RPC request body accepted, in bytes.
            """),
        .init("API", "ReadHeaderTimeout", \.readHeaderTimeout, goType: "Duration", doc: """
            How long a new connection may take to send its first request head (TLS handshake, HTTP/2
            preface, HTTP/1.1 request line and headers); 0 for no limit. Lotus's API server uses 30 s.
            """),
        .init("API", "IdleTimeout", \.idleTimeout, goType: "Duration", doc: """
            How long a connection may stay open with no request in flight; 0 for no limit.
            """),
        .init("API", "MaxConnections", \.maxConnections, goType: "int", doc: """
            The most API connections open at once; a connection beyond it is closed when accepted.
            """),
    ])
}
