import ChainTypes
import Multiformats

/// A storage deal as the provider keeps it (go-fil-markets `storagemarket.MinerDeal`): the signed proposal and
/// everything learnt since. The JSON is Lotus's `MarketListIncompleteDeals` shape, and the record the markets node
/// persists under `/deals/provider/<ProposalCid>`.
public struct MinerDeal: Sendable, Hashable, Codable {
    /// The proposal as the client signed it.
    public var proposal: DealProposal
    public var clientSignature: Signature
    /// The proposal's CID: the deal's name until it has a deal ID.
    public var proposalCid: CID
    /// The market `AddBalance` message that reserved the provider's collateral, if one was needed.
    public var addFundsCid: CID?
    /// The `PublishStorageDeals` message.
    public var publishCid: CID?
    /// The provider's and the client's libp2p peer IDs.
    public var miner: String
    public var client: String
    public var state: StorageDealStatus
    /// The staged data (the CAR as received or imported), until the piece is handed to sealing.
    public var piecePath: String
    public var metadataPath: String
    /// The epoch the deal was slashed at (0: not slashed).
    public var slashEpoch: ChainEpoch
    public var fastRetrieval: Bool
    /// Why the deal failed or was rejected; progress notes otherwise.
    public var message: String
    /// Provider collateral reserved in escrow for this deal.
    public var fundsReserved: TokenAmount
    public var ref: DataRef
    public var availableForRetrieval: Bool
    /// The on-chain deal ID, once published.
    public var dealID: UInt64
    /// When the proposal arrived (RFC 3339).
    public var creationTime: String
    public var transferChannelId: String?
    /// The sector the piece went into, once handed off.
    public var sectorNumber: UInt64
    public var inboundCAR: String

    /// A deal as it arrives: `state` Unknown, nothing learnt yet.
    public init(proposal: ClientDealProposal, ref: DataRef, fastRetrieval: Bool, miner: String, client: String, creationTime: String) {
        self.proposal = proposal.proposal
        self.clientSignature = proposal.clientSignature
        self.proposalCid = proposal.proposal.cid
        self.miner = miner
        self.client = client
        self.state = .unknown
        self.piecePath = ""
        self.metadataPath = ""
        self.slashEpoch = 0
        self.fastRetrieval = fastRetrieval
        self.message = ""
        self.fundsReserved = .zero
        self.ref = ref
        self.availableForRetrieval = false
        self.dealID = 0
        self.creationTime = creationTime
        self.sectorNumber = 0
        self.inboundCAR = ""
    }

    /// The signed proposal, as published on chain.
    public var clientDealProposal: ClientDealProposal { ClientDealProposal(proposal: proposal, clientSignature: clientSignature) }

    enum CodingKeys: String, CodingKey {
        case proposal = "Proposal", clientSignature = "ClientSignature", proposalCid = "ProposalCid", addFundsCid = "AddFundsCid"
        case publishCid = "PublishCid", miner = "Miner", client = "Client", state = "State", piecePath = "PiecePath"
        case metadataPath = "MetadataPath", slashEpoch = "SlashEpoch", fastRetrieval = "FastRetrieval", message = "Message"
        case fundsReserved = "FundsReserved", ref = "Ref", availableForRetrieval = "AvailableForRetrieval", dealID = "DealID"
        case creationTime = "CreationTime", transferChannelId = "TransferChannelId", sectorNumber = "SectorNumber"
        case inboundCAR = "InboundCAR"
    }
}
