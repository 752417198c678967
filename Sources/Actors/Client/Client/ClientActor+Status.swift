import APICore
import ChainTypes
import FullNodeAPI
import Logging
import Multiformats
import StorageMarket

extension ClientActor {
    /// Refreshes every deal that is with its provider and not finished.
    func refreshOpenDeals() async {
        let open: [ClientDeal]
        do {
            open = try deals.all().filter(\.isFollowed)
        } catch {
            logger.warning("reading client deals failed", metadata: ["error": "\(error)"])
            return
        }
        for deal in open { _ = await refresh(deal) }
    }

    /// Asks the deal's provider for its state on `/fil/storage/status/1.1.0` (the request signed by the deal's client,
    /// the answer checked against the miner's worker) and stores what changed. A provider that cannot be reached or
    /// answers badly leaves the deal as it was, counted in `PollErrorCount`.
    func refresh(_ deal: ClientDeal) async -> ClientDeal {
        let key = deal.proposalCid.description
        guard deal.isFollowed, !refreshing.contains(key) else { return deal }
        refreshing.insert(key)
        defer { refreshing.remove(key) }
        var updated = deal
        do {
            let state = try await providerState(of: deal)
            apply(state, to: &updated)
            updated.pollRetryCount += 1
        } catch {
            updated.pollErrorCount += 1
            logger.warning("deal status request failed", metadata: ["proposal": "\(key)", "error": "\(Self.reason(error))"])
        }
        do {
            try deals.save(updated)
        } catch {
            logger.warning("storing a client deal failed", metadata: ["proposal": "\(key)", "error": "\(error)"])
        }
        return updated
    }

    /// The provider's signed state of `deal`.
    private func providerState(of deal: ClientDeal) async throws -> ProviderDealState {
        let peer = try PeerID(deal.miner)
        try await connect(peer) {
            let info = try await chain.call(\.stateMinerInfo, deal.proposal.provider, nil)
            return try Self.addresses(of: info, miner: deal.proposal.provider)
        }
        let signer = try await chain.call(\.stateAccountKey, deal.proposal.client, nil)
        let signature = try await chain.call(\.walletSign, signer, Base64Bytes(DealStatusRequest.signingBytes(proposal: deal.proposalCid)))
        let response = try await network.dealStatus(DealStatusRequest(proposal: deal.proposalCid, signature: signature), from: peer)
        let state = response.dealState
        try await verifyWorkerSignature(
            response.signature, over: [state.signingBytes, state.encoded(keyOrder: .goFieldOrder)], worker: deal.minerWorker,
            what: "the provider's deal status")
        if let cid = state.proposalCID, cid != deal.proposalCid {
            throw RPCError(.methodError, "the provider answered about proposal \(cid), not \(deal.proposalCid)")
        }
        return state
    }

    /// Takes the provider's state into the client's deal, as go-fil-markets' client does: a provider-side failure
    /// fails the deal with the provider's reason; publishing releases the reservation (the market actor locks the
    /// funds then). The devnet's first deal ID is 0, so the publish message, not the ID, says a deal is published.
    private func apply(_ state: ProviderDealState, to deal: inout ClientDeal) {
        guard let status = StorageDealStatus(rawValue: state.state) else {
            deal.message = "the provider reported deal state \(state.state), which this client does not know"
            return
        }
        switch status {
        case .proposalNotFound:
            deal.fail("the provider has no deal with this proposal: \(state.message)")
        case .error, .failing, .rejecting, .proposalRejected:
            deal.fail("deal failed: (State=\(state.state)) \(state.message)")
        default:
            deal.state = status
            deal.message = state.message
        }
        if let publish = state.publishCID {
            deal.publishMessage = publish
            deal.dealID = state.dealID
            deal.fundsReserved = .zero
        }
    }
}

extension ClientDeal {
    /// Whether the deal is with its provider and not finished, so its state is asked for.
    var isFollowed: Bool {
        !isFinal && ![.reserveClientFunds, .clientFunding, .fundsReserved].contains(state)
    }
}
