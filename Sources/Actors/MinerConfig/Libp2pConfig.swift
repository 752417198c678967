/// `[Libp2p]`: the libp2p host. Only used when `[Subsystems] EnableMarkets` is on; a mining-only node runs
/// no libp2p host.
public struct Libp2pConfig: Sendable, Equatable, Codable {
    /// Binding address for the libp2p host - 0 means random port.
    /// Format: multiaddress; see https://multiformats.io/multiaddr/
    public var listenAddresses: [String] = ["/ip4/0.0.0.0/tcp/0", "/ip6/::/tcp/0"]
    /// Addresses to explicitally announce to other peers. If not specified,
    /// all interface addresses are announced
    /// Format: multiaddress
    public var announceAddresses: [String] = []
    /// Addresses to not announce
    /// Format: multiaddress
    public var noAnnounceAddresses: [String] = []
    /// Peers (multiaddrs including /p2p/<peer ID>) to connect to at startup. Omitted when unset.
    public var bootstrapPeers: [String]?
    /// Peer IDs whose connections the connection manager never trims. Omitted when unset.
    public var protectedPeers: [String]?
    /// When not disabled (default), lotus asks NAT devices (e.g., routers), to
    /// open up an external port and forward it to the port lotus is running on.
    /// When this works (i.e., when your router supports NAT port forwarding),
    /// it makes the local lotus node accessible from the public internet
    public var disableNatPortMap: Bool = false
    /// ConnMgrLow is the number of connections that the basic connection manager
    /// will trim down to.
    public var connMgrLow: Int = 150
    /// ConnMgrHigh is the number of connections that, when exceeded, will trigger
    /// a connection GC operation. Note: protected/recently formed connections don't
    /// count towards this limit.
    public var connMgrHigh: Int = 180
    /// ConnMgrGrace is a time duration that new connections are immune from being
    /// closed by the connection manager.
    public var connMgrGrace: GoDuration = .seconds(20)

    enum CodingKeys: String, CodingKey {
        case listenAddresses = "ListenAddresses"
        case announceAddresses = "AnnounceAddresses"
        case noAnnounceAddresses = "NoAnnounceAddresses"
        case bootstrapPeers = "BootstrapPeers"
        case protectedPeers = "ProtectedPeers"
        case disableNatPortMap = "DisableNatPortMap"
        case connMgrLow = "ConnMgrLow"
        case connMgrHigh = "ConnMgrHigh"
        case connMgrGrace = "ConnMgrGrace"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&listenAddresses, .listenAddresses)
        try container.update(&announceAddresses, .announceAddresses)
        try container.update(&noAnnounceAddresses, .noAnnounceAddresses)
        try container.update(&bootstrapPeers, .bootstrapPeers)
        try container.update(&protectedPeers, .protectedPeers)
        try container.update(&disableNatPortMap, .disableNatPortMap)
        try container.update(&connMgrLow, .connMgrLow)
        try container.update(&connMgrHigh, .connMgrHigh)
        try container.update(&connMgrGrace, .connMgrGrace)
    }

    /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
    public init() {}
}
