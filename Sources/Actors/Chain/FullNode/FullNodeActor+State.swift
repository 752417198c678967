import APICore
import ChainState
import ChainTypes
import Multiformats

/// Chain and state queries (Lotus `ChainHead`, `ChainGetTipSetByHeight`, `State*`), answered from the head.
extension FullNodeActor {
    /// `ChainGetTipSetByHeight`: the tipset at `height` (every devnet epoch has one).
    public func tipSet(atHeight height: ChainEpoch, _ key: TipSetKey?) throws -> TipSet {
        try checkTipSet(key)
        let top = key.flatMap { recentKeys[$0] } ?? chain.head.height
        guard height >= 0 else { throw RPCError(.methodError, "height \(height) is negative") }
        guard height <= top else {
            throw RPCError(.methodError, "looking for tipset with height greater than start point (\(height) > \(top))")
        }
        guard let tipSet = try store.tipSet(atHeight: height) else {
            throw RPCError(.methodError, "the chain database has no tipset at height \(height) (head \(chain.head.height))")
        }
        return tipSet
    }

    /// `StateGetActor`.
    public func actor(_ address: Address, _ key: TipSetKey?) throws -> ActorView {
        try checkTipSet(key)
        guard let record = chain.actor(at: address) else {
            throw RPCError(.methodError, "resolution lookup failed (\(address)): actor not found")
        }
        return ActorView(record)
    }

    /// `StateLookupID`.
    public func lookupID(_ address: Address, _ key: TipSetKey?) throws -> Address {
        try checkTipSet(key)
        return try chain.lookupID(address)
    }

    /// `StateAccountKey`.
    public func accountKey(_ address: Address, _ key: TipSetKey?) throws -> Address {
        try checkTipSet(key)
        return try chain.accountKey(address)
    }

    /// `StateMinerInfo`.
    public func minerInfo(_ miner: Address, _ key: TipSetKey?) throws -> MinerInfo {
        try checkTipSet(key)
        return try chain.minerInfo(miner)
    }

    /// `StateMinerPower`.
    public func minerPower(_ miner: Address, _ key: TipSetKey?) throws -> MinerPower {
        try checkTipSet(key)
        return try chain.minerPower(miner)
    }

    /// `StateMinerDeadlines`.
    public func minerDeadlines(_ miner: Address, _ key: TipSetKey?) throws -> [MinerDeadline] {
        try checkTipSet(key)
        return try chain.minerDeadlines(miner)
    }

    /// `StateMinerPartitions`.
    public func minerPartitions(_ miner: Address, deadline: UInt64, _ key: TipSetKey?) throws -> [MinerPartition] {
        try checkTipSet(key)
        return try chain.minerPartitions(miner, deadline: deadline)
    }

    /// `StateMinerProvingDeadline`.
    public func minerProvingDeadline(_ miner: Address, _ key: TipSetKey?) throws -> DeadlineInfo {
        try checkTipSet(key)
        return try chain.minerProvingDeadline(miner)
    }

    /// `StateSectorGetInfo`: `nil` when the sector is not (or no longer) on chain.
    public func sectorInfo(_ miner: Address, sector: SectorNumber, _ key: TipSetKey?) throws -> SectorOnChainInfo? {
        try checkTipSet(key)
        return try chain.sectorInfo(miner, sector: sector)
    }

    /// `StateSectorPreCommitInfo`: `nil` when the sector is not pre-committed (proven sectors are not).
    public func preCommitInfo(_ miner: Address, sector: SectorNumber, _ key: TipSetKey?) throws -> SectorPreCommitOnChainInfo? {
        try checkTipSet(key)
        return try chain.preCommitInfo(miner, sector: sector)
    }

    /// `StateMinerSectors`: all sectors, or those in `filter`.
    public func minerSectors(_ miner: Address, filter: BitField?, _ key: TipSetKey?) throws -> [SectorOnChainInfo] {
        try checkTipSet(key)
        return try chain.minerSectors(miner, filter: filter)
    }

    /// `StateMinerAvailableBalance`.
    public func minerAvailableBalance(_ miner: Address, _ key: TipSetKey?) throws -> TokenAmount {
        try checkTipSet(key)
        return try chain.minerAvailableBalance(miner)
    }

    /// `StateMarketDeals`: every deal by ID (decimal string keys, as Lotus).
    public func marketDeals(_ key: TipSetKey?) throws -> [String: MarketDeal] {
        try checkTipSet(key)
        return chain.marketDeals()
    }

