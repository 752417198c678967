import APICore
import ChainTypes
import Foundation
import FullNodeAPI
import Logging
import MarketsAPI
import Multiformats
import PieceCommitment
import SealingAPI
import StorageMarket

/// What the provider does in each deal state (go-fil-markets `providerstates`), one task per deal: reserve collateral,
/// publish, hand the piece to sealing, then follow the chain to Active and on to expiry or slashing. Each step's
/// outcome is an event, stored (``advance(_:_:)``) before the next step starts, so a restart resumes where it was.
extension MarketsActor {
    /// Applies `event` to `deal` and stores the result.
    @discardableResult
    func advance(_ deal: MinerDeal, _ event: ProviderDealEvent) throws -> MinerDeal {
        let next: MinerDeal
        do {
            next = try ProviderDealMachine.apply(event, to: deal)
        } catch {
            throw RPCError(.methodError, "\(deal.proposalCid): \(error)")
        }
        try deals.save(next)
        if next.state != deal.state {
            logger.debug("deal state", metadata: ["proposal": "\(deal.proposalCid)", "from": "\(deal.state.name)", "to": "\(next.state.name)"])
        }
        return next
    }

    /// After a restart: each stored deal takes ``ProviderDealEvent/restart`` and the unfinished ones are driven again.
    func resumeDeals() {
        let stored: [MinerDeal]
        do {
            stored = try deals.all()
        } catch {
            logger.error("cannot read the stored deals; none is resumed", metadata: ["error": "\(error)"])
            return
        }
        for deal in stored where !deal.state.isFinal {
            if deal.state == .publish { mayBePublished.insert(deal.proposalCid.description) }
            do {
                try advance(deal, .restart)
                drive(deal.proposalCid)
            } catch {
                logger.error("deal not resumed", metadata: ["proposal": "\(deal.proposalCid)", "error": "\(error)"])
            }
        }
    }

    /// Starts driving deal `cid` unless it is driven already.
    func drive(_ cid: CID) {
        let key = cid.description
        guard driving[key] == nil else { return }
        driving[key] = Task { [weak self] in
            await self?.runSteps(cid)
            await self?.finishedDriving(key)
        }
    }

    private func finishedDriving(_ key: String) { driving[key] = nil }

    /// Runs deal `cid`'s steps until it waits for something outside (data, the operator) or ends.
    private func runSteps(_ cid: CID) async {
        while !Task.isCancelled {
            do {
                guard let deal = try deals.deal(cid), let event = try await step(deal) else { return }
                try advance(deal, event)
            } catch is CancellationError where Task.isCancelled {
                return  // the node is stopping
            } catch {
                logger.warning("deal step failed; retrying", metadata: ["proposal": "\(cid)", "error": "\(error)"])
                try? await Task.sleep(for: pollInterval * 4)
            }
        }
    }

    /// The event deal's current step produces, or `nil` when the deal waits for something outside.
    private func step(_ deal: MinerDeal) async throws -> ProviderDealEvent? {
        switch deal.state {
        case .verifyData: return try await verifyData(deal)
        case .reserveProviderFunds: return try await reserveFunds(deal)
        case .providerFunding: return try await waitForFunds(deal)
        case .publish: return try await publish(deal)
        case .publishing: return try await waitForPublish(deal)
        case .staged: return try await handOff(deal)
        case .awaitingPreCommit, .sealing, .finalizing, .active: return try await followChain(deal)
        case .failing:
            staging.remove(deal.piecePath)
            logger.warning("deal failed", metadata: ["proposal": "\(deal.proposalCid)", "reason": "\(deal.message)"])
            return .failed
        default: return nil
        }
    }

    /// ReserveProviderFunds: tops up the provider's market escrow from the worker when it cannot cover the deal's collateral.
    private func reserveFunds(_ deal: MinerDeal) async throws -> ProviderDealEvent {
        let chain = try requireChain()
        let provider = try await identity()
        let collateral = deal.proposal.providerCollateral
        guard collateral > .zero else { return .funded(reserved: .zero) }
        let balance = try await chain.call(\.stateMarketBalance, provider.miner, nil)
        let available = TokenAmount(attoFIL: max(0, balance.escrow.attoFIL - balance.locked.attoFIL))
        guard available < collateral else { return .funded(reserved: collateral) }
        let missing = TokenAmount(attoFIL: collateral.attoFIL - available.attoFIL)
        let message = try await chain.call(\.marketAddBalance, provider.worker, provider.miner, missing)
        return .fundingInitiated(message)
    }

