extension Libp2pConfig {
    /// The `[Libp2p]` table's keys, declared once for every node type that has the table (``ConfigSection/embedded(in:)``).
    public static let configSection = ConfigSection<Libp2pConfig>("Libp2p", [
        .init("Libp2p", "ListenAddresses", \.listenAddresses, goType: "[]string", doc: """
            Binding address for the libp2p host - 0 means random port.
            Format: multiaddress; see https://multiformats.io/multiaddr/
            """),
        .init("Libp2p", "AnnounceAddresses", \.announceAddresses, goType: "[]string", doc: """
            Addresses to explicitally announce to other peers. If not specified,
            all interface addresses are announced
            Format: multiaddress
            """),
        .init("Libp2p", "NoAnnounceAddresses", \.noAnnounceAddresses, goType: "[]string", doc: """
            Addresses to not announce
            Format: multiaddress
            """),
        .init(
            "Libp2p", "BootstrapPeers", optional: \.bootstrapPeers, goType: "[]string", comment: .typeOnly,
            doc: "Peers (multiaddrs including /p2p/<peer ID>) to connect to at startup. Omitted when unset."),
        .init(
            "Libp2p", "ProtectedPeers", optional: \.protectedPeers, goType: "[]string", comment: .typeOnly,
            doc: "Peer IDs whose connections the connection manager never trims. Omitted when unset."),
        .init("Libp2p", "DisableNatPortMap", \.disableNatPortMap, goType: "bool", doc: """
            When not disabled (default), lotus asks NAT devices (e.g., routers), to
            open up an external port and forward it to the port lotus is running on.
            When this works (i.e., when your router supports NAT port forwarding),
            it makes the local lotus node accessible from the public internet
            """),
        .init("Libp2p", "ConnMgrLow", \.connMgrLow, goType: "uint", unsigned: true, doc: """
            ConnMgrLow is the number of connections that the basic connection manager
            will trim down to.
            """),
        .init("Libp2p", "ConnMgrHigh", \.connMgrHigh, goType: "uint", unsigned: true, doc: """
            ConnMgrHigh is the number of connections that, when exceeded, will trigger
            a connection GC operation. Note: protected/recently formed connections don't
            count towards this limit.
            """),
        .init("Libp2p", "ConnMgrGrace", \.connMgrGrace, goType: "Duration", doc: """
            ConnMgrGrace is a time duration that new connections are immune from being
            closed by the connection manager.
            """),
    ])
}
