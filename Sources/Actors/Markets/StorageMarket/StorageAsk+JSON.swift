import ChainTypes

/// Lotus's JSON (`MarketGetAsk`): `{"Price":"500000000","VerifiedPrice":"50000000","MinPieceSize":256,
/// "MaxPieceSize":1048576,"Miner":"t01000","Timestamp":10,"Expiry":1000010,"SeqNo":0}`.
extension StorageAsk: Codable {
    enum CodingKeys: String, CodingKey {
        case price = "Price", verifiedPrice = "VerifiedPrice", minPieceSize = "MinPieceSize", maxPieceSize = "MaxPieceSize"
        case miner = "Miner", timestamp = "Timestamp", expiry = "Expiry", seqNo = "SeqNo"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            price: try c.decode(TokenAmount.self, forKey: .price), verifiedPrice: try c.decode(TokenAmount.self, forKey: .verifiedPrice),
            minPieceSize: try c.decode(UInt64.self, forKey: .minPieceSize), maxPieceSize: try c.decode(UInt64.self, forKey: .maxPieceSize),
            miner: try c.decode(Address.self, forKey: .miner), timestamp: try c.decode(ChainEpoch.self, forKey: .timestamp),
            expiry: try c.decode(ChainEpoch.self, forKey: .expiry), seqNo: try c.decode(UInt64.self, forKey: .seqNo))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(price, forKey: .price)
        try c.encode(verifiedPrice, forKey: .verifiedPrice)
        try c.encode(minPieceSize, forKey: .minPieceSize)
        try c.encode(maxPieceSize, forKey: .maxPieceSize)
        try c.encode(miner, forKey: .miner)
        try c.encode(timestamp, forKey: .timestamp)
        try c.encode(expiry, forKey: .expiry)
        try c.encode(seqNo, forKey: .seqNo)
    }
}

/// Lotus's JSON: `{"Ask":{…}|null,"Signature":{"Type":1,"Data":"…"}|null}`.
extension SignedStorageAsk: Codable {
    enum CodingKeys: String, CodingKey { case ask = "Ask", signature = "Signature" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(ask: try c.decodeIfPresent(StorageAsk.self, forKey: .ask), signature: try c.decodeIfPresent(Signature.self, forKey: .signature))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ask, forKey: .ask)
        try c.encode(signature, forKey: .signature)
    }
}
