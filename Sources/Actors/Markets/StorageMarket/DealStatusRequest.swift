import ChainTypes
import Multiformats

/// What a client sends on `/fil/storage/status/1.1.0` (go-fil-markets `network.DealStatusRequest`).
///
/// CBOR: a map with keys `Proposal` (CID) and `Signature` (signature bytes; a value, not a pointer, in Go, so never
/// null), in that order in every release.
public struct DealStatusRequest: CBORMapEncoded {
    public static let goTypeName = "DealStatusRequest"

    /// The proposal CID of the deal asked about.
    public var proposal: CID
    /// The deal client's signature over ``signingBytes(proposal:)``.
    public var signature: Signature

    /// Creates a request.
    public init(proposal: CID, signature: Signature) {
        self.proposal = proposal
        self.signature = signature
    }

    /// The bytes the client signs and the provider checks against the deal's client address (go-fil-markets
    /// `cborutil.Dump(&proposalCid)`): the proposal CID as a CBOR link, tag 42 over `0x00 ‖ CID`.
    public static func signingBytes(proposal: CID) -> [UInt8] {
        var cbor = CBORWriter()
        cbor.cid(proposal)
        return cbor.bytes
    }

    /// ``signingBytes(proposal:)`` for this request's proposal.
    public var signingBytes: [UInt8] { Self.signingBytes(proposal: proposal) }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("Proposal") { $0.cid(proposal) }
        map.field("Signature") { $0.signature(signature) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var proposal: CID?
        var signature: Signature?
        try reader.readMapFields { key, reader in
            switch key {
            case "Proposal": proposal = try reader.cid()
            case "Signature": signature = try reader.signature()
            default: return false
            }
            return true
        }
        self.init(proposal: try requiredField(proposal, "Proposal"), signature: try requiredField(signature, "Signature"))
    }
}
