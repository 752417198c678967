/// `[API]`: the JSON-RPC API endpoint of this node.
///
/// `TLSCertFile`, `TLSKeyFile` and `MaxRequestSize` are ours; Lotus has no such keys.
public struct APIConfig: Sendable, Equatable, Codable {
    /// Binding address for the Lotus API
    public var listenAddress: String = "/ip4/127.0.0.1/tcp/2345/http"
    /// Address (host:port, no scheme) other nodes use to reach this node's API; sector paths
    /// are advertised to them as http://<RemoteListenAddress>/remote.
    public var remoteListenAddress: String = "127.0.0.1:2345"
    /// Timeout for API requests.
    public var timeout: GoDuration = .seconds(30)
    /// PEM certificate file; when both TLSCertFile and TLSKeyFile are set the API serves TLS
    /// with ALPN h2 and http/1.1. Empty (default) serves plaintext h2c and HTTP/1.1 on one port.
    public var tlsCertFile: String = ""
    /// PEM private key file for TLSCertFile; when both are set the API serves TLS with ALPN
    /// h2 and http/1.1. Empty (default) serves plaintext h2c and HTTP/1.1 on one port.
    public var tlsKeyFile: String = ""
    /// Largest JSON-RPC request body accepted, in bytes.
    public var maxRequestSize: Int = 104_857_600
    /// How long a new connection may take to send its first request head (TLS handshake, HTTP/2
    /// preface, HTTP/1.1 request line and headers); 0 for no limit. Lotus's API server uses 30 s.
    public var readHeaderTimeout: GoDuration = .seconds(30)
    /// How long a connection may stay open with no request in flight; 0 for no limit.
    public var idleTimeout: GoDuration = .minutes(5)
    /// The most API connections open at once; a connection beyond it is closed when accepted.
    public var maxConnections: Int = 4096

    enum CodingKeys: String, CodingKey {
        case listenAddress = "ListenAddress"
        case remoteListenAddress = "RemoteListenAddress"
        case timeout = "Timeout"
        case tlsCertFile = "TLSCertFile"
        case tlsKeyFile = "TLSKeyFile"
        case maxRequestSize = "MaxRequestSize"
        case readHeaderTimeout = "ReadHeaderTimeout"
        case idleTimeout = "IdleTimeout"
        case maxConnections = "MaxConnections"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&listenAddress, .listenAddress)
        try container.update(&remoteListenAddress, .remoteListenAddress)
        try container.update(&timeout, .timeout)
        try container.update(&tlsCertFile, .tlsCertFile)
        try container.update(&tlsKeyFile, .tlsKeyFile)
        try container.update(&maxRequestSize, .maxRequestSize)
        try container.update(&readHeaderTimeout, .readHeaderTimeout)
        try container.update(&idleTimeout, .idleTimeout)
        try container.update(&maxConnections, .maxConnections)
    }

    /// The defaults: Lotus v1.17.2 miner values, plaintext, 100 MiB request limit.
    public init() {}

    /// `true` when both `TLSCertFile` and `TLSKeyFile` are set, so the API serves TLS (ALPN h2, http/1.1).
    public var tlsEnabled: Bool { !tlsCertFile.isEmpty && !tlsKeyFile.isEmpty }
}
