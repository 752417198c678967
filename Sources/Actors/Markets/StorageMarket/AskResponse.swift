import ChainTypes

/// The provider's answer on `/fil/storage/ask/1.1.0` (go-fil-markets `network.AskResponse`).
///
/// CBOR: a map with the one key `Ask` (a ``SignedStorageAsk`` map, or null).
public struct AskResponse: CBORMapEncoded {
    public static let goTypeName = "AskResponse"

    /// The signed ask; `nil` when the provider has none (go-fil-markets clients treat that as an error).
    public var ask: SignedStorageAsk?

    /// Creates a response.
    public init(ask: SignedStorageAsk?) { self.ask = ask }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("Ask") { cbor in
            if let ask { ask.write(to: &cbor, keyOrder: keyOrder) } else { cbor.null() }
        }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var ask: SignedStorageAsk?
        try reader.readMapFields { key, reader in
            guard key == "Ask" else { return false }
            ask = reader.null() ? nil : try SignedStorageAsk(cbor: &reader)
            return true
        }
        self.init(ask: ask)
    }
}
