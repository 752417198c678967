import ChainTypes

/// Read-only queries with Lotus's result shapes, for the `Filecoin.State*` API methods; all read the head state.
extension DevnetChain {
    /// The network version reported by `StateNetworkVersion` (the actors' behaviour here follows nv21 methods).
    public static let networkVersion: UInt64 = 21

    /// `StateLookupID`: the ID address of `address`.
    /// - Throws: ``ChainStateError`` `notFound` when no actor has that address.
    public func lookupID(_ address: Address) throws(ChainStateError) -> Address {
        guard let id = tree.lookupID(address) else { throw notFound(address) }
        return Address(id: id)
    }

    /// `StateAccountKey`: the key address of the account `address` names.
    /// - Throws: ``ChainStateError`` `notFound` when it is unknown or not an account.
    public func accountKey(_ address: Address) throws(ChainStateError) -> Address {
        guard let key = keyAddress(of: address) else {
            throw ChainStateError(.notFound, "\(address) is not an account with a key address")
        }
        return key
    }

    /// `WalletBalance`: the balance of `address`, zero for an address not yet on chain (as Lotus).
    public func balance(of address: Address) -> TokenAmount {
        actor(at: address)?.balance ?? .zero
    }

    /// `StateMinerInfo`.
    public func minerInfo(_ miner: Address) throws(ChainStateError) -> MinerInfo {
        let state = try minerState(miner)
        let info = state.info
        return MinerInfo(
            owner: Address(id: info.owner), worker: Address(id: info.worker),
            newWorker: info.pendingWorkerKey.map { Address(id: $0.newWorker) },
            controlAddresses: info.controlAddresses.map { Address(id: $0) },
            workerChangeEpoch: info.pendingWorkerKey?.effectiveAt ?? -1, peerID: info.peerID, multiaddrs: info.multiaddrs,
            windowPoStProofType: info.windowPoStProofType, sectorSize: info.sectorSize,
            windowPoStPartitionSectors: info.windowPoStPartitionSectors)
    }

    /// `StateMinerPower`; `nil` miner gives only the totals (as Lotus with an empty address).
    public func minerPower(_ miner: Address?) throws(ChainStateError) -> MinerPower {
        let power = tree.powerState
        var claim = PowerClaim(rawBytePower: 0, qualityAdjPower: 0)
        if let miner {
            let id = try minerID(miner)
            let stored = power.claims[id]
            claim = PowerClaim(rawBytePower: stored?.rawBytePower ?? 0, qualityAdjPower: stored?.qualityAdjPower ?? 0)
        }
        return MinerPower(
            minerPower: claim,
            totalPower: PowerClaim(rawBytePower: power.totalRawBytePower, qualityAdjPower: power.totalQualityAdjPower),
            hasMinPower: claim.qualityAdjPower >= network.consensusMinerMinPower)
    }

    /// `StateMinerDeadlines`.
    public func minerDeadlines(_ miner: Address) throws(ChainStateError) -> [MinerDeadline] {
        try minerState(miner).deadlines.map { MinerDeadline(postSubmissions: $0.postSubmissions) }
    }

    /// `StateMinerPartitions`.
    public func minerPartitions(_ miner: Address, deadline: UInt64) throws(ChainStateError) -> [MinerPartition] {
        let state = try minerState(miner)
        guard deadline < UInt64(state.deadlines.count) else {
            throw ChainStateError(.invalidArgument, "deadline \(deadline) does not exist (0–\(state.deadlines.count - 1))")
        }
        return state.deadlines[Int(deadline)].partitions.map(MinerPartition.init)
    }

    /// `StateMinerProvingDeadline`: the miner's current deadline at the head (Lotus `DeadlineInfo(head).NextNotElapsed()`).
    public func minerProvingDeadline(_ miner: Address) throws(ChainStateError) -> DeadlineInfo {
        try minerState(miner).currentDeadlineInfo(at: head.height, network: network).nextNotElapsed(network: network)
    }

    /// `StateSectorGetInfo`: `nil` for a sector that is not proven (or was terminated).
    public func sectorInfo(_ miner: Address, sector: SectorNumber) throws(ChainStateError) -> SectorOnChainInfo? {
        try minerState(miner).sectors[sector]
    }

    /// `StateSectorPreCommitInfo`: `nil` when the sector is not pre-committed.
    public func preCommitInfo(_ miner: Address, sector: SectorNumber) throws(ChainStateError) -> SectorPreCommitOnChainInfo? {
        try minerState(miner).preCommits[sector]
    }

