import ChainTypes

extension MinerState {
    /// The deadline open at `epoch` according to this state (Lotus `DeadlineInfo(currEpoch)`).
    public func currentDeadlineInfo(at epoch: ChainEpoch, network: NetworkParams) -> DeadlineInfo {
        DeadlineInfo(periodStart: provingPeriodStart, index: currentDeadline, currentEpoch: epoch, network: network)
    }

    /// The next occurrence of deadline `index` that has not closed, seen at `epoch` (Lotus
    /// `declarationDeadlineInfo`), for fault and recovery declarations.
    func declarationDeadlineInfo(index: UInt64, at epoch: ChainEpoch, network: NetworkParams) -> DeadlineInfo {
        DeadlineInfo(periodStart: provingPeriodStart, index: index, currentEpoch: epoch, network: network)
            .nextNotElapsed(network: network)
    }

    /// Puts newly proven `sectors` into partitions, choosing for each the deadline with the fewest live sectors
    /// among those not open now and not opening next (their challenge may already be drawn), and within it the
    /// last partition with room.
    mutating func assign(_ sectors: [SectorNumber], partitionSize: UInt64) {
        let count = deadlines.count
        var candidates = Array(0..<count)
        if count > 2 {
            let current = Int(currentDeadline)
            candidates.removeAll { $0 == current || $0 == (current + 1) % count }
        } else if count == 2 {
            candidates.removeAll { $0 == Int(currentDeadline) }
        }
        for sector in sectors {
            let target = candidates.min { a, b in
                let (la, lb) = (deadlines[a].liveSectorCount, deadlines[b].liveSectorCount)
                return la != lb ? la < lb : a < b
            }!
            var deadline = deadlines[target]
            if deadline.partitions.isEmpty || UInt64(deadline.partitions[deadline.partitions.count - 1].sectors.count) >= partitionSize {
                deadline.partitions.append(PartitionState())
            }
            let last = deadline.partitions.count - 1
            deadline.partitions[last].sectors.insert(sector)
            deadline.partitions[last].unproven.insert(sector)
            deadlines[target] = deadline
        }
    }

    /// The partition at `deadline`/`partition`.
    /// - Throws: ``ActorError`` `ErrNotFound` when either index does not exist.
    func partition(deadline: UInt64, partition: UInt64, miner: ActorID) throws(ActorError) -> PartitionState {
        guard deadline < UInt64(deadlines.count) else {
            throw ActorError.illegalArgument(
                "deadline \(deadline) does not exist (t0\(miner) has \(deadlines.count) deadlines, 0–\(deadlines.count - 1))")
        }
        let partitions = deadlines[Int(deadline)].partitions
        guard partition < UInt64(partitions.count) else {
            throw ActorError.notFound("deadline \(deadline) of t0\(miner) has no partition \(partition) (it has \(partitions.count))")
        }
        return partitions[Int(partition)]
    }

    /// Marks `sectors` terminated wherever they are, returning their pledge and deals.
    mutating func terminate(_ sectors: BitField) -> (pledge: TokenAmount, deals: [DealID]) {
        var pledge = TokenAmount.zero
        var deals: [DealID] = []
        for d in deadlines.indices {
            for p in deadlines[d].partitions.indices {
                let hit = deadlines[d].partitions[p].liveSectors.intersection(sectors)
                guard !hit.isEmpty else { continue }
                deadlines[d].partitions[p].terminated.formUnion(hit)
                deadlines[d].partitions[p].faults.subtract(hit)
                deadlines[d].partitions[p].recoveries.subtract(hit)
                deadlines[d].partitions[p].unproven.subtract(hit)
            }
        }
        for sector in sectors {
            if let info = self.sectors.removeValue(forKey: sector) {
                pledge += info.initialPledge
                deals += info.dealIDs
            }
        }
        initialPledge -= pledge
        return (pledge, deals)
    }
}
