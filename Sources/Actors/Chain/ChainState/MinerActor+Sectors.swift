import ChainTypes
import Multiformats

extension MinerActor {
    /// Most sectors in one pre-commit batch (builtin-actors `PRE_COMMIT_SECTOR_BATCH_MAX_SIZE`).
    static let maxPreCommitBatch = 256
    /// Most sectors in one aggregate prove-commit (builtin-actors `MAX_AGGREGATED_SECTORS`; the devnet accepts
    /// aggregates of any size from 1, where mainnet wants at least 4).
    static let maxAggregatedSectors = 819

    /// `PreCommitSector` / `PreCommitSectorBatch`: checks each sector against the miner and the chain, then locks
    /// the deposit.
    static func preCommit(_ infos: [SectorPreCommitInfo], _ call: VM.Call, _ vm: inout VM) throws(ActorError) {
        let state = try state(call, vm, callers: .ownerWorkerOrControl)
        guard !infos.isEmpty, infos.count <= maxPreCommitBatch else {
            throw ActorError.illegalArgument("pre-commit batch of \(infos.count) sectors (expected 1 to \(maxPreCommitBatch))")
        }
        try vm.chargeItems(infos.count, "pre-commit")
        let market = vm.tree.marketState
        var numbers = Set<SectorNumber>()
        var dealsInBatch = Set<DealID>()
        let dealsPreCommitted = Set(state.preCommits.values.flatMap(\.info.dealIDs))
        for info in infos {
            let n = info.sectorNumber
            guard info.sealProof == state.info.sealProofType else {
                throw ActorError.illegalArgument(
                    "sector \(n): seal proof type \(info.sealProof) does not match the miner's \(state.info.sealProofType) "
                        + "(\(state.info.sectorSize) sectors)")
            }
            guard n <= UInt64(Int64.max), !state.allocatedSectors.contains(n), numbers.insert(n).inserted else {
                throw ActorError.illegalArgument("sector number \(n) was already used by t0\(call.receiver)")
            }
            guard info.sealedCID.codec == .filCommitmentSealed else {
                throw ActorError.illegalArgument("sector \(n): sealed CID \(info.sealedCID) is not a fil-commitment-sealed CID")
            }
            if let unsealed = info.unsealedCID, unsealed.codec != .filCommitmentUnsealed {
                throw ActorError.illegalArgument("sector \(n): unsealed CID \(unsealed) is not a fil-commitment-unsealed CID")
            }
            guard info.sealRandEpoch < vm.epoch else {
                throw ActorError.illegalArgument(
                    "sector \(n): seal randomness epoch \(info.sealRandEpoch) must be before the current epoch \(vm.epoch)")
            }
            guard info.sealRandEpoch >= vm.epoch - vm.network.maxPreCommitRandomnessLookback,
                vm.randomness.draw(.sealRandomness, at: info.sealRandEpoch, entropy: []) != nil
            else {
                throw ActorError.illegalArgument(
                    "sector \(n): seal randomness epoch \(info.sealRandEpoch) is too old (at most "
                        + "\(vm.network.maxPreCommitRandomnessLookback) epochs before \(vm.epoch))")
            }
            let (lifetime, lifetimeOverflows) = info.expiration.subtractingReportingOverflow(vm.epoch)
            guard !lifetimeOverflows, lifetime >= vm.network.minSectorExpiration + vm.network.preCommitChallengeDelay,
                lifetime <= vm.network.maxSectorExpirationExtension
            else {
                throw ActorError.illegalArgument(
                    "sector \(n): expiration \(info.expiration) must be \(vm.network.minSectorExpiration + vm.network.preCommitChallengeDelay)"
                        + " to \(vm.network.maxSectorExpirationExtension) epochs after the current epoch \(vm.epoch)")
            }
            var pieceBytes: UInt64 = 0
            for dealID in info.dealIDs {
                guard let proposal = market.proposals[dealID] else {
                    throw ActorError.notFound("sector \(n): deal \(dealID) is not published")
                }
                guard vm.tree.lookupID(proposal.provider) == call.receiver else {
                    throw ActorError.forbidden("sector \(n): deal \(dealID) belongs to provider \(proposal.provider)")
                }
                guard market.states[dealID]?.sectorStartEpoch ?? -1 < 0, !dealsPreCommitted.contains(dealID),
                    dealsInBatch.insert(dealID).inserted
                else {
                    throw ActorError.illegalArgument("sector \(n): deal \(dealID) is already in a sector")
                }
                guard proposal.startEpoch >= vm.epoch else {
                    throw ActorError.illegalArgument(
                        "sector \(n): deal \(dealID) start epoch \(proposal.startEpoch) has already passed")
                }
                guard proposal.endEpoch <= info.expiration else {
                    throw ActorError.illegalArgument(
                        "sector \(n): deal \(dealID) ends at \(proposal.endEpoch), after the sector's expiration \(info.expiration)")
                }
                pieceBytes += proposal.pieceSize
            }
            guard pieceBytes <= state.info.sectorSize.bytes else {
                throw ActorError.illegalArgument(
                    "sector \(n): deals hold \(pieceBytes) bytes, more than the \(state.info.sectorSize) sector")
            }
        }
        let perSector = vm.network.preCommitDepositPerSector
        let deposit = perSector * Int64(infos.count)
        let epoch = vm.epoch
        try vm.tree.withMiner(call.receiver) { (state, balance) throws(ActorError) in
            let available = state.availableBalance(balance)
            guard available >= deposit else {
                throw ActorError.insufficientFunds(
                    "insufficient funds for pre-commit deposit: need \(deposit.fil), available \(available.fil)")
            }
            for info in infos {
                state.preCommits[info.sectorNumber] = SectorPreCommitOnChainInfo(
                    info: info, preCommitDeposit: perSector, preCommitEpoch: epoch)
                state.allocatedSectors.insert(info.sectorNumber)
            }
            state.preCommitDeposits += deposit
        }
    }