    /// ProviderFunding: waits for the AddBalance message.
    private func waitForFunds(_ deal: MinerDeal) async throws -> ProviderDealEvent {
        guard let cid = deal.addFundsCid else { return .fundingFailed("no AddBalance message was recorded") }
        let lookup = try await requireChain().call(\.stateWaitMsg, cid, UInt64(0), ChainEpoch(-1), true)
        guard lookup.receipt.exitCode.isSuccess else {
            return .fundingFailed("AddBalance message \(cid) failed: \(lookup.receipt.exitCode) \(lookup.receipt.error ?? "")")
        }
        return .funded(reserved: deal.proposal.providerCollateral)
    }

    /// Publish: joins the next PublishStorageDeals batch. A deal that a message may carry already (the node stopped
    /// after sending but before recording the message, or an attempt failed after it joined a batch) first looks for
    /// itself on chain and, found, is taken as published, so it is never published twice. A deal's first attempt
    /// skips that look: it reads every market deal, and done for each deal it made ingestion quadratic.
    private func publish(_ deal: MinerDeal) async throws -> ProviderDealEvent {
        let key = deal.proposalCid.description
        if mayBePublished.contains(key), let id = try await publishedDealID(deal) {
            mayBePublished.remove(key)
            return .dealPublished(dealID: id)
        }
        mayBePublished.insert(key)
        do {
            return .dealPublishInitiated(try await publisher().publish(deal.clientDealProposal))
        } catch let error as RPCError where error.code == .methodError {
            // Refused before any message was sent for it.
            mayBePublished.remove(key)
            return .dealPublishFailed(error.message)
        }
    }

    /// Publishing: waits for the message and finds this deal's ID in its return value.
    private func waitForPublish(_ deal: MinerDeal) async throws -> ProviderDealEvent {
        mayBePublished.remove(deal.proposalCid.description)  // its message is recorded now
        let chain = try requireChain()
        guard let cid = deal.publishCid else { return .dealPublishFailed("no PublishStorageDeals message was recorded") }
        let lookup = try await chain.call(\.stateWaitMsg, cid, UInt64(0), ChainEpoch(-1), true)
        guard lookup.receipt.exitCode.isSuccess else {
            return .dealPublishFailed("PublishStorageDeals message \(cid) failed: \(lookup.receipt.exitCode) \(lookup.receipt.error ?? "")")
        }
        let message = try await chain.call(\.chainGetMessage, cid)
        let params = try PublishStorageDealsParams.decode(message.params, method: "PublishStorageDeals")
        let result = try PublishStorageDealsReturn.decode(lookup.receipt.returnValue, method: "PublishStorageDeals")
        guard let index = params.deals.firstIndex(where: { $0.proposal.cid == deal.proposalCid }) else {
            return .dealPublishFailed("PublishStorageDeals message \(cid) does not carry this deal")
        }
        // The IDs are those of the valid deals, in message order.
        let valid = result.validDeals.sorted
        guard let position = valid.firstIndex(of: UInt64(index)), position < result.ids.count else {
            // Left out because an earlier message published it already (the node stopped before recording that one)?
            if let id = try await publishedDealID(deal) { return .dealPublished(dealID: id) }
            return .dealPublishFailed("the chain found the deal invalid and left it out of PublishStorageDeals message \(cid)")
        }
        return .dealPublished(dealID: result.ids[position])
    }

    /// The on-chain ID of `deal` if the market actor holds its proposal already.
    private func publishedDealID(_ deal: MinerDeal) async throws -> UInt64? {
        let onChain = try await requireChain().call(\.stateMarketDeals, nil)
        return onChain.first { $0.value.proposal.cid == deal.proposalCid }.flatMap { UInt64($0.key) }
    }

