import ChainTypes
import ClientAPI
import Multiformats
import StorageMarket

/// A storage deal as the client keeps it (go-fil-markets `storagemarket.ClientDeal`): the signed proposal, the
/// provider it went to, and what the provider last said. Persisted as JSON with go-fil-markets' field names under
/// `/deals/client/<ProposalCid>` in the daemon's metadata datastore.
struct ClientDeal: Sendable, Hashable, Codable {
    var proposal: DealProposal
    var clientSignature: Signature
    var proposalCid: CID
    /// The `AddBalance` message that topped up the client's escrow for this deal, if one was needed.
    var addFundsCid: CID?
    var state: StorageDealStatus
    /// The provider's libp2p peer ID, where status requests go.
    var miner: String
    /// The miner's worker key address, which signs the provider's answers.
    var minerWorker: Address
    var dealID: UInt64
    var dataRef: DataRef
    var message: String
    var publishMessage: CID?
    var slashEpoch: ChainEpoch
    /// Status requests answered, and those that failed (the provider unreachable, a bad answer).
    var pollRetryCount: UInt64
    var pollErrorCount: UInt64
    var fastRetrieval: Bool
    /// Escrow this deal holds reserved until the provider publishes it (then the market actor locks it) or it fails.
    var fundsReserved: TokenAmount
    /// When the deal was proposed (RFC 3339).
    var creationTime: String

    enum CodingKeys: String, CodingKey {
        case proposal = "Proposal", clientSignature = "ClientSignature", proposalCid = "ProposalCid", addFundsCid = "AddFundsCid"
        case state = "State", miner = "Miner", minerWorker = "MinerWorker", dealID = "DealID", dataRef = "DataRef", message = "Message"
        case publishMessage = "PublishMessage", slashEpoch = "SlashEpoch", pollRetryCount = "PollRetryCount"
        case pollErrorCount = "PollErrorCount", fastRetrieval = "FastRetrieval", fundsReserved = "FundsReserved"
        case creationTime = "CreationTime"
    }

    /// Whether the deal needs no more status requests: it failed, or the chain ended it.
    var isFinal: Bool { state == .error || state == .expired || state == .slashed }

    /// Whether the deal still holds escrow reserved for it: it has neither failed nor been published.
    var holdsReservation: Bool { fundsReserved > .zero && !isFinal && publishMessage == nil }

    /// The summary `ClientListDeals` and `ClientGetDealInfo` return.
    var info: DealInfo {
        DealInfo(
            proposalCid: proposalCid, state: state, message: message, provider: proposal.provider, dataRef: dataRef,
            pieceCID: proposal.pieceCID, size: proposal.pieceSize - proposal.pieceSize / 128, pricePerEpoch: proposal.storagePricePerEpoch,
            duration: UInt64(clamping: proposal.duration), dealID: dealID, creationTime: creationTime, verified: proposal.verifiedDeal)
    }

    /// Marks the deal failed with `reason` (go-fil-markets' StorageDealFailing → StorageDealError), releasing its reservation.
    mutating func fail(_ reason: String) {
        state = .error
        message = reason
        fundsReserved = .zero
    }
}
