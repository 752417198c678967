/// `[Fees]`: the most the node pays in fees for each kind of message it sends (Lotus `MinerFeeConfig`).
public struct FeesConfig: Sendable, Equatable, Codable {
    /// Maximum fee paid for a single PreCommitSector message.
    public var maxPreCommitGasFee: FIL = FIL(attoFIL: 25_000_000_000_000_000)
    /// Maximum fee paid for a single ProveCommitSector message.
    public var maxCommitGasFee: FIL = FIL(attoFIL: 50_000_000_000_000_000)
    /// Maximum fee paid for a TerminateSectors message.
    public var maxTerminateGasFee: FIL = FIL(attoFIL: 500_000_000_000_000_000)
    /// WindowPoSt is a high-value operation, so the default fee should be high.
    public var maxWindowPoStGasFee: FIL = FIL(attoFIL: 5_000_000_000_000_000_000)
    /// Maximum fee paid for a PublishStorageDeals message.
    public var maxPublishDealsFee: FIL = FIL(attoFIL: 50_000_000_000_000_000)
    /// Maximum fee paid for adding funds to the storage market actor.
    public var maxMarketBalanceAddFee: FIL = FIL(attoFIL: 7_000_000_000_000_000)
    /// `[Fees.MaxPreCommitBatchGasFee]`: fee cap for PreCommitSectorBatch messages.
    public var maxPreCommitBatchGasFee = BatchFeeConfig(base: .zero, perSector: FIL(attoFIL: 20_000_000_000_000_000))
    /// `[Fees.MaxCommitBatchGasFee]`: fee cap for ProveCommitAggregate messages.
    public var maxCommitBatchGasFee = BatchFeeConfig(base: .zero, perSector: FIL(attoFIL: 30_000_000_000_000_000))

    enum CodingKeys: String, CodingKey {
        case maxPreCommitGasFee = "MaxPreCommitGasFee"
        case maxCommitGasFee = "MaxCommitGasFee"
        case maxTerminateGasFee = "MaxTerminateGasFee"
        case maxWindowPoStGasFee = "MaxWindowPoStGasFee"
        case maxPublishDealsFee = "MaxPublishDealsFee"
        case maxMarketBalanceAddFee = "MaxMarketBalanceAddFee"
        case maxPreCommitBatchGasFee = "MaxPreCommitBatchGasFee"
        case maxCommitBatchGasFee = "MaxCommitBatchGasFee"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&maxPreCommitGasFee, .maxPreCommitGasFee)
        try container.update(&maxCommitGasFee, .maxCommitGasFee)
        try container.update(&maxTerminateGasFee, .maxTerminateGasFee)
        try container.update(&maxWindowPoStGasFee, .maxWindowPoStGasFee)
        try container.update(&maxPublishDealsFee, .maxPublishDealsFee)
        try container.update(&maxMarketBalanceAddFee, .maxMarketBalanceAddFee)
        try maxPreCommitBatchGasFee.update(from: container, forKey: .maxPreCommitBatchGasFee)
        try maxCommitBatchGasFee.update(from: container, forKey: .maxCommitBatchGasFee)
    }

    /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
    public init() {}
}
