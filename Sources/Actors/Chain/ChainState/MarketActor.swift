import ChainTypes
import Multiformats

/// The storage market actor: escrow, deal publishing, activation by prove-commit, and settlement in cron.
///
/// Devnet settlement is simple: a deal's whole price moves from the client's escrow to the provider's when the
/// deal ends; a deal whose sector is terminated pays for the epochs it was active and the provider's collateral
/// is burnt; a deal not activated by its start epoch is dropped, unlocking the client and burning the provider's
/// collateral.
enum MarketActor {
    /// Longest deal label (builtin-actors `DEAL_MAX_LABEL_SIZE`).
    static let maxLabelSize = 256

    /// Runs `call` on the market actor.
    static func invoke(_ call: VM.Call, in vm: inout VM) throws(ActorError) -> [UInt8] {
        guard let method = MarketMethod(rawValue: call.method) else {
            throw ActorError(.sysErrInvalidMethod, "storage market actor has no method \(call.method)")
        }
        switch method {
        case .addBalance: try addBalance(call, &vm)
        case .withdrawBalance: return try withdrawBalance(call, &vm).encoded
        case .publishStorageDeals: return try publishStorageDeals(call, &vm).encoded
        }
        return []
    }

    /// The escrow party `address` names, who may withdraw for it, and where withdrawals go.
    private static func party(_ address: Address, _ vm: VM) throws(ActorError) -> (id: ActorID, approved: [ActorID], recipient: ActorID) {
        guard let id = vm.tree.lookupID(address) else {
            throw ActorError.illegalArgument("\(address) not found: send it FIL first so it exists on chain")
        }
        if let miner = vm.tree.minerState(id) {
            return (id, [miner.info.owner, miner.info.worker] + miner.info.controlAddresses, miner.info.owner)
        }
        guard vm.tree[id]?.code == .account, id != BuiltinActor.burntFunds else {
            throw ActorError.illegalArgument("\(address) is neither an account nor a storage miner")
        }
        return (id, [id], id)
    }

    /// `AddBalance`: the message value goes into `address`'s escrow.
    static func addBalance(_ call: VM.Call, _ vm: inout VM) throws(ActorError) {
        let address = try Address.decode(call.params, method: MarketMethod.addBalance.name)
        guard call.value > .zero else { throw ActorError.illegalArgument("balance to add must be greater than zero") }
        let party = try party(address, vm)
        var market = vm.tree.marketState
        market.escrow[party.id] = (market.escrow[party.id] ?? .zero) + call.value
        vm.tree.marketState = market
    }

    /// `WithdrawBalance`: unlocked escrow goes to the client, or to a provider's owner.
    static func withdrawBalance(_ call: VM.Call, _ vm: inout VM) throws(ActorError) -> TokenAmount {
        let params = try MarketWithdrawBalanceParams.decode(call.params, method: MarketMethod.withdrawBalance.name)
        guard !params.amount.isNegative else { throw ActorError.illegalArgument("negative withdrawal \(params.amount.fil)") }
        let party = try party(params.providerOrClientAddress, vm)
        guard party.approved.contains(call.caller) else {
            throw ActorError.forbidden("caller t0\(call.caller) may not withdraw the escrow of \(params.providerOrClientAddress)")
        }
        var market = vm.tree.marketState
        let amount = TokenAmount.min(params.amount, TokenAmount.max(.zero, market.available(party.id)))
        market.escrow[party.id] = (market.escrow[party.id] ?? .zero) - amount
        vm.tree.marketState = market
        try vm.tree.transfer(amount, from: BuiltinActor.market, to: party.recipient)
        return amount
    }

