import ChainTypes
import Multiformats
import StorageMarket

/// A client's storage deal as `ClientListDeals` and `ClientGetDealInfo` return it (Lotus `api.DealInfo`):
/// `{"ProposalCid":{"/":…},"State":7,"Message":"","DealStages":null,"Provider":"t01000","DataRef":{…},
/// "PieceCID":{"/":…},"Size":2032,"PricePerEpoch":"0","Duration":1000,"DealID":3,
/// "CreationTime":"2026-01-02T03:04:05.678Z","Verified":false,"TransferChannelID":null,"DataTransfer":null}`.
///
/// `Size` is the unpadded piece size, `Duration` end − start in epochs. `DealStages`, `TransferChannelID` and
/// `DataTransfer` are always null: this client keeps no stage log and makes offline deals only.
public struct DealInfo: Sendable, Hashable, Codable {
    public var proposalCid: CID
    /// go-fil-markets `StorageDealStatus`, as a number.
    public var state: StorageDealStatus
    /// Why the deal failed, or the provider's note on its state.
    public var message: String
    public var provider: Address
    public var dataRef: DataRef?
    public var pieceCID: CID
    /// The unpadded piece size.
    public var size: UInt64
    public var pricePerEpoch: TokenAmount
    /// End epoch − start epoch.
    public var duration: UInt64
    /// The on-chain deal ID once published, else 0.
    public var dealID: UInt64
    /// When the deal was proposed (RFC 3339).
    public var creationTime: String
    public var verified: Bool

    /// Creates a deal's summary.
    public init(
        proposalCid: CID, state: StorageDealStatus, message: String, provider: Address, dataRef: DataRef?, pieceCID: CID, size: UInt64,
        pricePerEpoch: TokenAmount, duration: UInt64, dealID: UInt64, creationTime: String, verified: Bool
    ) {
        self.proposalCid = proposalCid
        self.state = state
        self.message = message
        self.provider = provider
        self.dataRef = dataRef
        self.pieceCID = pieceCID
        self.size = size
        self.pricePerEpoch = pricePerEpoch
        self.duration = duration
        self.dealID = dealID
        self.creationTime = creationTime
        self.verified = verified
    }

    enum CodingKeys: String, CodingKey {
        case proposalCid = "ProposalCid", state = "State", message = "Message", dealStages = "DealStages", provider = "Provider"
        case dataRef = "DataRef", pieceCID = "PieceCID", size = "Size", pricePerEpoch = "PricePerEpoch", duration = "Duration"
        case dealID = "DealID", creationTime = "CreationTime", verified = "Verified", transferChannelID = "TransferChannelID"
        case dataTransfer = "DataTransfer"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            proposalCid: try c.decode(CID.self, forKey: .proposalCid), state: try c.decode(StorageDealStatus.self, forKey: .state),
            message: try c.decodeIfPresent(String.self, forKey: .message) ?? "", provider: try c.decode(Address.self, forKey: .provider),
            dataRef: try c.decodeIfPresent(DataRef.self, forKey: .dataRef), pieceCID: try c.decode(CID.self, forKey: .pieceCID),
            size: try c.decodeIfPresent(UInt64.self, forKey: .size) ?? 0,
            pricePerEpoch: try c.decodeIfPresent(TokenAmount.self, forKey: .pricePerEpoch) ?? .zero,
            duration: try c.decodeIfPresent(UInt64.self, forKey: .duration) ?? 0, dealID: try c.decodeIfPresent(UInt64.self, forKey: .dealID) ?? 0,
            creationTime: try c.decodeIfPresent(String.self, forKey: .creationTime) ?? "",
            verified: try c.decodeIfPresent(Bool.self, forKey: .verified) ?? false)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(proposalCid, forKey: .proposalCid)
        try c.encode(state, forKey: .state)
        try c.encode(message, forKey: .message)
        try c.encodeNil(forKey: .dealStages)
        try c.encode(provider, forKey: .provider)
        try c.encode(dataRef, forKey: .dataRef)
        try c.encode(pieceCID, forKey: .pieceCID)
        try c.encode(size, forKey: .size)
        try c.encode(pricePerEpoch, forKey: .pricePerEpoch)
        try c.encode(duration, forKey: .duration)
        try c.encode(dealID, forKey: .dealID)
        try c.encode(creationTime, forKey: .creationTime)
        try c.encode(verified, forKey: .verified)
        try c.encodeNil(forKey: .transferChannelID)
        try c.encodeNil(forKey: .dataTransfer)
    }
}
