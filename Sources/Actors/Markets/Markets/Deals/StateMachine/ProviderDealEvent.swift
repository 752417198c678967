import ChainTypes
import Multiformats

/// What happens to a provider's deal (go-fil-markets `storagemarket.ProviderEvent`), with the data each event
/// records. ``ProviderDealMachine`` says where each one leads.
public enum ProviderDealEvent: Sendable, Equatable {
    /// The proposal arrived and is stored: validation starts.
    case open
    /// The proposal is valid; the acceptance checks and the filter decide.
    case dealDeciding
    /// Refused, with the reason the client is told.
    case dealRejected(String)
    /// The client has been told of the rejection.
    case rejectionSent
    /// Accepted: the provider waits for the data (pushed, or imported for an offline deal).
    case dataRequested
    /// The client started pushing the data.
    case dataTransferInitiated(channel: String)
    /// The pushed data is staged at `path`.
    case dataTransferCompleted(path: String)
    case dataTransferFailed(String)
    /// The staged data's commitment equals the proposal's piece CID.
    case verifiedData(path: String)
    case dataVerificationFailed(String)
    /// Collateral is being added to the provider's escrow by message `cid`.
    case fundingInitiated(CID)
    /// The provider's escrow covers the deal; `reserved` is what this deal holds of it.
    case funded(reserved: TokenAmount)
    case fundingFailed(String)
    /// The deal joined a `PublishStorageDeals` message.
    case dealPublishInitiated(CID)
    /// The message landed and gave the deal `dealID`.
    case dealPublished(dealID: UInt64)
    case dealPublishFailed(String)
    /// The piece went into `sector` (SectorAddPieceToAny returned).
    case dealHandedOff(sector: UInt64)
    case dealHandOffFailed(String)
    /// The sector's pre-commit landed on chain.
    case dealPrecommitted
    /// The sector's prove-commit activated the deal.
    case dealActivated
    case finalized
    case dealSlashed(epoch: ChainEpoch)
    case dealExpired
    /// The deal is given up after a failure.
    case failed
    /// The node restarted: in-flight steps that cannot resume fail or wait, as go-fil-markets does.
    case restart

    /// The event's name as go-fil-markets spells it (`ProviderEventDealPublished`).
    public var name: String {
        switch self {
        case .open: "ProviderEventOpen"
        case .dealDeciding: "ProviderEventDealDeciding"
        case .dealRejected: "ProviderEventDealRejected"
        case .rejectionSent: "ProviderEventRejectionSent"
        case .dataRequested: "ProviderEventDataRequested"
        case .dataTransferInitiated: "ProviderEventDataTransferInitiated"
        case .dataTransferCompleted: "ProviderEventDataTransferCompleted"
        case .dataTransferFailed: "ProviderEventDataTransferFailed"
        case .verifiedData: "ProviderEventVerifiedData"
        case .dataVerificationFailed: "ProviderEventDataVerificationFailed"
        case .fundingInitiated: "ProviderEventFundingInitiated"
        case .funded: "ProviderEventFunded"
        case .fundingFailed: "ProviderEventNodeErrored"
        case .dealPublishInitiated: "ProviderEventDealPublishInitiated"
        case .dealPublished: "ProviderEventDealPublished"
        case .dealPublishFailed: "ProviderEventDealPublishError"
        case .dealHandedOff: "ProviderEventDealHandedOff"
        case .dealHandOffFailed: "ProviderEventDealHandoffFailed"
        case .dealPrecommitted: "ProviderEventDealPrecommitted"
        case .dealActivated: "ProviderEventDealActivated"
        case .finalized: "ProviderEventFinalized"
        case .dealSlashed: "ProviderEventDealSlashed"
        case .dealExpired: "ProviderEventDealExpired"
        case .failed: "ProviderEventFailed"
        case .restart: "ProviderEventRestart"
        }
    }

    /// The failure the event reports, if it is one.
    public var failure: String? {
        switch self {
        case .dealRejected(let why), .dataTransferFailed(let why), .dataVerificationFailed(let why), .fundingFailed(let why),
            .dealPublishFailed(let why), .dealHandOffFailed(let why):
            why
        default: nil
        }
    }
}