    /// `StateMarketStorageDeal`.
    public func marketStorageDeal(_ id: DealID, _ key: TipSetKey?) throws -> MarketDeal {
        try checkTipSet(key)
        return try chain.marketStorageDeal(id)
    }

    /// `StateMarketBalance`.
    public func marketBalance(_ address: Address, _ key: TipSetKey?) throws -> MarketBalance {
        try checkTipSet(key)
        return try chain.marketBalance(address)
    }

    /// `StateNetworkVersion`.
    public func networkVersion(_ key: TipSetKey?) throws -> UInt64 {
        try checkTipSet(key)
        return DevnetChain.networkVersion
    }

    /// `StateGetRandomnessFromTickets` / `StateGetRandomnessFromBeacon`: the chain's randomness for the domain tag
    /// `personalization` at `epoch` with `entropy` (on this devnet both come from the chain; there is no drand).
    /// - Throws: ``APICore/RPCError`` for an unknown tag, an epoch after the head, or one the chain no longer keeps.
    public func randomness(_ personalization: Int64, epoch: ChainEpoch, entropy: [UInt8], _ key: TipSetKey?) throws -> [UInt8] {
        try checkTipSet(key)
        guard let domain = ChainRandomness.Domain(rawValue: personalization) else {
            throw RPCError(.methodError, "unknown domain separation tag \(personalization)")
        }
        guard epoch <= chain.head.tipSet.height else {
            throw RPCError(.methodError, "cannot draw randomness from epoch \(epoch): the head is at \(chain.head.tipSet.height)")
        }
        guard let drawn = chain.randomness(domain, at: epoch, entropy: entropy) else {
            throw RPCError(.methodError, "randomness for epoch \(epoch) is no longer available (the chain keeps recent epochs only)")
        }
        return drawn
    }

    /// `MinerGetBaseInfo`: what a miner needs to attempt the election at `epoch`.
    public func miningBaseInfo(_ miner: Address, epoch: ChainEpoch, _ key: TipSetKey?) throws -> MiningBaseInfo {
        try checkTipSet(key)
        return try chain.miningBaseInfo(miner, epoch: epoch)
    }

    /// `WalletBalance`: zero for an address with no actor, as Lotus.
    public func balance(_ address: Address) -> TokenAmount {
        chain.balance(of: address)
    }

    /// `SyncSubmitBlock` on this devnet: a miner's winning submission for the next epoch. It is checked now
    /// (epoch, worker signature over the chain's randomness, election against power) and used when the clock
    /// produces that epoch; the first valid submission for an epoch wins.
    /// - Throws: ``ChainState/ChainStateError`` `submissionRefused` with the reason.
    public func submit(_ winning: WinningSubmission) throws {
        let next = chain.head.height + 1
        guard winning.epoch == next else {
            throw ChainStateError(
                .submissionRefused, "submission for epoch \(winning.epoch) is not for the next epoch \(next) (head \(chain.head.height))")
        }
        _ = try chain.checkSubmission(winning)
        if submission?.epoch != next { submission = winning }
    }

    // MARK: Messages

    /// `StateSearchMsg`: where `cid` was executed, or `nil`; with `limit` ≥ 0 only `limit` epochs back from the head.
    public func searchMessage(_ cid: CID, limit: ChainEpoch, _ key: TipSetKey?) throws -> MsgLookup? {
        try checkTipSet(key)
        guard let lookup = try store.lookup(message: cid) else { return nil }
        if limit >= 0, lookup.height < chain.head.height - limit { return nil }
        return lookup
    }

    /// `StateWaitMsg`: waits until `cid` is executed and `confidence` more epochs are on top of it. With `limit`
    /// ≥ 0, an execution more than `limit` epochs below the head when found does not count (Lotus's lookback).
    /// Replaced messages are not followed: wait for the CID that was executed.
    public func waitMessage(_ cid: CID, confidence: UInt64, limit: ChainEpoch) async throws -> MsgLookup {
        while true {
            if let lookup = try store.lookup(message: cid), limit < 0 || lookup.height >= chain.head.height - limit {
                // Epochs on top of the execution, compared unsigned: a confidence beyond Int64 is simply never reached.
                let depth = UInt64(clamping: chain.head.height - lookup.height)
                if lookup.height <= chain.head.height, depth >= confidence { return lookup }
            }
            try await nextHead()
        }
    }

    /// `ChainGetMessage`: a message executed or pending.
    public func message(_ cid: CID) throws -> Message {
        guard let signed = try store.message(cid) else {
            throw RPCError(.methodError, "failed to load message: message \(cid) not found")
        }
        return signed.message
    }
}
