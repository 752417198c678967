import StorageMarket

/// The provider's deal transitions, all in one place (go-fil-markets `storagemarket/impl/providerstates/provider_fsm.go`):
/// which event a deal may take in which state, where it goes, and what the event records. A pure function over values,
/// so every edge is tested without a chain; the provider persists the result before it acts on it.
public enum ProviderDealMachine {
    /// Why an event cannot be taken.
    public struct RefusedTransition: Error, Equatable, CustomStringConvertible {
        public var state: StorageDealStatus
        public var event: String
        public var description: String { "deal in state \(state.name) cannot take \(event)" }
    }

    /// `deal` after `event`: the new state and the data the event carries.
    /// - Throws: ``RefusedTransition`` when the event does not apply in the deal's state (the deal is unchanged).
    public static func apply(_ event: ProviderDealEvent, to deal: MinerDeal) throws(RefusedTransition) -> MinerDeal {
        var next = deal
        next.state = try target(of: event, from: deal.state)
        switch event {
        case .dataTransferInitiated(let channel): next.transferChannelId = channel
        case .dataTransferCompleted(let path), .verifiedData(let path): next.piecePath = path
        case .fundingInitiated(let cid): next.addFundsCid = cid
        case .funded(let reserved): next.fundsReserved = reserved
        case .dealPublishInitiated(let cid): next.publishCid = cid
        case .dealPublished(let id): next.dealID = id
        case .dealHandedOff(let sector): next.sectorNumber = sector
        case .finalized: next.availableForRetrieval = true
        case .dealSlashed(let epoch): next.slashEpoch = epoch
        default: break
        }
        if let failure = event.failure {
            next.message = failure
        } else if event == .restart, next.state == .error, deal.state != .error {
            next.message = "the markets node restarted while the deal was \(deal.state.name); the client must propose again"
        }
        return next
    }

    /// The state `event` leads to from `state`.
    /// - Throws: ``RefusedTransition``.
    static func target(of event: ProviderDealEvent, from state: StorageDealStatus) throws(RefusedTransition) -> StorageDealStatus {
        switch (state, event) {
        case (.unknown, .open): return .validating
        case (.validating, .dealDeciding): return .acceptWait
        case (.validating, .dealRejected), (.acceptWait, .dealRejected), (.verifyData, .dealRejected): return .rejecting
        case (.rejecting, .rejectionSent): return .failing
        case (.acceptWait, .dataRequested): return .waitingForData

        // Data: pushed by the client (online) or imported by the operator (offline).
        case (.waitingForData, .dataTransferInitiated), (.providerTransferAwaitRestart, .dataTransferInitiated): return .transferring
        case (.transferring, .dataTransferCompleted): return .verifyData
        case (.startDataTransfer, .dataTransferFailed), (.transferring, .dataTransferFailed),
            (.providerTransferAwaitRestart, .dataTransferFailed), (.waitingForData, .dataTransferFailed):
            return .failing
        case (.verifyData, .verifiedData), (.waitingForData, .verifiedData): return .reserveProviderFunds
        case (.verifyData, .dataVerificationFailed), (.waitingForData, .dataVerificationFailed): return .failing

        // Funds, publishing, hand-off.
        case (.reserveProviderFunds, .fundingInitiated): return .providerFunding
        case (.reserveProviderFunds, .funded), (.providerFunding, .funded): return .publish
        case (.reserveProviderFunds, .fundingFailed), (.providerFunding, .fundingFailed): return .failing
        case (.publish, .dealPublishInitiated): return .publishing
        // From Publish too: the node stopped after its batch was sent but before the deal recorded the message, and on
        // restart finds the deal on chain already (so it is never published twice).
        case (.publishing, .dealPublished), (.publish, .dealPublished): return .staged
        case (.publish, .dealPublishFailed), (.publishing, .dealPublishFailed): return .failing
        case (.staged, .dealHandedOff): return .awaitingPreCommit
        case (.staged, .dealHandOffFailed): return .failing

        // The chain: pre-commit, activation, the deal's end.
        case (.awaitingPreCommit, .dealPrecommitted): return .sealing
        case (.awaitingPreCommit, .dealActivated), (.sealing, .dealActivated): return .finalizing
        case (.finalizing, .finalized): return .active
        case (.awaitingPreCommit, .dealSlashed), (.sealing, .dealSlashed), (.finalizing, .dealSlashed), (.active, .dealSlashed):
            return .slashed
        case (.awaitingPreCommit, .dealExpired), (.sealing, .dealExpired), (.active, .dealExpired): return .expired

        case (.failing, .failed): return .error

        // A restart: a deal whose client was mid-conversation cannot be answered any more; a transfer waits for the
        // client to resume it; every other state resumes where it was.
        case (.validating, .restart), (.acceptWait, .restart), (.rejecting, .restart): return .error
        case (.transferring, .restart): return .providerTransferAwaitRestart
        case (_, .restart): return state

        default: throw RefusedTransition(state: state, event: event.name)
        }
    }
}
