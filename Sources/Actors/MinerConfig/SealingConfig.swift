/// `[Sealing]`: the sealing pipeline, batching and collateral (mining node only).
public struct SealingConfig: Sendable, Equatable, Codable {
    /// Upper bound on how many sectors can be waiting for more deals to be packed in it before it begins sealing at any
    /// given time.
    /// If the miner is accepting multiple deals in parallel, up to MaxWaitDealsSectors of new sectors will be created.
    /// If more than MaxWaitDealsSectors deals are accepted in parallel, only MaxWaitDealsSectors deals will be
    /// processed in parallel
    /// Note that setting this number too high in relation to deal ingestion rate may result in poor sector packing
    /// efficiency
    /// 0 = no limit
    public var maxWaitDealsSectors: Int = 2
    /// Upper bound on how many sectors can be sealing+upgrading at the same time when creating new CC sectors (0 =
    /// unlimited)
    public var maxSealingSectors: Int = 0
    /// Upper bound on how many sectors can be sealing+upgrading at the same time when creating new sectors with deals
    /// (0 = unlimited)
    public var maxSealingSectorsForDeals: Int = 0
    /// Prefer creating new sectors even if there are sectors Available for upgrading.
    /// This setting combined with MaxUpgradingSectors set to a value higher than MaxSealingSectorsForDeals makes it
    /// possible to use fast sector upgrades to handle high volumes of storage deals, while still using the simple
    /// sealing
    /// flow when the volume of storage deals is lower.
    public var preferNewSectorsForDeals: Bool = false
    /// Upper bound on how many sectors can be sealing+upgrading at the same time when upgrading CC sectors with deals
    /// (0 = MaxSealingSectorsForDeals)
    public var maxUpgradingSectors: Int = 0
    /// When set to a non-zero value, minimum number of epochs until sector expiration required for sectors to be
    /// considered
    /// for upgrades (0 = DealMinDuration = 180 days = 518400 epochs)
    public var minUpgradeSectorExpiration: Int = 0
    /// When set to a non-zero value, minimum number of epochs until sector expiration above which upgrade candidates
    /// will
    /// be selected based on lowest initial pledge.
    public var minTargetUpgradeSectorExpiration: Int = 0
    /// CommittedCapacitySectorLifetime is the duration a Committed Capacity (CC) sector will
    /// live before it must be extended or converted into sector containing deals before it is
    /// terminated. Value must be between 180-540 days inclusive
    public var committedCapacitySectorLifetime: GoDuration = .hours(12960)
    /// Period of time that a newly created sector will wait for more deals to be packed in to before it starts to seal.
    /// Sectors which are fully filled will start sealing immediately
    public var waitDealsDelay: GoDuration = .hours(6)
    /// Whether to keep unsealed copies of deal data regardless of whether the client requested that. This lets the
    /// miner
    /// avoid the relatively high cost of unsealing the data later, at the cost of more storage space
    public var alwaysKeepUnsealedCopy: Bool = true
    /// Run sector finalization before submitting sector proof to the chain
    public var finalizeEarly: Bool = false
    /// Whether new sectors are created to pack incoming deals
    /// When this is set to false no new sectors will be created for sealing incoming deals
    /// This is useful for forcing all deals to be assigned as snap deals to sectors marked for upgrade
    public var makeNewSectorForDeals: Bool = true
    /// After sealing CC sectors, make them available for upgrading with deals
    public var makeCCSectorsAvailable: Bool = false
    /// Whether to use available miner balance for sector collateral instead of sending it with each message
    public var collateralFromMinerBalance: Bool = false
    /// Minimum available balance to keep in the miner actor before sending it with messages
    public var availableBalanceBuffer: FIL = .zero
    /// Don't send collateral with messages even if there is no available balance in the miner actor
    public var disableCollateralFallback: Bool = false
    /// enable / disable precommit batching (takes effect after nv13)
    public var batchPreCommits: Bool = true
    /// maximum precommit batch size - batches will be sent immediately above this size
    public var maxPreCommitBatch: Int = 256
    /// how long to wait before submitting a batch after crossing the minimum batch size
    public var preCommitBatchWait: GoDuration = .hours(24)
    /// time buffer for forceful batch submission before sectors/deal in batch would start expiring
    public var preCommitBatchSlack: GoDuration = .hours(3)
    /// enable / disable commit aggregation (takes effect after nv13)
    public var aggregateCommits: Bool = true
    /// minimum batched commit size - batches above this size will eventually be sent on a timeout
    public var minCommitBatch: Int = 4
    /// maximum batched commit size - batches will be sent immediately above this size
    public var maxCommitBatch: Int = 819
    /// how long to wait before submitting a batch after crossing the minimum batch size
    public var commitBatchWait: GoDuration = .hours(24)
    /// time buffer for forceful batch submission before sectors/deals in batch would start expiring
    public var commitBatchSlack: GoDuration = .hours(1)
    /// network BaseFee below which to stop doing precommit batching, instead
    /// sending precommit messages to the chain individually
    public var batchPreCommitAboveBaseFee: FIL = FIL(attoFIL: 320_000_000)
    /// network BaseFee below which to stop doing commit aggregation, instead
    /// submitting proofs to the chain individually
    public var aggregateAboveBaseFee: FIL = FIL(attoFIL: 320_000_000)
    /// Maximum number of sectors terminated in one TerminateSectors message.
    public var terminateBatchMax: Int = 100
    /// Minimum number of pending terminations before a TerminateSectors message is sent early.
    public var terminateBatchMin: Int = 1
    /// How long pending terminations wait for more before they are sent.
    public var terminateBatchWait: GoDuration = .minutes(5)

