/// `[Pubsub]`: gossipsub settings for the libp2p host (markets node only).
public struct PubsubConfig: Sendable, Equatable, Codable {
    /// Run the node in bootstrap-node mode
    public var bootstrapper: Bool = false
    /// DirectPeers specifies peers with direct peering agreements. These peers are
    /// connected outside of the mesh, with all (valid) message unconditionally
    /// forwarded to them. The router will maintain open connections to these peers.
    /// Note that the peering agreement should be reciprocal with direct peers
    /// symmetrically configured at both ends.
    /// Type: Array of multiaddress peerinfo strings, must include peerid (/p2p/12D3K...
    public var directPeers: [String]?
    /// IP ranges (CIDR) exempt from gossipsub's IP colocation penalty. Omitted when unset.
    public var ipColocationWhitelist: [String]?
    /// Multiaddr of a remote pubsub tracer that receives gossipsub traces; empty disables tracing.
    public var remoteTracer: String = ""

    enum CodingKeys: String, CodingKey {
        case bootstrapper = "Bootstrapper"
        case directPeers = "DirectPeers"
        case ipColocationWhitelist = "IPColocationWhitelist"
        case remoteTracer = "RemoteTracer"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&bootstrapper, .bootstrapper)
        try container.update(&directPeers, .directPeers)
        try container.update(&ipColocationWhitelist, .ipColocationWhitelist)
        try container.update(&remoteTracer, .remoteTracer)
    }

    /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
    public init() {}
}
