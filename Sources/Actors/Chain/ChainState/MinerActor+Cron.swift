import ChainTypes

extension MinerActor {
    /// End-of-epoch work for miner `id` (Lotus `OnDeferredCronEvent` at each deadline end): when `epoch` is the
    /// last epoch of the open deadline, partitions without a Window PoSt have all their live sectors marked faulty
    /// (and declared recoveries cancelled), expired sectors are removed, expired pre-commits forfeit their
    /// deposit (burnt), a due worker change takes effect, and the miner moves to its next deadline.
    ///
    /// - Returns: the IDs of deals in sectors that expired or were terminated (for the market to settle), and the
    ///   sectors newly marked faulty.
    @discardableResult
    static func cron(miner id: ActorID, epoch: ChainEpoch, network: NetworkParams, tree: inout StateTree) -> CronResult {
        guard var state = tree.minerState(id), let balance = tree[id]?.balance else { return CronResult() }
        var result = CronResult()
        var info = state.currentDeadlineInfo(at: epoch, network: network)
        guard epoch >= info.last else { return result }

        while epoch >= info.last {
            let index = Int(info.index)
            var deadline = state.deadlines[index]
            for p in deadline.partitions.indices where !deadline.postSubmissions.contains(UInt64(p)) {
                var partition = deadline.partitions[p]
                let missed = partition.liveSectors.subtracting(partition.faults)
                if !missed.isEmpty {
                    result.newFaults.formUnion(missed)
                    partition.faults.formUnion(missed)
                }
                partition.recoveries = BitField()
                deadline.partitions[p] = partition
            }
            deadline.postSubmissions = BitField()
            state.deadlines[index] = deadline

            let expired = BitField(
                deadline.partitions.flatMap { $0.liveSectors.sorted }.filter { (state.sectors[$0]?.expiration ?? .max) <= epoch })
            if !expired.isEmpty {
                result.expiredDeals += state.terminate(expired).deals
            }

            state.currentDeadline = (state.currentDeadline + 1) % network.wPoStPeriodDeadlines
            if state.currentDeadline == 0 { state.provingPeriodStart += network.wPoStProvingPeriod }
            info = state.currentDeadlineInfo(at: epoch, network: network)
        }

        var burnt = TokenAmount.zero
        for (number, precommit) in state.preCommits.entries
        where precommit.preCommitEpoch + network.maxProveCommitDuration < epoch {
            state.preCommits.removeValue(forKey: number)
            state.preCommitDeposits -= precommit.preCommitDeposit
            burnt += precommit.preCommitDeposit
        }
        if let pending = state.info.pendingWorkerKey, pending.effectiveAt <= epoch {
            state.info.worker = pending.newWorker
            state.info.pendingWorkerKey = nil
        }
        tree.update(id) {
            $0.state = .miner(state)
            $0.balance = balance - burnt
        }
        if burnt != .zero { tree.update(BuiltinActor.burntFunds) { $0.balance += burnt } }
        PowerActor.updateClaim(miner: id, in: &tree)
        return result
    }

    /// What a miner's cron did that others must know about.
    struct CronResult {
        /// Deals in sectors that expired.
        var expiredDeals: [DealID] = []
        /// Sectors newly marked faulty for a missed Window PoSt.
        var newFaults = BitField()
    }
}
