import APICore
import ChainTypes
import ClientAPI
import Foundation
import FullNodeAPI
import Logging
import Multiformats
import StorageMarket

extension ClientActor {
    /// `ClientStartDeal` for an offline deal, in Lotus's order: the wallet, the miner's info, the start and end
    /// epochs, the proposal signed by the wallet, the client's escrow reserved (`MarketReserveFunds`), the proposal sent
    /// on `/fil/storage/mk/1.1.0`, the provider's signed answer checked. The deal is stored at each step, so a rejected
    /// or failed proposal stays listed with its reason.
    public func startDeal(_ params: StartDealParams) async throws -> CID {
        var params = params
        if !params.data.isOffline {
            // An online deal sends an imported CAR: its piece comes from the import record when not given.
            let imported = try importRecord(root: params.data.root)
            if params.data.pieceCID == nil {
                params.data.pieceCID = imported.piece.Root
                params.data.pieceSize = imported.piece.Size
            }
            params.data.rawBlockSize = imported.piece.PayloadSize
        }
        guard let pieceCID = params.data.pieceCID, params.data.pieceSize > 0 else {
            throw RPCError(
                .methodError,
                "an offline deal needs Data.PieceCid and Data.PieceSize (the unpadded piece size): "
                    + "`lotus client deal --manual-piece-cid CID --manual-piece-size N`, with both from `lotus client commP`")
        }
        let pieceSize = try DealTerms.paddedPieceSize(unpadded: params.data.pieceSize)
        try DealTerms.checkAmount(params.epochPrice, "EpochPrice")
        try DealTerms.checkAmount(params.providerCollateral, "ProviderCollateral")

        let walletKey: Address
        do {
            walletKey = try await chain.call(\.stateAccountKey, params.wallet, nil)
        } catch {
            throw RPCError(.methodError, "failed resolving params.Wallet addr (\(params.wallet)): \(Self.reason(error))")
        }
        guard try await chain.call(\.walletHas, walletKey) else {
            throw RPCError(.methodError, "provided address doesn't exist in wallet")
        }
        let info: MinerInfo
        do {
            info = try await chain.call(\.stateMinerInfo, params.miner, nil)
        } catch {
            throw RPCError(.methodError, "failed getting peer ID: \(Self.reason(error))")
        }
        let deadline = try await chain.call(\.stateMinerProvingDeadline, params.miner, nil)
        guard pieceSize <= info.sectorSize.bytes else { throw RPCError(.methodError, "data doesn't fit in a sector") }
        let provider = try Self.peer(of: info, miner: params.miner)

        var start = params.dealStartEpoch
        if start <= 0 {  // unset, or explicitly "epoch undefined"
            let head = try await chain.call(\.chainHead).height
            start = DealTerms.defaultStart(head: head, blockDelayMillis: try await chain.call(\.stateGetNetworkParams).blockDelayMillis)
        }
        let proposal = DealProposal(
            pieceCID: pieceCID, pieceSize: pieceSize, verifiedDeal: params.verifiedDeal, client: params.wallet, provider: params.miner,
            label: DealTerms.label(root: params.data.root), startEpoch: start,
            endEpoch: try DealTerms.endEpoch(start: start, minDuration: params.minBlocksDuration, deadline: deadline),
            storagePricePerEpoch: params.epochPrice, providerCollateral: params.providerCollateral, clientCollateral: .zero)
        let requirement = try DealTerms.clientRequirement(proposal)
        let signature = try await chain.call(\.walletSign, walletKey, Base64Bytes(proposal.cborBytes))
        if let existing = try deals.deal(proposal.cid) {
            throw RPCError(.methodError, "a deal with proposal CID \(proposal.cid) exists already (\(existing.state.name))")
        }
        var deal = ClientDeal(
            proposal: proposal, clientSignature: signature, proposalCid: proposal.cid, addFundsCid: nil, state: .reserveClientFunds,
            miner: provider.description, minerWorker: info.worker, dealID: 0, dataRef: params.data, message: "", publishMessage: nil,
            slashEpoch: -1, pollRetryCount: 0, pollErrorCount: 0, fastRetrieval: params.fastRetrieval, fundsReserved: requirement,
            creationTime: Self.now())
        try deals.save(deal)

        do {
            try await reserveFunds(for: &deal, wallet: walletKey)
        } catch {
            try record(&deal, failure: "reserving funds for the deal failed: \(Self.reason(error))")
            throw RPCError(.methodError, "deal \(deal.proposalCid): \(deal.message)")
        }

        let answer: SignedDealResponse
        do {
            try await connect(provider) { try Self.addresses(of: info, miner: params.miner) }
            answer = try await network.propose(
                DealProposalMessage(
                    dealProposal: ClientDealProposal(proposal: proposal, clientSignature: signature), piece: params.data,
                    fastRetrieval: params.fastRetrieval),
                to: provider)
        } catch {
            try record(&deal, failure: "sending proposal to storage provider \(params.miner) (\(provider)) failed: \(Self.reason(error))")
            throw RPCError(.methodError, "deal \(deal.proposalCid): \(deal.message)")
        }
        try await take(answer, for: &deal)
        if deal.state == .waitingForData, !deal.dataRef.isOffline { startPush(deal.proposalCid) }
        return deal.proposalCid
    }

