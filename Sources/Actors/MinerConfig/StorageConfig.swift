/// `[Storage]`: the sector storage manager and builtin worker (Lotus `SealerConfig`).
public struct StorageConfig: Sendable, Equatable, Codable {
    /// Maximum number of sector fetches run in parallel.
    public var parallelFetchLimit: Int = 10
    /// Allow sectors to be downloaded from remote storage paths.
    public var allowSectorDownload: Bool = true
    /// Allow the builtin worker to run AddPiece tasks.
    public var allowAddPiece: Bool = true
    /// Allow the builtin worker to run PreCommit1 tasks.
    public var allowPreCommit1: Bool = true
    /// Allow the builtin worker to run PreCommit2 tasks.
    public var allowPreCommit2: Bool = true
    /// Allow the builtin worker to run Commit tasks.
    public var allowCommit: Bool = true
    /// Allow the builtin worker to run Unseal tasks.
    public var allowUnseal: Bool = true
    /// Allow the builtin worker to run ReplicaUpdate tasks.
    public var allowReplicaUpdate: Bool = true
    /// Allow the builtin worker to run ProveReplicaUpdate2 tasks.
    public var allowProveReplicaUpdate2: Bool = true
    /// Allow the builtin worker to run RegenSectorKey tasks.
    public var allowRegenSectorKey: Bool = true
    /// LocalWorkerName specifies a custom name for the builtin worker.
    /// If set to an empty string (default) os hostname will be used
    public var localWorkerName: String = ""
    /// Assigner specifies the worker assigner to use when scheduling tasks.
    /// "utilization" (default) - assign tasks to workers with lowest utilization.
    /// "spread" - assign tasks to as many distinct workers as possible.
    public var assigner: String = "utilization"
    /// DisallowRemoteFinalize when set to true will force all Finalize tasks to
    /// run on workers with local access to both long-term storage and the sealing
    /// path containing the sector.
    /// --
    /// WARNING: Only set this if all workers have access to long-term storage
    /// paths. If this flag is enabled, and there are workers without long-term
    /// storage access, sectors will not be moved from them, and Finalize tasks
    /// will appear to be stuck.
    /// --
    /// If you see stuck Finalize tasks after enabling this setting, check
    /// 'lotus-miner sealing sched-diag' and 'lotus-miner storage find [sector num]'
    public var disallowRemoteFinalize: Bool = false
    /// ResourceFiltering instructs the system which resource filtering strategy
    /// to use when evaluating tasks against this worker. An empty value defaults
    /// to "hardware".
    public var resourceFiltering: String = "hardware"

    enum CodingKeys: String, CodingKey {
        case parallelFetchLimit = "ParallelFetchLimit"
        case allowSectorDownload = "AllowSectorDownload"
        case allowAddPiece = "AllowAddPiece"
        case allowPreCommit1 = "AllowPreCommit1"
        case allowPreCommit2 = "AllowPreCommit2"
        case allowCommit = "AllowCommit"
        case allowUnseal = "AllowUnseal"
        case allowReplicaUpdate = "AllowReplicaUpdate"
        case allowProveReplicaUpdate2 = "AllowProveReplicaUpdate2"
        case allowRegenSectorKey = "AllowRegenSectorKey"
        case localWorkerName = "LocalWorkerName"
        case assigner = "Assigner"
        case disallowRemoteFinalize = "DisallowRemoteFinalize"
        case resourceFiltering = "ResourceFiltering"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&parallelFetchLimit, .parallelFetchLimit)
        try container.update(&allowSectorDownload, .allowSectorDownload)
        try container.update(&allowAddPiece, .allowAddPiece)
        try container.update(&allowPreCommit1, .allowPreCommit1)
        try container.update(&allowPreCommit2, .allowPreCommit2)
        try container.update(&allowCommit, .allowCommit)
        try container.update(&allowUnseal, .allowUnseal)
        try container.update(&allowReplicaUpdate, .allowReplicaUpdate)
        try container.update(&allowProveReplicaUpdate2, .allowProveReplicaUpdate2)
        try container.update(&allowRegenSectorKey, .allowRegenSectorKey)
        try container.update(&localWorkerName, .localWorkerName)
        try container.update(&assigner, .assigner)
        try container.update(&disallowRemoteFinalize, .disallowRemoteFinalize)
        try container.update(&resourceFiltering, .resourceFiltering)
    }

    /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
    public init() {}
}
