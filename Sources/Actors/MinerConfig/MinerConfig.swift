/// The whole `config.toml` of a `lotus-miner` node (Lotus `config.StorageMiner`), one property per TOML section.
///
/// The markets node and the mining node use the same type; `[Subsystems]` decides the role. Start from
/// ``defaults`` and change what you need:
///
/// ```swift
/// var config = MinerConfig.defaults
/// config.subsystems.enableMarkets = false
/// ```
///
/// `Codable` uses Lotus's TOML key names (`API`, `ListenAddress`, `DAGStore`, ...); decoding keeps defaults for
/// absent keys. Reading and writing the TOML file itself is the `ConfigFile` module's job; ``ConfigSchema``
/// describes every key.
public struct MinerConfig: Sendable, Equatable, Codable {
    /// `[API]`: the JSON-RPC endpoint.
    public var api: APIConfig
    /// `[Backup]`: metadata log.
    public var backup: BackupConfig
    /// `[Logging]`: log levels.
    public var logging: LoggingConfig
    /// `[Libp2p]`: the libp2p host (markets node only).
    public var libp2p: Libp2pConfig
    /// `[Pubsub]`: gossipsub (markets node only).
    public var pubsub: PubsubConfig
    /// `[Subsystems]`: which subsystems run here.
    public var subsystems: SubsystemsConfig
    /// `[Dealmaking]`: deal acceptance and publishing (markets node only).
    public var dealmaking: DealmakingConfig
    /// `[IndexProvider]`: indexer announcements (markets node only).
    public var indexProvider: IndexProviderConfig
    /// `[Proving]`: PoSt (mining node only).
    public var proving: ProvingConfig
    /// `[Sealing]`: the sealing pipeline (mining node only).
    public var sealing: SealingConfig
    /// `[Storage]`: sector storage manager and builtin worker.
    public var storage: StorageConfig
    /// `[Fees]`: message fee caps.
    public var fees: FeesConfig
    /// `[Addresses]`: control addresses.
    public var addresses: AddressesConfig
    /// `[DAGStore]`: the DAG store (markets node only).
    public var dagstore: DAGStoreConfig

    enum CodingKeys: String, CodingKey {
        case api = "API"
        case backup = "Backup"
        case logging = "Logging"
        case libp2p = "Libp2p"
        case pubsub = "Pubsub"
        case subsystems = "Subsystems"
        case dealmaking = "Dealmaking"
        case indexProvider = "IndexProvider"
        case proving = "Proving"
        case sealing = "Sealing"
        case storage = "Storage"
        case fees = "Fees"
        case addresses = "Addresses"
        case dagstore = "DAGStore"
    }

    /// Creates a configuration; every section defaults to Lotus's default.
    public init(
        api: APIConfig = .init(), backup: BackupConfig = .init(), logging: LoggingConfig = .init(),
        libp2p: Libp2pConfig = .init(), pubsub: PubsubConfig = .init(), subsystems: SubsystemsConfig = .init(),
        dealmaking: DealmakingConfig = .init(), indexProvider: IndexProviderConfig = .init(),
        proving: ProvingConfig = .init(), sealing: SealingConfig = .init(), storage: StorageConfig = .init(),
        fees: FeesConfig = .init(), addresses: AddressesConfig = .init(), dagstore: DAGStoreConfig = .init()
    ) {
        self.api = api
        self.backup = backup
        self.logging = logging
        self.libp2p = libp2p
        self.pubsub = pubsub
        self.subsystems = subsystems
        self.dealmaking = dealmaking
        self.indexProvider = indexProvider
        self.proving = proving
        self.sealing = sealing
        self.storage = storage
        self.fees = fees
        self.addresses = addresses
        self.dagstore = dagstore
    }

    /// Lotus v1.17.2 `config.DefaultStorageMiner()`, plus our `[API]` additions (TLS off, 100 MiB requests).
    public static var defaults: MinerConfig { MinerConfig() }

    /// Decodes on top of the defaults: absent sections and keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&api, .api)
        try container.update(&backup, .backup)
        try container.update(&logging, .logging)
        try container.update(&libp2p, .libp2p)
        try container.update(&pubsub, .pubsub)
        try container.update(&subsystems, .subsystems)
        try container.update(&dealmaking, .dealmaking)
        try container.update(&indexProvider, .indexProvider)
        try container.update(&proving, .proving)
        try container.update(&sealing, .sealing)
        try container.update(&storage, .storage)
        try container.update(&fees, .fees)
        try container.update(&addresses, .addresses)
        try container.update(&dagstore, .dagstore)
    }

    /// Checks the settings the node refuses to start with: the `[Subsystems]` combination and the retrieval
    /// pricing strategy (the latter only matters, and is only checked, when Markets is enabled).
    /// - Throws: ``ConfigError`` with Lotus's message.
    public func validate() throws {
        try subsystems.validate()
        if subsystems.enableMarkets {
            try dealmaking.retrievalPricing.validate()
        }
    }
}
