import Multiformats

/// Where and how a message was executed (Lotus `api.MsgLookup`), the result of `StateWaitMsg` and
/// `StateSearchMsg`: `{"Message":{"/":…},"Receipt":{…},"ReturnDec":null,"TipSet":[…],"Height":n}`.
///
/// This devnet executes a tipset's messages when it produces the tipset, so ``tipSet`` and ``height`` are those
/// of the tipset that includes the message.
public struct MsgLookup: Sendable, Hashable, Codable {
    /// The signed message's CID.
    public var message: CID
    /// Its receipt.
    public var receipt: MessageReceipt
    /// The tipset that executed it.
    public var tipSet: TipSetKey
    /// That tipset's epoch.
    public var height: ChainEpoch

    /// Creates a lookup result.
    public init(message: CID, receipt: MessageReceipt, tipSet: TipSetKey, height: ChainEpoch) {
        self.message = message
        self.receipt = receipt
        self.tipSet = tipSet
        self.height = height
    }

    enum CodingKeys: String, CodingKey {
        case message = "Message", receipt = "Receipt", returnDec = "ReturnDec", tipSet = "TipSet", height = "Height"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        message = try c.decode(CID.self, forKey: .message)
        receipt = try c.decode(MessageReceipt.self, forKey: .receipt)
        tipSet = try c.decode(TipSetKey.self, forKey: .tipSet)
        height = try c.decode(ChainEpoch.self, forKey: .height)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(message, forKey: .message)
        try c.encode(receipt, forKey: .receipt)
        try c.encodeNil(forKey: .returnDec)
        try c.encode(tipSet, forKey: .tipSet)
        try c.encode(height, forKey: .height)
    }
}
