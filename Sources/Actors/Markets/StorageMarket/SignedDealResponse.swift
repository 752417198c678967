import ChainTypes

/// The message a provider writes back on `/fil/storage/mk/1.1.0` (go-fil-markets `network.SignedResponse`).
///
/// CBOR: a map with keys `Response` (a ``DealResponse`` map) and `Signature` (signature bytes or null), in that
/// order in every release.
public struct SignedDealResponse: CBORMapEncoded {
    public static let goTypeName = "SignedResponse"

    /// The response.
    public var response: DealResponse
    /// The provider worker's signature over ``DealResponse/signingBytes``; `nil` only in a malformed message.
    public var signature: Signature?

    /// Creates a signed response.
    public init(response: DealResponse, signature: Signature?) {
        self.response = response
        self.signature = signature
    }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("Response") { response.write(to: &$0, keyOrder: keyOrder) }
        map.field("Signature") { $0.optionalSignature(signature) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var response: DealResponse?
        var signature: Signature?
        try reader.readMapFields { key, reader in
            switch key {
            case "Response": response = try DealResponse(cbor: &reader)
            case "Signature": signature = try reader.optionalSignature()
            default: return false
            }
            return true
        }
        self.init(response: try requiredField(response, "Response"), signature: signature)
    }
}