    /// Stores what the provider answered: waiting for the data, or go-fil-markets' failure with the provider's reason.
    private func take(_ answer: SignedDealResponse, for deal: inout ClientDeal) async throws {
        let response = answer.response
        guard response.proposal == deal.proposalCid else {
            try record(&deal, failure: "provider returned proposal cid \(response.proposal) but we expected \(deal.proposalCid)")
            return
        }
        do {
            guard let signature = answer.signature else { throw RPCError(.methodError, "the provider's response carries no signature") }
            try await verifyWorkerSignature(signature, over: [response.signingBytes], worker: deal.minerWorker, what: "the deal response")
        } catch {
            try record(&deal, failure: Self.reason(error))
            return
        }
        guard response.state == StorageDealStatus.waitingForData.rawValue else {
            let name = StorageDealStatus(rawValue: response.state)?.name ?? "unknown state"
            try record(
                &deal,
                failure: "unexpected deal status while waiting for data request: \(response.state) (\(name)). Provider message: \(response.message)")
            return
        }
        deal.state = .waitingForData
        deal.message = response.message
        deal.publishMessage = response.publishMessage
        try deals.save(deal)
        logger.info("storage deal proposed", metadata: ["proposal": "\(deal.proposalCid)", "miner": "\(deal.proposal.provider)"])
    }

    /// Lotus's `MarketReserveFunds` for the client: the escrow must cover every deal's reservation (this one's
    /// included); what is missing is added with `MarketAddBalance` from the wallet, and the message waited for.
    private func reserveFunds(for deal: inout ClientDeal, wallet: Address) async throws {
        let reserved = try deals.all().filter { $0.proposal.client == deal.proposal.client && $0.holdsReservation }
            .reduce(TokenAmount.zero) { $0 + $1.fundsReserved }
        let balance = try await chain.call(\.stateMarketBalance, deal.proposal.client, nil)
        let available = balance.escrow - balance.locked
        if reserved > available {
            let missing = reserved - available
            let message = try await chain.call(\.marketAddBalance, wallet, deal.proposal.client, missing)
            deal.addFundsCid = message
            deal.state = .clientFunding
            try deals.save(deal)
            logger.info("adding market funds for a deal", metadata: ["proposal": "\(deal.proposalCid)", "amount": "\(missing.fil)"])
            let lookup = try await chain.call(\.stateWaitMsg, message, UInt64(0), ChainEpoch(-1), true)
            guard lookup.receipt.exitCode.isSuccess else {
                throw RPCError(.methodError, "AddBalance message \(message) failed: \(lookup.receipt.exitCode) \(lookup.receipt.error ?? "")")
            }
        }
        deal.state = .fundsReserved
        try deals.save(deal)
    }

    /// Marks `deal` failed with `reason` and stores it.
    func record(_ deal: inout ClientDeal, failure reason: String) throws {
        deal.fail(reason)
        try deals.save(deal)
        logger.warning("storage deal failed", metadata: ["proposal": "\(deal.proposalCid)", "reason": "\(reason)"])
    }

    /// Now in RFC 3339 with fractional seconds, as Go writes `time.Time`.
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
