/// A deal's on-chain progress (Lotus `market.DealState`); -1 means "not yet".
public struct DealState: Sendable, Hashable, Codable {
    /// The sector that holds the deal.
    public var sectorNumber: SectorNumber
    /// The epoch the sector holding the deal was proven; -1 until then.
    public var sectorStartEpoch: ChainEpoch
    /// The epoch payments were last settled; -1 until then.
    public var lastUpdatedEpoch: ChainEpoch
    /// The epoch the deal was slashed (its sector terminated or faulted out); -1 if not.
    public var slashEpoch: ChainEpoch

    /// A freshly published deal.
    public static let published = DealState(sectorNumber: 0, sectorStartEpoch: -1, lastUpdatedEpoch: -1, slashEpoch: -1)

    /// Creates a deal state.
    public init(sectorNumber: SectorNumber, sectorStartEpoch: ChainEpoch, lastUpdatedEpoch: ChainEpoch, slashEpoch: ChainEpoch) {
        self.sectorNumber = sectorNumber
        self.sectorStartEpoch = sectorStartEpoch
        self.lastUpdatedEpoch = lastUpdatedEpoch
        self.slashEpoch = slashEpoch
    }

    enum CodingKeys: String, CodingKey {
        case sectorNumber = "SectorNumber", sectorStartEpoch = "SectorStartEpoch"
        case lastUpdatedEpoch = "LastUpdatedEpoch", slashEpoch = "SlashEpoch"
    }
}
