import ChainTypes

/// The provider's answer on `/fil/storage/status/1.1.0` (go-fil-markets `network.DealStatusResponse`).
///
/// CBOR: a map with keys `DealState` (a ``ProviderDealState`` map) and `Signature` (signature bytes, never null),
/// in that order in every release.
public struct DealStatusResponse: CBORMapEncoded {
    public static let goTypeName = "DealStatusResponse"

    /// The deal's state.
    public var dealState: ProviderDealState
    /// The provider worker's signature over ``ProviderDealState/signingBytes``.
    public var signature: Signature

    /// Creates a response.
    public init(dealState: ProviderDealState, signature: Signature) {
        self.dealState = dealState
        self.signature = signature
    }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("DealState") { dealState.write(to: &$0, keyOrder: keyOrder) }
        map.field("Signature") { $0.signature(signature) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var dealState: ProviderDealState?
        var signature: Signature?
        try reader.readMapFields { key, reader in
            switch key {
            case "DealState": dealState = try ProviderDealState(cbor: &reader)
            case "Signature": signature = try reader.signature()
            default: return false
            }
            return true
        }
        self.init(dealState: try requiredField(dealState, "DealState"), signature: try requiredField(signature, "Signature"))
    }
}