    /// `ProveCommitSector`: anyone may submit the proof; timing is checked against the challenge delay.
    static func proveCommitSector(_ call: VM.Call, _ vm: inout VM) throws(ActorError) {
        let params = try ProveCommitSectorParams.decode(call.params, method: MinerMethod.proveCommitSector.name)
        let state = try state(call, vm, callers: nil)
        try vm.chargeItems(1, "prove-commit")
        let info = try sealVerifyInfo(params.sectorNumber, proof: params.proof, state, call, vm)
        if let reason = vm.verifier.verifySeal(info) {
            throw ActorError.illegalArgument("invalid seal proof for sector \(params.sectorNumber): \(reason)")
        }
        try activate([params.sectorNumber], call, &vm)
    }

    /// `ProveCommitAggregate`: one proof for several pre-committed sectors.
    static func proveCommitAggregate(_ call: VM.Call, _ vm: inout VM) throws(ActorError) {
        let params = try ProveCommitAggregateParams.decode(call.params, method: MinerMethod.proveCommitAggregate.name)
        let state = try state(call, vm, callers: .ownerWorkerOrControl)
        let numbers = params.sectorNumbers.sorted
        guard !numbers.isEmpty, numbers.count <= maxAggregatedSectors else {
            throw ActorError.illegalArgument("aggregate of \(numbers.count) sectors (expected 1 to \(maxAggregatedSectors))")
        }
        try vm.chargeItems(numbers.count, "prove-commit aggregate")
        var infos: [SealVerifyInfo] = []
        for number in numbers { infos.append(try sealVerifyInfo(number, proof: [], state, call, vm)) }
        if let reason = vm.verifier.verifyAggregateSeals(infos, proof: params.aggregateProof) {
            throw ActorError.illegalArgument("invalid aggregate seal proof for sectors \(params.sectorNumbers): \(reason)")
        }
        try activate(numbers, call, &vm)
    }

