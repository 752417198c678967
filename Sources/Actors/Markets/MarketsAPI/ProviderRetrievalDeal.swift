import ChainTypes
import Multiformats

/// A retrieval this provider served or refused, as `MarketListRetrievalDeals` lists it (go-fil-markets
/// `retrievalmarket.ProviderDealState`, its JSON keys). Retrievals here are free and whole-payload: no selector, no
/// payment channel, prices zero — those keys carry Lotus's values for such a deal.
public struct ProviderRetrievalDeal: Sendable, Equatable, Codable {
    /// The payload (data CID) asked for.
    public var payloadCID: CID
    /// The deal's number, unique per client (this provider numbers them in order).
    public var id: UInt64
    /// The piece that holds the payload, once known.
    public var pieceCID: CID?
    public var status: RetrievalDealStatus
    /// The client's libp2p peer ID.
    public var receiver: String
    /// Bytes sent so far.
    public var totalSent: UInt64
    /// Why the deal was refused or failed; empty otherwise.
    public var message: String

    public init(payloadCID: CID, id: UInt64, pieceCID: CID?, status: RetrievalDealStatus, receiver: String, totalSent: UInt64, message: String) {
        self.payloadCID = payloadCID
        self.id = id
        self.pieceCID = pieceCID
        self.status = status
        self.receiver = receiver
        self.totalSent = totalSent
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case payloadCID = "PayloadCID", id = "ID", selector = "Selector", pieceCID = "PieceCID", pricePerByte = "PricePerByte"
        case paymentInterval = "PaymentInterval", paymentIntervalIncrease = "PaymentIntervalIncrease", unsealPrice = "UnsealPrice"
        case storeID = "StoreID", channelID = "ChannelID", pieceInfo = "PieceInfo", status = "Status", receiver = "Receiver"
        case totalSent = "TotalSent", fundsReceived = "FundsReceived", message = "Message", currentInterval = "CurrentInterval"
        case legacyProtocol = "LegacyProtocol"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        payloadCID = try c.decode(CID.self, forKey: .payloadCID)
        id = try c.decode(UInt64.self, forKey: .id)
        pieceCID = try c.decodeIfPresent(CID.self, forKey: .pieceCID)
        status = try c.decode(RetrievalDealStatus.self, forKey: .status)
        receiver = try c.decode(String.self, forKey: .receiver)
        totalSent = try c.decode(UInt64.self, forKey: .totalSent)
        message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(payloadCID, forKey: .payloadCID)
        try c.encode(id, forKey: .id)
        try c.encodeNil(forKey: .selector)
        try c.encode(pieceCID, forKey: .pieceCID)
        try c.encode(TokenAmount.zero, forKey: .pricePerByte)
        try c.encode(UInt64(0), forKey: .paymentInterval)
        try c.encode(UInt64(0), forKey: .paymentIntervalIncrease)
        try c.encode(TokenAmount.zero, forKey: .unsealPrice)
        try c.encode(UInt64(0), forKey: .storeID)
        try c.encodeNil(forKey: .channelID)
        try c.encodeNil(forKey: .pieceInfo)
        try c.encode(status, forKey: .status)
        try c.encode(receiver, forKey: .receiver)
        try c.encode(totalSent, forKey: .totalSent)
        try c.encode(TokenAmount.zero, forKey: .fundsReceived)
        try c.encode(message, forKey: .message)
        try c.encode(UInt64(0), forKey: .currentInterval)
        try c.encode(false, forKey: .legacyProtocol)
    }
}
