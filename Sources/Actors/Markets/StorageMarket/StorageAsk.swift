import ChainTypes

/// A provider's price list (go-fil-markets `storagemarket.StorageAsk`), inside a ``SignedStorageAsk``.
///
/// CBOR on `/fil/storage/ask/1.1.0`: a map (`storagemarket/types.go` generates it with `--map-encoding`; the tuple
/// form `StorageAsk0` in `storagemarket/migrations/migrations.go` is `/fil/storage/ask/1.0.1` only) with keys
/// `Price`, `VerifiedPrice` (big-int bytes), `MinPieceSize`, `MaxPieceSize` (uint), `Miner` (address bytes),
/// `Timestamp`, `Expiry` (int) and `SeqNo` (uint). v1.28 writes `Miner`, `Price`, `SeqNo`, `Expiry`, `Timestamp`,
/// `MaxPieceSize`, `MinPieceSize`, `VerifiedPrice`; earlier releases the field order just given.
public struct StorageAsk: CBORMapEncoded {
    public static let goTypeName = "StorageAsk"

    /// attoFIL per GiB per epoch for an unverified deal.
    public var price: TokenAmount
    /// attoFIL per GiB per epoch for a verified (DataCap) deal.
    public var verifiedPrice: TokenAmount
    /// The smallest piece accepted, padded (`abi.PaddedPieceSize`).
    public var minPieceSize: UInt64
    /// The largest piece accepted, padded.
    public var maxPieceSize: UInt64
    /// The provider (storage miner actor).
    public var miner: Address
    /// The epoch the ask was set.
    public var timestamp: ChainEpoch
    /// The epoch after which the ask no longer holds.
    public var expiry: ChainEpoch
    /// Bumped every time the provider changes its ask.
    public var seqNo: UInt64

    /// Creates an ask.
    public init(
        price: TokenAmount, verifiedPrice: TokenAmount, minPieceSize: UInt64, maxPieceSize: UInt64, miner: Address,
        timestamp: ChainEpoch, expiry: ChainEpoch, seqNo: UInt64
    ) {
        self.price = price
        self.verifiedPrice = verifiedPrice
        self.minPieceSize = minPieceSize
        self.maxPieceSize = maxPieceSize
        self.miner = miner
        self.timestamp = timestamp
        self.expiry = expiry
        self.seqNo = seqNo
    }

    /// The bytes the provider's worker key signs for ``SignedStorageAsk/signature`` (go-fil-markets
    /// `cborutil.Dump(ask)`), in v1.28's canonical key order. A provider on go-fil-markets v1.27 or older signed
    /// `encoded(keyOrder: .goFieldOrder)` instead; a client verifying any provider can try both.
    public var signingBytes: [UInt8] { encoded }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("Price") { $0.bigInt(price) }
        map.field("VerifiedPrice") { $0.bigInt(verifiedPrice) }
        map.field("MinPieceSize") { $0.unsigned(minPieceSize) }
        map.field("MaxPieceSize") { $0.unsigned(maxPieceSize) }
        map.field("Miner") { $0.byteString(miner.bytes) }
        map.field("Timestamp") { $0.integer(timestamp) }
        map.field("Expiry") { $0.integer(expiry) }
        map.field("SeqNo") { $0.unsigned(seqNo) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var price = TokenAmount.zero
        var verifiedPrice = TokenAmount.zero
        var minPieceSize: UInt64 = 0
        var maxPieceSize: UInt64 = 0
        var miner: Address?
        var timestamp: ChainEpoch = 0
        var expiry: ChainEpoch = 0
        var seqNo: UInt64 = 0
        try reader.readMapFields { key, reader in
            switch key {
            case "Price": price = try reader.bigInt()
            case "VerifiedPrice": verifiedPrice = try reader.bigInt()
            case "MinPieceSize": minPieceSize = try reader.unsigned()
            case "MaxPieceSize": maxPieceSize = try reader.unsigned()
            case "Miner": miner = try reader.address()
            case "Timestamp": timestamp = try reader.integer()
            case "Expiry": expiry = try reader.integer()
            case "SeqNo": seqNo = try reader.unsigned()
            default: return false
            }
            return true
        }
        self.init(
            price: price, verifiedPrice: verifiedPrice, minPieceSize: minPieceSize, maxPieceSize: maxPieceSize,
            miner: try requiredField(miner, "Miner"), timestamp: timestamp, expiry: expiry, seqNo: seqNo)
    }
}