    /// `PublishStorageDeals`: publishes the valid deals of one provider, locking the client's payment and
    /// collateral and the provider's collateral; invalid deals are left out (all invalid: `ErrIllegalArgument`).
    static func publishStorageDeals(_ call: VM.Call, _ vm: inout VM) throws(ActorError) -> PublishStorageDealsReturn {
        let params = try PublishStorageDealsParams.decode(call.params, method: MarketMethod.publishStorageDeals.name)
        guard let first = params.deals.first else { throw ActorError.illegalArgument("no deals to publish") }
        try vm.chargeItems(params.deals.count, "deal publishing")
        guard let providerID = vm.tree.lookupID(first.proposal.provider), let miner = vm.tree.minerState(providerID) else {
            throw ActorError.notFound("provider \(first.proposal.provider) is not a storage miner")
        }
        guard ([miner.info.worker] + miner.info.controlAddresses).contains(call.caller) else {
            throw ActorError.forbidden(
                "caller t0\(call.caller) is not the worker or a control address of provider t0\(providerID)")
        }
        var market = vm.tree.marketState
        var published = Set(market.proposals.values.map(\.cid))
        var ids: [DealID] = []
        var valid = BitField()
        var reasons: [String] = []
        for (index, deal) in params.deals.enumerated() {
            do throws(ActorError) {
                let clientID = try check(deal, providerID: providerID, miner: miner, market: market, vm)
                let proposal = deal.proposal
                guard published.insert(proposal.cid).inserted else {
                    throw ActorError.illegalArgument("deal \(proposal.cid) is already published")
                }
                let id = market.nextDealID
                market.nextDealID += 1
                market.proposals[id] = proposal
                market.states[id] = .published
                market.locked[clientID] = (market.locked[clientID] ?? .zero) + proposal.totalPrice + proposal.clientCollateral
                market.locked[providerID] = (market.locked[providerID] ?? .zero) + proposal.providerCollateral
                ids.append(id)
                valid.insert(UInt64(index))
            } catch {
                reasons.append("deal \(index): \(error.message)")
            }
        }
        guard !ids.isEmpty else {
            throw ActorError.illegalArgument("all deals failed validation: " + reasons.joined(separator: "; "))
        }
        vm.tree.marketState = market
        return PublishStorageDealsReturn(ids: ids, validDeals: valid)
    }

    /// Checks one signed proposal; returns the client's ID.
    private static func check(
        _ deal: ClientDealProposal, providerID: ActorID, miner: MinerState, market: MarketState, _ vm: VM
    ) throws(ActorError) -> ActorID {
        let p = deal.proposal
        guard vm.tree.lookupID(p.provider) == providerID else {
            throw ActorError.illegalArgument("provider \(p.provider) differs from the batch's provider t0\(providerID)")
        }
        guard let clientID = vm.tree.lookupID(p.client), let clientKey = vm.tree.keyAddress(of: clientID) else {
            throw ActorError.illegalArgument("client \(p.client) is not an account on chain")
        }
        do {
            try WalletKey.verify(deal.clientSignature, data: p.cborBytes, signer: clientKey)
        } catch {
            throw ActorError.illegalArgument("invalid client signature: \(error.message)")
        }
        guard p.pieceCID.codec == .filCommitmentUnsealed else {
            throw ActorError.illegalArgument("piece CID \(p.pieceCID) is not a fil-commitment-unsealed CID")
        }
        guard p.pieceSize >= 128, p.pieceSize & (p.pieceSize - 1) == 0, p.pieceSize <= miner.info.sectorSize.bytes else {
            throw ActorError.illegalArgument(
                "piece size \(p.pieceSize) must be a power of two from 128 to the \(miner.info.sectorSize) sector size")
        }
        guard !p.verifiedDeal else { throw ActorError.illegalArgument("verified deals are not supported on this devnet") }
        guard p.label.utf8.count <= maxLabelSize else {
            throw ActorError.illegalArgument("label is \(p.label.utf8.count) bytes (at most \(maxLabelSize))")
        }
        guard p.startEpoch > vm.epoch else {
            throw ActorError.illegalArgument("proposal start epoch \(p.startEpoch) has already elapsed (now \(vm.epoch))")
        }
        let (duration, durationOverflows) = p.endEpoch.subtractingReportingOverflow(p.startEpoch)
        guard !durationOverflows, duration >= vm.network.dealMinDuration, duration <= vm.network.dealMaxDuration else {
            throw ActorError.illegalArgument(
                "deal duration \(durationOverflows ? "from \(p.startEpoch) to \(p.endEpoch)" : String(duration)) must be \(vm.network.dealMinDuration) to \(vm.network.dealMaxDuration) epochs")
        }
        guard !p.storagePricePerEpoch.isNegative, !p.providerCollateral.isNegative, !p.clientCollateral.isNegative,
            p.storagePricePerEpoch <= TokenAmount.totalSupply, p.providerCollateral <= TokenAmount.totalSupply,
            p.clientCollateral <= TokenAmount.totalSupply,
            p.storagePricePerEpoch.multipliedReportingOverflow(by: p.duration).map({ $0 <= TokenAmount.totalSupply }) == true
        else {
            throw ActorError.illegalArgument("price and collaterals must be 0 to the total supply")
        }
        let clientNeeds = p.totalPrice + p.clientCollateral
        guard market.available(clientID) >= clientNeeds else {
            throw ActorError.insufficientFunds(
                "client \(p.client) has \(market.available(clientID).fil) available in escrow, the deal needs "
                    + "\(clientNeeds.fil); add balance to the market first")
        }
        guard market.available(providerID) >= p.providerCollateral else {
            throw ActorError.insufficientFunds(
                "provider t0\(providerID) has \(market.available(providerID).fil) available in escrow, the deal needs "
                    + "\(p.providerCollateral.fil) collateral")
        }
        return clientID
    }

