import ChainTypes

/// What a client sends on `/fil/storage/ask/1.1.0` (go-fil-markets `network.AskRequest`).
///
/// CBOR: a map with the one key `Miner` (address bytes).
public struct AskRequest: CBORMapEncoded {
    public static let goTypeName = "AskRequest"

    /// The provider whose ask is wanted.
    public var miner: Address

    /// Creates a request.
    public init(miner: Address) { self.miner = miner }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("Miner") { $0.byteString(miner.bytes) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var miner: Address?
        try reader.readMapFields { key, reader in
            guard key == "Miner" else { return false }
            miner = try reader.address()
            return true
        }
        self.init(miner: try requiredField(miner, "Miner"))
    }
}
