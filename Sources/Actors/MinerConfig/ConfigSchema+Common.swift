extension ConfigSchema {
    /// `[API]`, `[Backup]`, `[Logging]`, `[Libp2p]`, `[Pubsub]` and `[Subsystems]`, in file order.
    static let commonSections: [ConfigSection] = [
        ConfigSection("API", [
            .init("API", "ListenAddress", \.api.listenAddress, goType: "string", doc: """
                Binding address for the Lotus API
                """),
            .init(
                "API", "RemoteListenAddress", \.api.remoteListenAddress, goType: "string", comment: .typeOnly,
                doc: """
                    Address (host:port, no scheme) other nodes use to reach this node's API; sector paths
                    are advertised to them as http://<RemoteListenAddress>/remote.
                    """),
            .init("API", "Timeout", \.api.timeout, goType: "Duration", comment: .typeOnly, doc: """
                Timeout for API requests.
                """),
            .init("API", "TLSCertFile", \.api.tlsCertFile, goType: "string", doc: """
                PEM certificate file; when both TLSCertFile and TLSKeyFile are set the API serves TLS
                with ALPN h2 and http/1.1. Empty (default) serves plaintext h2c and HTTP/1.1 on one port.
                """),
            .init("API", "TLSKeyFile", \.api.tlsKeyFile, goType: "string", doc: """
                PEM private key file for TLSCertFile; when both are set the API serves TLS with ALPN
                h2 and http/1.1. Empty (default) serves plaintext h2c and HTTP/1.1 on one port.
                """),
            .init("API", "MaxRequestSize", \.api.maxRequestSize, goType: "int", doc: """
                Largest JSON-RPC request body accepted, in bytes.
                """),
        ]),
        ConfigSection("Backup", [
            .init("Backup", "DisableMetadataLog", \.backup.disableMetadataLog, goType: "bool", doc: """
                When set to true disables metadata log (.lotus/kvlog). This can save disk
                space by reducing metadata redundancy.

                Note that in case of metadata corruption it might be much harder to recover
                your node if metadata log is disabled
                """),
        ]),
        ConfigSection("Logging", [
            .init(
                "Logging", "SubsystemLevels", \.logging.subsystemLevels, goType: "map[string]string", comment: .envOnly,
                doc: "SubsystemLevels specify per-subsystem log levels"),
        ]),
        ConfigSection("Libp2p", [
            .init("Libp2p", "ListenAddresses", \.libp2p.listenAddresses, goType: "[]string", doc: """
                Binding address for the libp2p host - 0 means random port.
                Format: multiaddress; see https://multiformats.io/multiaddr/
                """),
            .init("Libp2p", "AnnounceAddresses", \.libp2p.announceAddresses, goType: "[]string", doc: """
                Addresses to explicitally announce to other peers. If not specified,
                all interface addresses are announced
                Format: multiaddress
                """),
            .init("Libp2p", "NoAnnounceAddresses", \.libp2p.noAnnounceAddresses, goType: "[]string", doc: """
                Addresses to not announce
                Format: multiaddress
                """),
            .init(
                "Libp2p", "BootstrapPeers", optional: \.libp2p.bootstrapPeers, goType: "[]string", comment: .typeOnly,
                doc: "Peers (multiaddrs including /p2p/<peer ID>) to connect to at startup. Omitted when unset."),
            .init(
                "Libp2p", "ProtectedPeers", optional: \.libp2p.protectedPeers, goType: "[]string", comment: .typeOnly,
                doc: "Peer IDs whose connections the connection manager never trims. Omitted when unset."),
            .init("Libp2p", "DisableNatPortMap", \.libp2p.disableNatPortMap, goType: "bool", doc: """
                When not disabled (default), lotus asks NAT devices (e.g., routers), to
                open up an external port and forward it to the port lotus is running on.
                When this works (i.e., when your router supports NAT port forwarding),
                it makes the local lotus node accessible from the public internet
                """),
            .init("Libp2p", "ConnMgrLow", \.libp2p.connMgrLow, goType: "uint", unsigned: true, doc: """
                ConnMgrLow is the number of connections that the basic connection manager
                will trim down to.
                """),
            .init("Libp2p", "ConnMgrHigh", \.libp2p.connMgrHigh, goType: "uint", unsigned: true, doc: """
                ConnMgrHigh is the number of connections that, when exceeded, will trigger
                a connection GC operation. Note: protected/recently formed connections don't
                count towards this limit.
                """),
            .init("Libp2p", "ConnMgrGrace", \.libp2p.connMgrGrace, goType: "Duration", doc: """
                ConnMgrGrace is a time duration that new connections are immune from being
                closed by the connection manager.
                """),
        ]),
        ConfigSection("Pubsub", [
            .init("Pubsub", "Bootstrapper", \.pubsub.bootstrapper, goType: "bool", doc: """
                Run the node in bootstrap-node mode
                """),
            .init("Pubsub", "DirectPeers", optional: \.pubsub.directPeers, goType: "[]string", doc: """
                DirectPeers specifies peers with direct peering agreements. These peers are
                connected outside of the mesh, with all (valid) message unconditionally
                forwarded to them. The router will maintain open connections to these peers.
                Note that the peering agreement should be reciprocal with direct peers
                symmetrically configured at both ends.
                Type: Array of multiaddress peerinfo strings, must include peerid (/p2p/12D3K...
                """),
            .init(
                "Pubsub", "IPColocationWhitelist",
                optional: \.pubsub.ipColocationWhitelist, goType: "[]string", comment: .typeOnly,
                doc: "IP ranges (CIDR) exempt from gossipsub's IP colocation penalty. Omitted when unset."),
            .init("Pubsub", "RemoteTracer", \.pubsub.remoteTracer, goType: "string", comment: .typeOnly, doc: """
                Multiaddr of a remote pubsub tracer that receives gossipsub traces; empty disables tracing.
                """),
        ]),
        ConfigSection("Subsystems", [
            .init("Subsystems", "EnableMining", \.subsystems.enableMining, goType: "bool", comment: .typeOnly, doc: """
                Run the Mining subsystem (block production, Window PoSt and Winning PoSt).
                """),
            .init(
                "Subsystems", "EnableSealing", \.subsystems.enableSealing, goType: "bool", comment: .typeOnly,
                doc: "Run the Sealing subsystem (the sealing pipeline). Requires EnableMining."),
            .init(
                "Subsystems", "EnableSectorStorage",
                \.subsystems.enableSectorStorage, goType: "bool", comment: .typeOnly,
                doc: "Run the SectorStorage subsystem (sector index and storage manager). Requires EnableMining."),
            .init(
                "Subsystems", "EnableMarkets", \.subsystems.enableMarkets, goType: "bool", comment: .typeOnly,
                doc: "Run the Markets subsystem (storage and retrieval deals, libp2p host)."),
            .init(
                "Subsystems", "SealerApiInfo", \.subsystems.sealerApiInfo, goType: "string", comment: .typeOnly,
                doc: "API info (<token>:<multiaddr>) of the node that runs Sealing; used when EnableSealing is false."),
            .init(
                "Subsystems", "SectorIndexApiInfo",
                \.subsystems.sectorIndexApiInfo, goType: "string", comment: .typeOnly,
                doc: """
                    API info (<token>:<multiaddr>) of the node that runs SectorStorage; used when
                    EnableSectorStorage is false.
                    """),
        ]),
    ]
}
