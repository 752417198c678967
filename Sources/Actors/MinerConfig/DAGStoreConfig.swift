/// `[DAGStore]`: the DAG store that indexes deal data for retrieval (markets node only).
public struct DAGStoreConfig: Sendable, Equatable, Codable {
    /// Path to the dagstore root directory. This directory contains three
    /// subdirectories, which can be symlinked to alternative locations if
    /// need be:
    /// - ./transients: caches unsealed deals that have been fetched from the
    /// storage subsystem for serving retrievals.
    /// - ./indices: stores shard indices.
    /// - ./datastore: holds the KV store tracking the state of every shard
    /// known to the DAG store.
    /// Default value: <LOTUS_MARKETS_PATH>/dagstore (split deployment) or
    /// <LOTUS_MINER_PATH>/dagstore (monolith deployment)
    public var rootDir: String = ""
    /// The maximum amount of indexing jobs that can run simultaneously.
    /// 0 means unlimited.
    /// Default value: 5.
    public var maxConcurrentIndex: Int = 5
    /// The maximum amount of unsealed deals that can be fetched simultaneously
    /// from the storage subsystem. 0 means unlimited.
    /// Default value: 0 (unlimited).
    public var maxConcurrentReadyFetches: Int = 0
    /// The maximum amount of unseals that can be processed simultaneously
    /// from the storage subsystem. 0 means unlimited.
    /// Default value: 0 (unlimited).
    public var maxConcurrentUnseals: Int = 5
    /// The maximum number of simultaneous inflight API calls to the storage
    /// subsystem.
    /// Default value: 100.
    public var maxConcurrencyStorageCalls: Int = 100
    /// The time between calls to periodic dagstore GC, in time.Duration string
    /// representation, e.g. 1m, 5m, 1h.
    /// Default value: 1 minute.
    public var gcInterval: GoDuration = .minutes(1)

    enum CodingKeys: String, CodingKey {
        case rootDir = "RootDir"
        case maxConcurrentIndex = "MaxConcurrentIndex"
        case maxConcurrentReadyFetches = "MaxConcurrentReadyFetches"
        case maxConcurrentUnseals = "MaxConcurrentUnseals"
        case maxConcurrencyStorageCalls = "MaxConcurrencyStorageCalls"
        case gcInterval = "GCInterval"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&rootDir, .rootDir)
        try container.update(&maxConcurrentIndex, .maxConcurrentIndex)
        try container.update(&maxConcurrentReadyFetches, .maxConcurrentReadyFetches)
        try container.update(&maxConcurrentUnseals, .maxConcurrentUnseals)
        try container.update(&maxConcurrencyStorageCalls, .maxConcurrencyStorageCalls)
        try container.update(&gcInterval, .gcInterval)
    }

    /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
    public init() {}
}