    /// Staged: hands the piece to sealing (`SectorAddPieceToAny`, the data streamed), retrying with backoff while the
    /// mining node cannot be reached. The Sealing API answers a deal it already holds with the same sector, so a
    /// retry after a lost answer does not add the piece twice.
    private func handOff(_ deal: MinerDeal) async throws -> ProviderDealEvent {
        guard let sealing else { return .dealHandOffFailed("this node has no Sealing API to hand the deal to") }
        guard let size = PaddedPieceSize(rawValue: deal.proposal.pieceSize) else {
            return .dealHandOffFailed("invalid piece size \(deal.proposal.pieceSize)")
        }
        let info = PieceDealInfo(
            publishCid: deal.publishCid, dealID: deal.dealID, dealProposal: deal.proposal,
            dealSchedule: DealSchedule(startEpoch: deal.proposal.startEpoch, endEpoch: deal.proposal.endEpoch), keepUnsealed: true)
        var delay = pollInterval
        while true {
            do {
                let placed = try await sealing.call(
                    \.sectorAddPieceToAny, size.unpadded.rawValue, DealStaging.stream(deal.piecePath, size: size.unpadded.rawValue), info)
                logger.info("deal handed off", metadata: ["deal": "\(deal.dealID)", "sector": "\(placed.sector)", "offset": "\(placed.offset)"])
                try pieces.add(
                    PiecePlacement(dealID: deal.dealID, sectorID: placed.sector, offset: placed.offset, length: size.rawValue),
                    piece: deal.proposal.pieceCID)
                await indexShard(deal.proposal.pieceCID, car: deal.piecePath)
                staging.remove(deal.piecePath)
                return .dealHandedOff(sector: placed.sector)
            } catch let error as RPCError where [.unreachable, .shuttingDown, .badResponse].contains(error.code) {
                logger.warning("the mining node cannot take the deal now; retrying", metadata: ["deal": "\(deal.dealID)", "error": "\(error.message)", "in": "\(delay)"])
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(60))
            } catch let error as RPCError {
                return .dealHandOffFailed("handing off deal \(deal.dealID): \(error.message)")
            }
        }
    }

    /// AwaitingPreCommit / Sealing / Finalizing / Active: the chain's view of the deal, looked at again at each new
    /// head until it changes.
    private func followChain(_ deal: MinerDeal) async throws -> ProviderDealEvent {
        let chain = try requireChain()
        let provider = try await identity()
        var lastLook: ChainEpoch?
        while true {
            try Task.checkCancellation()
            if deal.state == .finalizing { return .finalized }
            let head = try await dealsHead.height()
            if head != lastLook {
                lastLook = head
                if let event = try await chainEvent(deal, head: head, chain: chain, miner: provider.miner) { return event }
            }
            try await Task.sleep(for: deal.state == .active ? pollInterval * 10 : pollInterval)
        }
    }

    /// What the chain at `head` says happened to `deal`, if anything.
    private func chainEvent(
        _ deal: MinerDeal, head: ChainEpoch, chain: SubsystemRef<FullNodeMethods>, miner: Address
    ) async throws -> ProviderDealEvent? {
        let onChain = try? await chain.call(\.stateMarketStorageDeal, deal.dealID, nil)
        if let state = onChain?.state {
            if state.slashEpoch > 0 { return .dealSlashed(epoch: state.slashEpoch) }
            if state.sectorStartEpoch > 0, deal.state == .awaitingPreCommit || deal.state == .sealing { return .dealActivated }
        } else if head > deal.proposal.endEpoch || (deal.state != .active && head > deal.proposal.startEpoch) {
            // The market actor drops a deal at its end, or one never activated by its start.
            return .dealExpired
        }
        if deal.state == .active, head > deal.proposal.endEpoch { return .dealExpired }
        if deal.state == .awaitingPreCommit,
            let preCommit = try await chain.call(\.stateSectorPreCommitInfo, miner, deal.sectorNumber, nil),
            preCommit.info.dealIDs.contains(deal.dealID)
        {
            return .dealPrecommitted
        }
        return nil
    }

    func requireChain() throws -> SubsystemRef<FullNodeMethods> {
        try ChainDependency.require(chain, for: "storage deals")
    }

    /// The provider's chain facts, read once.
    func identity() async throws -> ProviderIdentity {
        if let providerCache { return providerCache }
        let loaded = try await ProviderIdentity.load(chain: try requireChain(), mining: mining)
        providerCache = loaded
        return loaded
    }

    func publisher() async throws -> DealPublishQueue {
        if let publishQueue { return publishQueue }
        let queue = DealPublishQueue(chain: try requireChain(), miner: try await identity().miner, config: config, logger: logger)
        publishQueue = queue
        return queue
    }
}
