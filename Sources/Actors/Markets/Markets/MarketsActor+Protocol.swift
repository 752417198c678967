import APICore
import ChainTypes
import FullNodeAPI
import StorageMarket

/// The answers on the storage-market protocols (`StorageProviderProtocols` frames them on the libp2p host).
extension MarketsActor: StorageProviderHandling {
    /// A proposal: decided (``receiveProposal(_:ref:fastRetrieval:client:)``), answered WaitingForData or
    /// ProposalRejected with the reason, signed by the worker.
    public func handleProposal(_ message: DealProposalMessage, from client: String) async throws -> SignedDealResponse {
        guard let proposal = message.dealProposal, let ref = message.piece else {
            throw RPCError(.invalidParams, "a deal proposal needs both DealProposal and Piece")
        }
        let deal = try await receiveProposal(proposal, ref: ref, fastRetrieval: message.fastRetrieval, client: client)
        let accepted = !deal.state.isFailure
        let response = DealResponse(
            state: accepted ? StorageDealStatus.waitingForData.rawValue : StorageDealStatus.proposalRejected.rawValue,
            message: accepted ? "" : deal.message, proposal: deal.proposalCid, publishMessage: deal.publishCid)
        return SignedDealResponse(response: response, signature: try await signAsWorker(response.signingBytes))
    }

    public func handleAsk(_ request: AskRequest) async throws -> AskResponse {
        guard try await identity().miner == (try await requireChain().call(\.stateLookupID, request.miner, nil)) else {
            return AskResponse(ask: nil)
        }
        return AskResponse(ask: try await getAsk())
    }

    /// A deal's state for its client: the request must be signed by the proposal's client.
    public func handleStatus(_ request: DealStatusRequest) async throws -> DealStatusResponse {
        guard let deal = try deals.deal(request.proposal) else {
            let state = ProviderDealState(
                state: StorageDealStatus.proposalNotFound.rawValue, message: "no deal with proposal \(request.proposal)", proposal: nil,
                proposalCID: request.proposal)
            return DealStatusResponse(dealState: state, signature: try await signAsWorker(state.signingBytes))
        }
        let clientKey = try await requireChain().call(\.stateAccountKey, deal.proposal.client, nil)
        do {
            try WalletKey.verify(request.signature, data: request.signingBytes, signer: clientKey)
        } catch {
            throw RPCError(.unauthorized, "deal status request for \(request.proposal) is not signed by the deal's client: \(error)")
        }
        let state = ProviderDealState(
            state: deal.state.rawValue, message: deal.message, proposal: deal.proposal, proposalCID: deal.proposalCid,
            addFundsCID: deal.addFundsCid, publishCID: deal.publishCid, dealID: deal.dealID, fastRetrieval: deal.fastRetrieval)
        return DealStatusResponse(dealState: state, signature: try await signAsWorker(state.signingBytes))
    }
}