    /// `StateMinerSectors`: the miner's sectors, only those in `filter` if given, in sector order.
    public func minerSectors(_ miner: Address, filter: BitField? = nil) throws(ChainStateError) -> [SectorOnChainInfo] {
        try minerState(miner).sectors.values.filter { filter?.contains($0.sectorNumber) ?? true }
    }

    /// `StateMinerAvailableBalance`: balance minus pre-commit deposits and pledge.
    public func minerAvailableBalance(_ miner: Address) throws(ChainStateError) -> TokenAmount {
        let state = try minerState(miner)
        return state.availableBalance(actor(at: miner)?.balance ?? .zero)
    }

    /// `StateMarketDeals`: every deal by its ID as text.
    public func marketDeals() -> [String: MarketDeal] {
        let market = tree.marketState
        var deals: [String: MarketDeal] = [:]
        for (id, proposal) in market.proposals.entries {
            deals[String(id)] = MarketDeal(proposal: proposal, state: market.states[id] ?? .published)
        }
        return deals
    }

    /// `StateMarketStorageDeal`.
    /// - Throws: ``ChainStateError`` `notFound` for an unknown (or settled) deal.
    public func marketStorageDeal(_ id: DealID) throws(ChainStateError) -> MarketDeal {
        let market = tree.marketState
        guard let proposal = market.proposals[id] else {
            throw ChainStateError(.notFound, "deal \(id) not found (never published, or already settled)")
        }
        return MarketDeal(proposal: proposal, state: market.states[id] ?? .published)
    }

    /// `StateMarketBalance`: zero for a party without escrow.
    public func marketBalance(_ address: Address) throws(ChainStateError) -> MarketBalance {
        guard let id = tree.lookupID(address) else { throw notFound(address) }
        let market = tree.marketState
        return MarketBalance(escrow: market.escrow[id] ?? .zero, locked: market.locked[id] ?? .zero)
    }

    /// `MinerGetBaseInfo` for the next epoch: the miner's power and sectors and what its worker must sign.
    /// - Throws: ``ChainStateError`` when `epoch` is not the next epoch or `miner` is not a miner.
    public func miningBaseInfo(_ miner: Address, epoch: ChainEpoch) throws(ChainStateError) -> MiningBaseInfo {
        let id = try minerID(miner)
        let state = try minerState(miner)
        let minerAddress = Address(id: id)
        guard let ticket = ticketRandomness(epoch: epoch, miner: minerAddress),
            let election = electionRandomness(epoch: epoch, miner: minerAddress),
            let challenge = winningPoStRandomness(epoch: epoch, miner: minerAddress)
        else {
            throw ChainStateError(.invalidArgument, "base info is for the next epoch \(head.height + 1), not \(epoch)")
        }
        guard let workerKey = tree.keyAddress(of: state.info.worker) else {
            throw ChainStateError(.corruptState, "worker t0\(state.info.worker) of t0\(id) is not an account")
        }
        let power = tree.powerState
        let claim = power.claims[id]?.qualityAdjPower ?? 0
        let sectors = state.activeSectors.sorted.compactMap { number -> ExtendedSectorInfo? in
            guard let sector = state.sectors[number] else { return nil }
            return ExtendedSectorInfo(sealProof: sector.sealProof, sectorNumber: number, sealedCID: sector.sealedCID)
        }
        return MiningBaseInfo(
            minerPower: String(claim), networkPower: String(power.totalQualityAdjPower), sectors: sectors,
            workerKey: workerKey, sectorSize: state.info.sectorSize.bytes,
            eligibleForMining: claim >= network.consensusMinerMinPower, epoch: epoch, ticketRandomness: ticket,
            electionRandomness: election, winningPoStRandomness: challenge)
    }

    // MARK: Helpers

    private func notFound(_ address: Address) -> ChainStateError {
        ChainStateError(.notFound, "actor \(address) not found")
    }

    private func minerID(_ miner: Address) throws(ChainStateError) -> ActorID {
        guard let id = tree.lookupID(miner) else { throw notFound(miner) }
        guard tree.minerState(id) != nil else {
            throw ChainStateError(.invalidArgument, "\(miner) is not a storage miner")
        }
        return id
    }

    private func minerState(_ miner: Address) throws(ChainStateError) -> MinerState {
        let id = try minerID(miner)
        return tree.minerState(id)!
    }
}
