import ChainTypes

/// A ``StorageAsk`` with the provider worker's signature (go-fil-markets `storagemarket.SignedStorageAsk`).
///
/// CBOR: a map with keys `Ask` (a ``StorageAsk`` map, or null) and `Signature` (signature bytes, or null), in that
/// order in every release. Both are pointers in Go, so both may be null on the wire.
public struct SignedStorageAsk: CBORMapEncoded {
    public static let goTypeName = "SignedStorageAsk"

    /// The ask; `nil` only in a malformed message.
    public var ask: StorageAsk?
    /// The signature over ``StorageAsk/signingBytes``; `nil` only in a malformed message.
    public var signature: Signature?

    /// Creates a signed ask.
    public init(ask: StorageAsk?, signature: Signature?) {
        self.ask = ask
        self.signature = signature
    }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("Ask") { cbor in
            if let ask { ask.write(to: &cbor, keyOrder: keyOrder) } else { cbor.null() }
        }
        map.field("Signature") { $0.optionalSignature(signature) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var ask: StorageAsk?
        var signature: Signature?
        try reader.readMapFields { key, reader in
            switch key {
            case "Ask": ask = reader.null() ? nil : try StorageAsk(cbor: &reader)
            case "Signature": signature = try reader.optionalSignature()
            default: return false
            }
            return true
        }
        self.init(ask: ask, signature: signature)
    }
}