    /// The seal-verification inputs for a pre-committed sector, after the timing checks.
    private static func sealVerifyInfo(
        _ number: SectorNumber, proof: [UInt8], _ state: MinerState, _ call: VM.Call, _ vm: VM
    ) throws(ActorError) -> SealVerifyInfo {
        guard let precommit = state.preCommits[number] else {
            throw ActorError.notFound("no pre-committed sector \(number) for t0\(call.receiver)")
        }
        let seedEpoch = precommit.preCommitEpoch + vm.network.preCommitChallengeDelay
        guard vm.epoch > seedEpoch else {
            throw ActorError.forbidden(
                "too early to prove sector \(number): its seed is drawn at epoch \(seedEpoch), prove it after that "
                    + "(now \(vm.epoch))")
        }
        guard vm.epoch <= precommit.preCommitEpoch + vm.network.maxProveCommitDuration else {
            throw ActorError.forbidden(
                "pre-commit of sector \(number) expired at epoch \(precommit.preCommitEpoch + vm.network.maxProveCommitDuration)")
        }
        let entropy = Address(id: call.receiver).bytes
        guard let ticket = vm.randomness.draw(.sealRandomness, at: precommit.info.sealRandEpoch, entropy: entropy),
            let seed = vm.randomness.draw(.interactiveSealChallengeSeed, at: seedEpoch, entropy: entropy)
        else {
            throw ActorError.illegalState("randomness for sector \(number) is no longer available")
        }
        return SealVerifyInfo(
            sealProof: precommit.info.sealProof, miner: call.receiver, sectorNumber: number,
            dealIDs: precommit.info.dealIDs, randomness: ticket, interactiveRandomness: seed, proof: proof,
            sealedCID: precommit.info.sealedCID, unsealedCID: precommit.info.unsealedCID)
    }

    /// Turns verified pre-commits into sectors: activates their deals, swaps deposit for pledge, assigns them to
    /// partitions (unproven until their first Window PoSt).
    private static func activate(_ numbers: [SectorNumber], _ call: VM.Call, _ vm: inout VM) throws(ActorError) {
        let state = try state(call, vm, callers: nil)
        for number in numbers {
            let dealIDs = state.preCommits[number]?.info.dealIDs ?? []
            try MarketActor.activateDeals(dealIDs, miner: call.receiver, sector: number, in: &vm)
        }
        let pledge = vm.network.initialPledgePerSector
        let epoch = vm.epoch
        try vm.tree.withMiner(call.receiver) { (state, balance) throws(ActorError) in
            var released = TokenAmount.zero
            var proven: [SectorNumber] = []
            for number in numbers {
                guard let precommit = state.preCommits.removeValue(forKey: number) else { continue }
                released += precommit.preCommitDeposit
                state.sectors[number] = SectorOnChainInfo(
                    sectorNumber: number, sealProof: precommit.info.sealProof, sealedCID: precommit.info.sealedCID,
                    unsealedCID: precommit.info.unsealedCID, dealIDs: precommit.info.dealIDs, activation: epoch,
                    expiration: precommit.info.expiration, initialPledge: pledge)
                proven.append(number)
            }
            state.preCommitDeposits -= released
            let needed = pledge * Int64(proven.count)
            let available = state.availableBalance(balance)
            guard available >= needed else {
                throw ActorError.insufficientFunds(
                    "insufficient funds for initial pledge: need \(needed.fil), available \(available.fil)")
            }
            state.initialPledge += needed
            state.assign(proven, partitionSize: state.info.windowPoStPartitionSectors)
        }
    }

    /// `TerminateSectors`: ends live sectors early, releasing their pledge and slashing their deals.
    static func terminateSectors(_ call: VM.Call, _ vm: inout VM) throws(ActorError) -> TerminateSectorsReturn {
        let params = try TerminateSectorsParams.decode(call.params, method: MinerMethod.terminateSectors.name)
        let state = try state(call, vm, callers: .ownerWorkerOrControl)
        try vm.chargeItems(params.terminations.reduce(0) { $0 + $1.sectors.count }, "termination")
        var all = BitField()
        for declaration in params.terminations {
            let partition = try state.partition(
                deadline: declaration.deadline, partition: declaration.partition, miner: call.receiver)
            guard declaration.deadline != state.currentDeadline else {
                throw ActorError.illegalArgument(
                    "cannot terminate sectors in deadline \(declaration.deadline) while it is open; wait for it to close")
            }
            guard declaration.sectors.isSubset(of: partition.liveSectors), !declaration.sectors.isEmpty else {
                throw ActorError.illegalArgument(
                    "sectors \(declaration.sectors.subtracting(partition.liveSectors)) are not live in deadline "
                        + "\(declaration.deadline) partition \(declaration.partition)")
            }
            all.formUnion(declaration.sectors)
        }
        let deals = try vm.tree.withMiner(call.receiver) { (state, _) throws(ActorError) in state.terminate(all).deals }
        MarketActor.slashDeals(deals, at: vm.epoch, in: &vm.tree)
        PowerActor.updateClaim(miner: call.receiver, in: &vm.tree)
        return TerminateSectorsReturn(done: true)
    }
}
