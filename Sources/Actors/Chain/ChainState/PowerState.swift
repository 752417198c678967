import ChainTypes
/// The storage power actor's state: each miner's claimed power and the network totals (Lotus `power.State`).
/// Power is in bytes; on this devnet quality-adjusted power equals raw-byte power (no verified deals).
public struct PowerState: Sendable, Equatable, Codable {
    /// Miner ID → its claim.
    public var claims: StateMap<ActorID, Claim>
    /// Sum of raw-byte power over all miners.
    public var totalRawBytePower: UInt64
    /// Sum of quality-adjusted power over all miners.
    public var totalQualityAdjPower: UInt64
    /// Number of miners.
    public var minerCount: Int64

    /// An empty power table.
    public init() {
        claims = StateMap()
        totalRawBytePower = 0
        totalQualityAdjPower = 0
        minerCount = 0
    }

    enum CodingKeys: String, CodingKey {
        case claims = "Claims", totalRawBytePower = "TotalRawBytePower"
        case totalQualityAdjPower = "TotalQualityAdjPower", minerCount = "MinerCount"
    }
}

/// One miner's power (Lotus `power.Claim`).
public struct Claim: Sendable, Equatable, Codable {
    /// The miner's Window PoSt proof type.
    public var windowPoStProofType: Int64
    /// Bytes of active sectors.
    public var rawBytePower: UInt64
    /// Quality-adjusted bytes (equal to raw-byte power here).
    public var qualityAdjPower: UInt64

    /// Creates a claim.
    public init(windowPoStProofType: Int64, rawBytePower: UInt64 = 0, qualityAdjPower: UInt64 = 0) {
        self.windowPoStProofType = windowPoStProofType
        self.rawBytePower = rawBytePower
        self.qualityAdjPower = qualityAdjPower
    }

    enum CodingKeys: String, CodingKey {
        case windowPoStProofType = "WindowPoStProofType", rawBytePower = "RawBytePower"
        case qualityAdjPower = "QualityAdjPower"
    }
}
