import APICore

/// `[Subsystems]`: which of the four subsystems this node runs, and where to find the ones it does not.
///
/// Valid combinations (``validate()``): Mining, Sealing and SectorStorage all on (with Markets on: the monolith;
/// off: the mining node of a split), or all three off (the markets node of a split).
public struct SubsystemsConfig: Sendable, Equatable, Codable {
    /// Run the Mining subsystem (block production, Window PoSt and Winning PoSt).
    public var enableMining: Bool = true
    /// Run the Sealing subsystem (the sealing pipeline). Requires EnableMining.
    public var enableSealing: Bool = true
    /// Run the SectorStorage subsystem (sector index and storage manager). Requires EnableMining.
    public var enableSectorStorage: Bool = true
    /// Run the Markets subsystem (storage and retrieval deals, libp2p host).
    public var enableMarkets: Bool = true
    /// API info (<token>:<multiaddr>) of the node that runs Sealing; used when EnableSealing is false.
    public var sealerApiInfo: String = ""
    /// API info (<token>:<multiaddr>) of the node that runs SectorStorage; used when
    /// EnableSectorStorage is false.
    public var sectorIndexApiInfo: String = ""

    enum CodingKeys: String, CodingKey {
        case enableMining = "EnableMining"
        case enableSealing = "EnableSealing"
        case enableSectorStorage = "EnableSectorStorage"
        case enableMarkets = "EnableMarkets"
        case sealerApiInfo = "SealerApiInfo"
        case sectorIndexApiInfo = "SectorIndexApiInfo"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&enableMining, .enableMining)
        try container.update(&enableSealing, .enableSealing)
        try container.update(&enableSectorStorage, .enableSectorStorage)
        try container.update(&enableMarkets, .enableMarkets)
        try container.update(&sealerApiInfo, .sealerApiInfo)
        try container.update(&sectorIndexApiInfo, .sectorIndexApiInfo)
    }

    /// The defaults: everything on (the monolith).
    public init() {}

    /// Creates a subsystem selection; API infos default to empty.
    public init(
        enableMining: Bool, enableSealing: Bool, enableSectorStorage: Bool, enableMarkets: Bool,
        sealerApiInfo: String = "", sectorIndexApiInfo: String = ""
    ) {
        self.enableMining = enableMining
        self.enableSealing = enableSealing
        self.enableSectorStorage = enableSectorStorage
        self.enableMarkets = enableMarkets
        self.sealerApiInfo = sealerApiInfo
        self.sectorIndexApiInfo = sectorIndexApiInfo
    }

    /// The enabled subsystems in Lotus's order (`ExtractEnabledMinerSubsystems`): Mining, Sealing, SectorStorage,
    /// Markets.
    public var enabled: [Subsystem] {
        var list: [Subsystem] = []
        if enableMining { list.append(.mining) }
        if enableSealing { list.append(.sealing) }
        if enableSectorStorage { list.append(.sectorStorage) }
        if enableMarkets { list.append(.markets) }
        return list
    }

    /// Checks Lotus's rules for combining subsystems (`node/builder_miner.go`), with Lotus's messages.
    ///
    /// Sealing and SectorStorage can only run on a mining node, and a mining node must run both.
    /// - Throws: ``ConfigError`` with message `sealing can only be enabled on a mining node` or
    ///   `sealing can't be disabled on a mining node yet`.
    public func validate() throws {
        if enableMining {
            if !enableSealing || !enableSectorStorage {
                throw ConfigError(message: "sealing can't be disabled on a mining node yet")
            }
        } else if enableSealing || enableSectorStorage {
            throw ConfigError(message: "sealing can only be enabled on a mining node")
        }
    }
}
