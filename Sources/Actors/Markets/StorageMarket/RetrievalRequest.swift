import ChainTypes
import Multiformats

/// What a client asks on ``StorageMarketProtocol/retrieval``: the payload (data CID) it wants, as the CAR a deal stored.
///
/// CBOR: a map with the one key `PayloadCID` (tag 42).
public struct RetrievalRequest: CBORMapEncoded {
    public static let goTypeName = "RetrievalRequest"

    public var payloadCID: CID

    public init(payloadCID: CID) { self.payloadCID = payloadCID }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("PayloadCID") { $0.cidLink(binary: payloadCID.bytes) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var payload: CID?
        try reader.readMapFields { key, reader in
            guard key == "PayloadCID" else { return false }
            payload = try reader.cid()
            return true
        }
        self.init(payloadCID: try requiredField(payload, "PayloadCID"))
    }
}
