/// `[Dealmaking]`: which storage and retrieval deals the markets node accepts, and how deals are published.
public struct DealmakingConfig: Sendable, Equatable, Codable {
    /// When enabled, the miner can accept online deals
    public var considerOnlineStorageDeals: Bool = true
    /// When enabled, the miner can accept offline deals
    public var considerOfflineStorageDeals: Bool = true
    /// When enabled, the miner can accept retrieval deals
    public var considerOnlineRetrievalDeals: Bool = true
    /// When enabled, the miner can accept offline retrieval deals
    public var considerOfflineRetrievalDeals: Bool = true
    /// When enabled, the miner can accept verified deals
    public var considerVerifiedStorageDeals: Bool = true
    /// When enabled, the miner can accept unverified deals
    public var considerUnverifiedStorageDeals: Bool = true
    /// A list of Data CIDs to reject when making deals
    public var pieceCidBlocklist: [String] = []
    /// Maximum expected amount of time getting the deal into a sealed sector will take
    /// This includes the time the deal will need to get transferred and published
    /// before being assigned to a sector
    public var expectedSealDuration: GoDuration = .hours(24)
    /// Maximum amount of time proposed deal StartEpoch can be in future
    public var maxDealStartDelay: GoDuration = .hours(336)
    /// When a deal is ready to publish, the amount of time to wait for more
    /// deals to be ready to publish before publishing them all as a batch
    public var publishMsgPeriod: GoDuration = .hours(1)
    /// The maximum number of deals to include in a single PublishStorageDeals
    /// message
    public var maxDealsPerPublishMsg: Int = 8
    /// The maximum collateral that the provider will put up against a deal,
    /// as a multiplier of the minimum collateral bound
    public var maxProviderCollateralMultiplier: Int = 2
    /// The maximum allowed disk usage size in bytes of staging deals not yet
    /// passed to the sealing node by the markets service. 0 is unlimited.
    public var maxStagingDealsBytes: Int = 0
    /// The maximum number of parallel online data transfers for storage deals
    public var simultaneousTransfersForStorage: Int = 20
    /// The maximum number of simultaneous data transfers from any single client
    /// for storage deals.
    /// Unset by default (0), and values higher than SimultaneousTransfersForStorage
    /// will have no effect; i.e. the total number of simultaneous data transfers
    /// across all storage clients is bound by SimultaneousTransfersForStorage
    /// regardless of this number.
    public var simultaneousTransfersForStoragePerClient: Int = 0
    /// The maximum number of parallel online data transfers for retrieval deals
    public var simultaneousTransfersForRetrieval: Int = 20
    /// Minimum start epoch buffer to give time for sealing of sector with deal.
    public var startEpochSealingBuffer: Int = 480
    /// A command used for fine-grained evaluation of storage deals
    /// see
    /// https://lotus.filecoin.io/storage-providers/advanced-configurations/market/#using-filters-for-fine-grained-storage-and-retrieval-deal-acceptance
    /// for more details
    public var filter: String = ""
    /// A command used for fine-grained evaluation of retrieval deals
    /// see
    /// https://lotus.filecoin.io/storage-providers/advanced-configurations/market/#using-filters-for-fine-grained-storage-and-retrieval-deal-acceptance
    /// for more details
    public var retrievalFilter: String = ""
    /// `[Dealmaking.RetrievalPricing]`: how retrievals are priced.
    public var retrievalPricing: RetrievalPricingConfig = .init()

    enum CodingKeys: String, CodingKey {
        case considerOnlineStorageDeals = "ConsiderOnlineStorageDeals"
        case considerOfflineStorageDeals = "ConsiderOfflineStorageDeals"
        case considerOnlineRetrievalDeals = "ConsiderOnlineRetrievalDeals"
        case considerOfflineRetrievalDeals = "ConsiderOfflineRetrievalDeals"
        case considerVerifiedStorageDeals = "ConsiderVerifiedStorageDeals"
        case considerUnverifiedStorageDeals = "ConsiderUnverifiedStorageDeals"
        case pieceCidBlocklist = "PieceCidBlocklist"
        case expectedSealDuration = "ExpectedSealDuration"
        case maxDealStartDelay = "MaxDealStartDelay"
        case publishMsgPeriod = "PublishMsgPeriod"
        case maxDealsPerPublishMsg = "MaxDealsPerPublishMsg"
        case maxProviderCollateralMultiplier = "MaxProviderCollateralMultiplier"
        case maxStagingDealsBytes = "MaxStagingDealsBytes"
        case simultaneousTransfersForStorage = "SimultaneousTransfersForStorage"
        case simultaneousTransfersForStoragePerClient = "SimultaneousTransfersForStoragePerClient"
        case simultaneousTransfersForRetrieval = "SimultaneousTransfersForRetrieval"
        case startEpochSealingBuffer = "StartEpochSealingBuffer"
        case filter = "Filter"
        case retrievalFilter = "RetrievalFilter"
        case retrievalPricing = "RetrievalPricing"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&considerOnlineStorageDeals, .considerOnlineStorageDeals)
        try container.update(&considerOfflineStorageDeals, .considerOfflineStorageDeals)
        try container.update(&considerOnlineRetrievalDeals, .considerOnlineRetrievalDeals)
        try container.update(&considerOfflineRetrievalDeals, .considerOfflineRetrievalDeals)
        try container.update(&considerVerifiedStorageDeals, .considerVerifiedStorageDeals)
        try container.update(&considerUnverifiedStorageDeals, .considerUnverifiedStorageDeals)
        try container.update(&pieceCidBlocklist, .pieceCidBlocklist)
        try container.update(&expectedSealDuration, .expectedSealDuration)
        try container.update(&maxDealStartDelay, .maxDealStartDelay)
        try container.update(&publishMsgPeriod, .publishMsgPeriod)
        try container.update(&maxDealsPerPublishMsg, .maxDealsPerPublishMsg)
        try container.update(&maxProviderCollateralMultiplier, .maxProviderCollateralMultiplier)
        try container.update(&maxStagingDealsBytes, .maxStagingDealsBytes)
        try container.update(&simultaneousTransfersForStorage, .simultaneousTransfersForStorage)
        try container.update(&simultaneousTransfersForStoragePerClient, .simultaneousTransfersForStoragePerClient)
        try container.update(&simultaneousTransfersForRetrieval, .simultaneousTransfersForRetrieval)
        try container.update(&startEpochSealingBuffer, .startEpochSealingBuffer)
        try container.update(&filter, .filter)
        try container.update(&retrievalFilter, .retrievalFilter)
        try container.update(&retrievalPricing, .retrievalPricing)
    }

    /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
    public init() {}
}
