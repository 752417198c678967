import Multiformats

/// A proven sector (Lotus `miner.SectorOnChainInfo`).
public struct SectorOnChainInfo: Sendable, Equatable, Codable {
    /// The sector number.
    public var sectorNumber: SectorNumber
    /// The seal proof type.
    public var sealProof: Int64
    /// CommR.
    public var sealedCID: CID
    /// CommD, when the miner gave it at pre-commit.
    public var unsealedCID: CID?
    /// Deals stored in the sector.
    public var dealIDs: [DealID]
    /// The epoch it was proven.
    public var activation: ChainEpoch
    /// The epoch it expires.
    public var expiration: ChainEpoch
    /// Pledge locked for it.
    public var initialPledge: TokenAmount

    /// Creates a sector record.
    public init(
        sectorNumber: SectorNumber, sealProof: Int64, sealedCID: CID, unsealedCID: CID?, dealIDs: [DealID],
        activation: ChainEpoch, expiration: ChainEpoch, initialPledge: TokenAmount
    ) {
        self.sectorNumber = sectorNumber
        self.sealProof = sealProof
        self.sealedCID = sealedCID
        self.unsealedCID = unsealedCID
        self.dealIDs = dealIDs
        self.activation = activation
        self.expiration = expiration
        self.initialPledge = initialPledge
    }

    enum CodingKeys: String, CodingKey {
        case sectorNumber = "SectorNumber", sealProof = "SealProof", sealedCID = "SealedCID"
        case unsealedCID = "UnsealedCID", dealIDs = "DealIDs", activation = "Activation", expiration = "Expiration"
        case initialPledge = "InitialPledge"
        case dealWeight = "DealWeight", verifiedDealWeight = "VerifiedDealWeight", expectedDayReward = "ExpectedDayReward"
        case expectedStoragePledge = "ExpectedStoragePledge", powerBaseEpoch = "PowerBaseEpoch"
        case replacedDayReward = "ReplacedDayReward", sectorKeyCID = "SectorKeyCID", flags = "Flags"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sectorNumber = try c.decode(SectorNumber.self, forKey: .sectorNumber)
        sealProof = try c.decode(Int64.self, forKey: .sealProof)
        sealedCID = try c.decode(CID.self, forKey: .sealedCID)
        unsealedCID = try c.decodeIfPresent(CID.self, forKey: .unsealedCID)
        dealIDs = try c.decodeIfPresent([DealID].self, forKey: .dealIDs) ?? []
        activation = try c.decode(ChainEpoch.self, forKey: .activation)
        expiration = try c.decode(ChainEpoch.self, forKey: .expiration)
        initialPledge = try c.decode(TokenAmount.self, forKey: .initialPledge)
    }

    /// Lotus's `miner.SectorOnChainInfo` JSON (what `StateSectorGetInfo` returns): the fields above plus the reward
    /// and weight fields this devnet does not compute (zero), `PowerBaseEpoch` = activation, no sector key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sectorNumber, forKey: .sectorNumber)
        try c.encode(sealProof, forKey: .sealProof)
        try c.encode(sealedCID, forKey: .sealedCID)
        try c.encodeIfPresent(unsealedCID, forKey: .unsealedCID)
        try c.encode(dealIDs, forKey: .dealIDs)
        try c.encode(activation, forKey: .activation)
        try c.encode(expiration, forKey: .expiration)
        try c.encode(initialPledge, forKey: .initialPledge)
        try c.encode(TokenAmount.zero, forKey: .dealWeight)
        try c.encode(TokenAmount.zero, forKey: .verifiedDealWeight)
        try c.encode(TokenAmount.zero, forKey: .expectedDayReward)
        try c.encode(TokenAmount.zero, forKey: .expectedStoragePledge)
        try c.encode(activation, forKey: .powerBaseEpoch)
        try c.encode(TokenAmount.zero, forKey: .replacedDayReward)
        try c.encodeNil(forKey: .sectorKeyCID)
        try c.encode(0, forKey: .flags)
    }
}
