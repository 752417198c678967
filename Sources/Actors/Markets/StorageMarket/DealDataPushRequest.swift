import ChainTypes
import Multiformats

/// The first message on ``StorageMarketProtocol/dataPush``: which accepted deal the bytes that follow are for.
///
/// CBOR: a map with the one key `Proposal` (the proposal CID, tag 42).
public struct DealDataPushRequest: CBORMapEncoded {
    public static let goTypeName = "DealDataPushRequest"

    public var proposal: CID

    public init(proposal: CID) { self.proposal = proposal }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("Proposal") { $0.cidLink(binary: proposal.bytes) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var proposal: CID?
        try reader.readMapFields { key, reader in
            guard key == "Proposal" else { return false }
            proposal = try reader.cid()
            return true
        }
        self.init(proposal: try requiredField(proposal, "Proposal"))
    }
}
