import ChainTypes
import StorageMarket

/// What `ClientStartDeal` is given (Lotus `api.StartDealParams`):
/// `{"Data":{"TransferType":"manual","Root":{"/":…},"PieceCid":{"/":…},"PieceSize":2032,"RawBlockSize":0},
/// "Wallet":"t1…","Miner":"t01000","EpochPrice":"0","MinBlocksDuration":518400,"ProviderCollateral":"0",
/// "DealStartEpoch":-1,"FastRetrieval":true,"VerifiedDeal":false}`.
///
/// As Go decodes it, a member left out takes its zero value; `Data`, `Wallet` and `Miner` have none that works, so
/// they are required.
public struct StartDealParams: Sendable, Hashable, Codable {
    /// The data: its root, and for an offline (`manual`) deal its piece CID and *unpadded* piece size.
    public var data: DataRef
    /// The client address that signs the proposal and pays for it.
    public var wallet: Address
    /// The storage provider (miner actor).
    public var miner: Address
    /// attoFIL per epoch for the whole deal (not per GiB).
    public var epochPrice: TokenAmount
    /// The shortest acceptable duration in epochs; the end epoch is aligned to the miner's proving period after it.
    public var minBlocksDuration: UInt64
    /// The provider's collateral; zero lets the provider's minimum apply.
    public var providerCollateral: TokenAmount
    /// The epoch the deal must start by; 0 or -1 picks the chain head plus Lotus's start buffer.
    public var dealStartEpoch: ChainEpoch
    /// Whether the provider should keep an unsealed copy.
    public var fastRetrieval: Bool
    /// Whether the deal uses DataCap.
    public var verifiedDeal: Bool

    /// Creates the parameters of a deal.
    public init(
        data: DataRef, wallet: Address, miner: Address, epochPrice: TokenAmount, minBlocksDuration: UInt64,
        providerCollateral: TokenAmount = .zero, dealStartEpoch: ChainEpoch = -1, fastRetrieval: Bool = true, verifiedDeal: Bool = false
    ) {
        self.data = data
        self.wallet = wallet
        self.miner = miner
        self.epochPrice = epochPrice
        self.minBlocksDuration = minBlocksDuration
        self.providerCollateral = providerCollateral
        self.dealStartEpoch = dealStartEpoch
        self.fastRetrieval = fastRetrieval
        self.verifiedDeal = verifiedDeal
    }

    enum CodingKeys: String, CodingKey {
        case data = "Data", wallet = "Wallet", miner = "Miner", epochPrice = "EpochPrice", minBlocksDuration = "MinBlocksDuration"
        case providerCollateral = "ProviderCollateral", dealStartEpoch = "DealStartEpoch", fastRetrieval = "FastRetrieval"
        case verifiedDeal = "VerifiedDeal"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            data: try c.decode(DataRef.self, forKey: .data), wallet: try c.decode(Address.self, forKey: .wallet),
            miner: try c.decode(Address.self, forKey: .miner), epochPrice: try c.decodeIfPresent(TokenAmount.self, forKey: .epochPrice) ?? .zero,
            minBlocksDuration: try c.decodeIfPresent(UInt64.self, forKey: .minBlocksDuration) ?? 0,
            providerCollateral: try c.decodeIfPresent(TokenAmount.self, forKey: .providerCollateral) ?? .zero,
            dealStartEpoch: try c.decodeIfPresent(ChainEpoch.self, forKey: .dealStartEpoch) ?? 0,
            fastRetrieval: try c.decodeIfPresent(Bool.self, forKey: .fastRetrieval) ?? false,
            verifiedDeal: try c.decodeIfPresent(Bool.self, forKey: .verifiedDeal) ?? false)
    }
}