    enum CodingKeys: String, CodingKey {
        case maxWaitDealsSectors = "MaxWaitDealsSectors"
        case maxSealingSectors = "MaxSealingSectors"
        case maxSealingSectorsForDeals = "MaxSealingSectorsForDeals"
        case preferNewSectorsForDeals = "PreferNewSectorsForDeals"
        case maxUpgradingSectors = "MaxUpgradingSectors"
        case minUpgradeSectorExpiration = "MinUpgradeSectorExpiration"
        case minTargetUpgradeSectorExpiration = "MinTargetUpgradeSectorExpiration"
        case committedCapacitySectorLifetime = "CommittedCapacitySectorLifetime"
        case waitDealsDelay = "WaitDealsDelay"
        case alwaysKeepUnsealedCopy = "AlwaysKeepUnsealedCopy"
        case finalizeEarly = "FinalizeEarly"
        case makeNewSectorForDeals = "MakeNewSectorForDeals"
        case makeCCSectorsAvailable = "MakeCCSectorsAvailable"
        case collateralFromMinerBalance = "CollateralFromMinerBalance"
        case availableBalanceBuffer = "AvailableBalanceBuffer"
        case disableCollateralFallback = "DisableCollateralFallback"
        case batchPreCommits = "BatchPreCommits"
        case maxPreCommitBatch = "MaxPreCommitBatch"
        case preCommitBatchWait = "PreCommitBatchWait"
        case preCommitBatchSlack = "PreCommitBatchSlack"
        case aggregateCommits = "AggregateCommits"
        case minCommitBatch = "MinCommitBatch"
        case maxCommitBatch = "MaxCommitBatch"
        case commitBatchWait = "CommitBatchWait"
        case commitBatchSlack = "CommitBatchSlack"
        case batchPreCommitAboveBaseFee = "BatchPreCommitAboveBaseFee"
        case aggregateAboveBaseFee = "AggregateAboveBaseFee"
        case terminateBatchMax = "TerminateBatchMax"
        case terminateBatchMin = "TerminateBatchMin"
        case terminateBatchWait = "TerminateBatchWait"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&maxWaitDealsSectors, .maxWaitDealsSectors)
        try container.update(&maxSealingSectors, .maxSealingSectors)
        try container.update(&maxSealingSectorsForDeals, .maxSealingSectorsForDeals)
        try container.update(&preferNewSectorsForDeals, .preferNewSectorsForDeals)
        try container.update(&maxUpgradingSectors, .maxUpgradingSectors)
        try container.update(&minUpgradeSectorExpiration, .minUpgradeSectorExpiration)
        try container.update(&minTargetUpgradeSectorExpiration, .minTargetUpgradeSectorExpiration)
        try container.update(&committedCapacitySectorLifetime, .committedCapacitySectorLifetime)
        try container.update(&waitDealsDelay, .waitDealsDelay)
        try container.update(&alwaysKeepUnsealedCopy, .alwaysKeepUnsealedCopy)
        try container.update(&finalizeEarly, .finalizeEarly)
        try container.update(&makeNewSectorForDeals, .makeNewSectorForDeals)
        try container.update(&makeCCSectorsAvailable, .makeCCSectorsAvailable)
        try container.update(&collateralFromMinerBalance, .collateralFromMinerBalance)
        try container.update(&availableBalanceBuffer, .availableBalanceBuffer)
        try container.update(&disableCollateralFallback, .disableCollateralFallback)
        try container.update(&batchPreCommits, .batchPreCommits)
        try container.update(&maxPreCommitBatch, .maxPreCommitBatch)
        try container.update(&preCommitBatchWait, .preCommitBatchWait)
        try container.update(&preCommitBatchSlack, .preCommitBatchSlack)
        try container.update(&aggregateCommits, .aggregateCommits)
        try container.update(&minCommitBatch, .minCommitBatch)
        try container.update(&maxCommitBatch, .maxCommitBatch)
        try container.update(&commitBatchWait, .commitBatchWait)
        try container.update(&commitBatchSlack, .commitBatchSlack)
        try container.update(&batchPreCommitAboveBaseFee, .batchPreCommitAboveBaseFee)
        try container.update(&aggregateAboveBaseFee, .aggregateAboveBaseFee)
        try container.update(&terminateBatchMax, .terminateBatchMax)
        try container.update(&terminateBatchMin, .terminateBatchMin)
        try container.update(&terminateBatchWait, .terminateBatchWait)
    }

    /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
    public init() {}
}
