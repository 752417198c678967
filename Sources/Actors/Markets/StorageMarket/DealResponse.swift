import ChainTypes
import Multiformats

/// The provider's answer to a deal proposal (go-fil-markets `network.Response`), inside a ``SignedDealResponse``.
///
/// CBOR: a map with keys `State` (uint, a `StorageDealStatus`), `Message` (text), `Proposal` (CID) and
/// `PublishMessage` (CID or null), in that order in every release (it is both the field order and the canonical
/// order).
public struct DealResponse: CBORMapEncoded {
    public static let goTypeName = "Response"

    /// The deal state (go-fil-markets `StorageDealStatus`: 2 `ProposalRejected`, 3 `ProposalAccepted`, …).
    public var state: UInt64
    /// Why the proposal was rejected; empty otherwise.
    public var message: String
    /// The proposal CID (``ChainTypes/DealProposal/cid``) this answers.
    public var proposal: CID
    /// The `PublishStorageDeals` message CID, once there is one.
    public var publishMessage: CID?

    /// Creates a response.
    public init(state: UInt64, message: String = "", proposal: CID, publishMessage: CID? = nil) {
        self.state = state
        self.message = message
        self.proposal = proposal
        self.publishMessage = publishMessage
    }

    /// The bytes the provider's worker key signs for ``SignedDealResponse/signature`` (go-fil-markets
    /// `cborutil.Dump(&resp.Response)`): this response's CBOR; both key orders give the same bytes.
    public var signingBytes: [UInt8] { encoded }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("State") { $0.unsigned(state) }
        map.field("Message") { $0.textString(message) }
        map.field("Proposal") { $0.cid(proposal) }
        map.field("PublishMessage") { $0.optionalCID(publishMessage) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var state: UInt64 = 0
        var message = ""
        var proposal: CID?
        var publishMessage: CID?
        try reader.readMapFields { key, reader in
            switch key {
            case "State": state = try reader.unsigned()
            case "Message": message = try reader.boundedText()
            case "Proposal": proposal = try reader.cid()
            case "PublishMessage": publishMessage = try reader.optionalCID()
            default: return false
            }
            return true
        }
        self.init(state: state, message: message, proposal: try requiredField(proposal, "Proposal"), publishMessage: publishMessage)
    }
}