    /// Marks `deals` active in `sector` of `miner` (called by prove-commit).
    static func activateDeals(_ deals: [DealID], miner: ActorID, sector: SectorNumber, in vm: inout VM) throws(ActorError) {
        guard !deals.isEmpty else { return }
        var market = vm.tree.marketState
        for id in deals {
            guard let proposal = market.proposals[id], var state = market.states[id] else {
                throw ActorError.notFound("deal \(id) no longer exists (it was not activated by its start epoch)")
            }
            guard vm.tree.lookupID(proposal.provider) == miner else {
                throw ActorError.forbidden("deal \(id) belongs to provider \(proposal.provider)")
            }
            guard state.sectorStartEpoch < 0 else { throw ActorError.illegalArgument("deal \(id) is already active") }
            guard vm.epoch <= proposal.startEpoch else {
                throw ActorError.illegalArgument("deal \(id) start epoch \(proposal.startEpoch) has already elapsed")
            }
            state.sectorStartEpoch = vm.epoch
            state.sectorNumber = sector
            market.states[id] = state
        }
        vm.tree.marketState = market
    }

    /// Marks active `deals` slashed at `epoch` (their sector was terminated); cron settles them.
    static func slashDeals(_ deals: [DealID], at epoch: ChainEpoch, in tree: inout StateTree) {
        guard !deals.isEmpty else { return }
        var market = tree.marketState
        for id in deals {
            guard var state = market.states[id], state.slashEpoch < 0 else { continue }
            state.slashEpoch = epoch
            market.states[id] = state
        }
        tree.marketState = market
    }

    /// End-of-epoch settlement: completes ended deals, settles slashed ones, drops deals not activated in time.
    static func cron(epoch: ChainEpoch, tree: inout StateTree) {
        var market = tree.marketState
        var burnt = TokenAmount.zero
        var changed = false
        for (id, proposal) in market.proposals.entries {
            guard let state = market.states[id],
                let client = tree.lookupID(proposal.client), let provider = tree.lookupID(proposal.provider)
            else { continue }
            let activated = state.sectorStartEpoch >= 0
            let timedOut = !activated && epoch > proposal.startEpoch
            let slashed = state.slashEpoch >= 0
            let ended = activated && epoch >= proposal.endEpoch
            guard timedOut || slashed || ended else { continue }
            let paidEpochs: ChainEpoch =
                if timedOut { 0 } else if slashed { max(0, min(state.slashEpoch, proposal.endEpoch) - proposal.startEpoch) }
                else { proposal.duration }
            let payment = proposal.storagePricePerEpoch * paidEpochs
            let penalty = timedOut || slashed ? proposal.providerCollateral : .zero
            market.locked[client] = (market.locked[client] ?? .zero) - proposal.totalPrice - proposal.clientCollateral
            market.locked[provider] = (market.locked[provider] ?? .zero) - proposal.providerCollateral
            market.escrow[client] = (market.escrow[client] ?? .zero) - payment
            market.escrow[provider] = (market.escrow[provider] ?? .zero) + payment - penalty
            burnt += penalty
            market.proposals.removeValue(forKey: id)
            market.states.removeValue(forKey: id)
            changed = true
        }
        guard changed else { return }
        tree.marketState = market
        if burnt != .zero {
            tree.update(BuiltinActor.market) { $0.balance -= burnt }
            tree.update(BuiltinActor.burntFunds) { $0.balance += burnt }
        }
    }
}
