import ChainTypes
import Multiformats

/// What a provider reports about one deal (go-fil-markets `storagemarket.ProviderDealState`), inside a
/// ``DealStatusResponse``.
///
/// CBOR: a map with keys `State` (uint), `Message` (text), `Proposal` (the 11-field ``ChainTypes/DealProposal``
/// tuple, or null), `ProposalCid`, `AddFundsCid`, `PublishCid` (CID or null), `DealID` (uint) and
/// `FastRetrieval` (bool). v1.28 writes `State`, `DealID`, `Message`, `Proposal`, `PublishCid`, `AddFundsCid`,
/// `ProposalCid`, `FastRetrieval`; earlier releases the field order just given.
public struct ProviderDealState: CBORMapEncoded {
    public static let goTypeName = "ProviderDealState"

    /// The deal state (go-fil-markets `StorageDealStatus`).
    public var state: UInt64
    /// The provider's note on the state (why it failed, …).
    public var message: String
    /// The deal proposal.
    public var proposal: DealProposal?
    /// The proposal CID.
    public var proposalCID: CID?
    /// The provider's `AddBalance` message, if it sent one.
    public var addFundsCID: CID?
    /// The `PublishStorageDeals` message, once sent.
    public var publishCID: CID?
    /// The on-chain deal ID, once published (0 before).
    public var dealID: UInt64
    /// Whether the provider keeps an unsealed copy.
    public var fastRetrieval: Bool

    /// Creates a deal state.
    public init(
        state: UInt64, message: String = "", proposal: DealProposal?, proposalCID: CID?, addFundsCID: CID? = nil,
        publishCID: CID? = nil, dealID: UInt64 = 0, fastRetrieval: Bool = false
    ) {
        self.state = state
        self.message = message
        self.proposal = proposal
        self.proposalCID = proposalCID
        self.addFundsCID = addFundsCID
        self.publishCID = publishCID
        self.dealID = dealID
        self.fastRetrieval = fastRetrieval
    }

    /// The bytes the provider's worker key signs for ``DealStatusResponse/signature`` (go-fil-markets
    /// `cborutil.Dump(&resp.DealState)`), in v1.28's canonical key order; a provider on v1.27 or older signed
    /// `encoded(keyOrder: .goFieldOrder)`.
    public var signingBytes: [UInt8] { encoded }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("State") { $0.unsigned(state) }
        map.field("Message") { $0.textString(message) }
        map.field("Proposal") { cbor in
            if let proposal { cbor.raw(proposal.cborBytes) } else { cbor.null() }
        }
        map.field("ProposalCid") { $0.optionalCID(proposalCID) }
        map.field("AddFundsCid") { $0.optionalCID(addFundsCID) }
        map.field("PublishCid") { $0.optionalCID(publishCID) }
        map.field("DealID") { $0.unsigned(dealID) }
        map.field("FastRetrieval") { $0.bool(fastRetrieval) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var state: UInt64 = 0
        var message = ""
        var proposal: DealProposal?
        var proposalCID: CID?
        var addFundsCID: CID?
        var publishCID: CID?
        var dealID: UInt64 = 0
        var fastRetrieval = false
        try reader.readMapFields { key, reader in
            switch key {
            case "State": state = try reader.unsigned()
            case "Message": message = try reader.boundedText()
            case "Proposal": proposal = reader.null() ? nil : try DealProposal(marketCBOR: &reader)
            case "ProposalCid": proposalCID = try reader.optionalCID()
            case "AddFundsCid": addFundsCID = try reader.optionalCID()
            case "PublishCid": publishCID = try reader.optionalCID()
            case "DealID": dealID = try reader.unsigned()
            case "FastRetrieval": fastRetrieval = try reader.bool()
            default: return false
            }
            return true
        }
        self.init(
            state: state, message: message, proposal: proposal, proposalCID: proposalCID, addFundsCID: addFundsCID,
            publishCID: publishCID, dealID: dealID, fastRetrieval: fastRetrieval)
    }
}
