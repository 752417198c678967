import APICore
import ChainTypes
import Foundation
import FullNodeAPI
import Logging
import MarketsAPI
import MinerConfig
import Multiformats
import PieceCommitment
import StorageMarket
import SubsystemSupport

/// Storage deal proposals as they arrive on the deal protocol, and offline data (go-fil-markets
/// `storagemarket/impl/provider.go`): each deal is stored before it is checked, and every decision is stored before
/// the client hears it.
extension MarketsActor {
    /// Takes a proposal from `client` (a libp2p peer ID): validates it, applies the acceptance policy and the
    /// operator's filter, and returns the deal as decided — WaitingForData when accepted, Error with the reason
    /// (``StorageMarket/MinerDeal/message``) when rejected. A proposal already received is answered with its deal.
    public func receiveProposal(_ proposal: ClientDealProposal, ref: DataRef, fastRetrieval: Bool, client: String) async throws -> MinerDeal {
        let cid = proposal.proposal.cid
        if let known = try deals.deal(cid) { return known }
        var deal = MinerDeal(
            proposal: proposal, ref: ref, fastRetrieval: fastRetrieval, miner: peerID, client: client,
            creationTime: PendingDealInfo.format(Date()))
        deal = try advance(deal, .open)
        do {
            let chain = try requireChain()
            let provider = try await identity()
            let head = try await chain.call(\.chainHead).height
            if let reason = try await validate(proposal, provider: provider, head: head, chain: chain) {
                return try reject(deal, reason)
            }
            deal = try advance(deal, .dealDeciding)
            let settings = await config.current()
            let facts = DealAcceptance.Facts(
                head: head, blockDelaySeconds: max(provider.network.blockDelayMillis / 1000, 1), stagingBytes: staging.bytesUsed())
            if let reason = DealAcceptance.reject(deal, config: settings.dealmaking, facts: facts) {
                return try reject(deal, reason)
            }
            if !settings.dealmaking.filter.isEmpty {
                let verdict = await FilterCommand(command: settings.dealmaking.filter).run(input: try Self.filterInput(deal))
                if case .reject(let output) = verdict { return try reject(deal, output) }
            }
            deal = try advance(deal, .dataRequested)
            logger.info("deal accepted", metadata: ["proposal": "\(cid)", "client": "\(client)", "offline": "\(ref.isOffline)"])
            return deal
        } catch {
            // Lotus tells the client "miner error" for what went wrong on the provider's side.
            logger.warning("deal proposal could not be decided", metadata: ["proposal": "\(cid)", "error": "\(error)"])
            return try reject(deal, "miner error: \(error)")
        }
    }

    /// `DealsImportData`: the data of offline deal `cid`, from `path` on this node. The data is staged and its
    /// commitment checked against the proposal's piece CID; a match moves the deal on to funding and publishing.
    public func importDealData(_ cid: CID, path: String) async throws {
        guard var deal = try deals.deal(cid) else {
            throw RPCError(.methodError, "no deal with proposal CID \(cid); `lotus-miner storage-deals list` shows the deals")
        }
        guard deal.ref.isOffline else {
            throw RPCError(.methodError, "deal \(cid) is an online deal; its client sends the data")
        }
        guard deal.state == .waitingForData else {
            throw RPCError(.methodError, "deal \(cid) is \(deal.state.name), not waiting for data")
        }
        let pieceSize: PaddedPieceSize
        do {
            pieceSize = try PaddedPieceSize(validating: deal.proposal.pieceSize)
        } catch {
            throw RPCError(.methodError, "deal \(cid) has an invalid piece size \(deal.proposal.pieceSize)")
        }
        let staged: (path: String, pieceCID: CID)
        do {
            staged = try await staging.stage(from: path, for: cid, pieceSize: pieceSize)
        } catch let error as RPCError {
            deal = try advance(deal, .dataVerificationFailed("importing \(path): \(error.message)"))
            drive(cid)
            throw error
        }
        guard staged.pieceCID == deal.proposal.pieceCID else {
            staging.remove(staged.path)
            let reason = "given data does not match expected commP (got: \(staged.pieceCID), expected \(deal.proposal.pieceCID))"
            _ = try advance(deal, .dataVerificationFailed(reason))
            drive(cid)
            throw RPCError(.methodError, reason)
        }
        try indexPayload(of: deal, stagedAt: staged.path)
        _ = try advance(deal, .verifiedData(path: staged.path))
        drive(cid)
    }

    /// `MarketListIncompleteDeals`: every deal this provider has taken, oldest first.
    public func listIncompleteDeals() async throws -> [MinerDeal] {
        try deals.all()
    }

    /// `MarketPendingDeals`.
    public func pendingDeals() async throws -> PendingDealInfo {
        try await publisher().pending()
    }

    /// `MarketPublishPendingDeals`.
    public func publishPendingDeals() async throws {
        try await publisher().publishNow()
    }

    /// The proposal checks with the facts they need from the chain.
    private func validate(_ proposal: ClientDealProposal, provider: ProviderIdentity, head: ChainEpoch, chain: SubsystemRef<FullNodeMethods>) async throws
        -> String?
    {
        let p = proposal.proposal
        let clientKey = try? await chain.call(\.stateAccountKey, p.client, nil)
        let balance = try? await chain.call(\.stateMarketBalance, p.client, nil)
        let available = balance.map { TokenAmount(attoFIL: max(0, $0.escrow.attoFIL - $0.locked.attoFIL)) } ?? .zero
        var aliases: Set<Address> = [provider.miner]
        if let robust = try? await chain.call(\.stateLookupID, p.provider, nil), robust == provider.miner { aliases.insert(p.provider) }
        guard let ask = try await getAsk().ask else { throw RPCError(.methodError, "the provider's stored ask is empty") }
        let facts = ProposalValidation.Facts(
            provider: provider.miner, providerAliases: aliases, head: head, network: provider.network, clientKey: clientKey,
            clientAvailable: available, askPrice: ask.price, askVerifiedPrice: ask.verifiedPrice, minPieceSize: ask.minPieceSize,
            maxPieceSize: ask.maxPieceSize)
        return ProposalValidation.reject(proposal, facts: facts)
    }

    /// Rejects `deal` with `reason`: Rejecting, then (the client is told by the caller) Failing and Error.
    private func reject(_ deal: MinerDeal, _ reason: String) throws -> MinerDeal {
        logger.info("deal rejected", metadata: ["proposal": "\(deal.proposalCid)", "reason": "\(reason)"])
        var deal = try advance(deal, .dealRejected(reason))
        deal = try advance(deal, .rejectionSent)
        return try advance(deal, .failed)
    }

    /// What the filter reads on stdin: the deal's fields (the proposal's embedded) and `"DealType":"storage"`,
    /// indented as Go's `json.MarshalIndent(v, "", "  ")`.
    static func filterInput(_ deal: MinerDeal) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard var object = try JSONSerialization.jsonObject(with: encoder.encode(deal)) as? [String: Any] else { return [] }
        object["DealType"] = "storage"
        let compact = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return Array(GoJSONIndent.indent(Array(compact)).utf8)
    }
}
