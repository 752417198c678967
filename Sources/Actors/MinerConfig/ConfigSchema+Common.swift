extension ConfigSchema {
    /// `[API]`, `[Backup]`, `[Logging]`, `[Libp2p]`, `[Pubsub]` and `[Subsystems]`, in file order.
    static let commonSections: [ConfigSection<MinerConfig>] = [
        APIConfig.configSection.embedded(in: \.api),
        BackupConfig.configSection.embedded(in: \.backup),
        LoggingConfig.configSection.embedded(in: \.logging),
        Libp2pConfig.configSection.embedded(in: \.libp2p),
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
