import ChainTypes
import Multiformats

extension DevnetChain {
    /// The bytes a miner's worker signs for its ticket at `epoch`: randomness `TicketProduction` of the parent
    /// epoch, with the miner's address as entropy. `nil` unless `epoch` is the next epoch.
    public func ticketRandomness(epoch: ChainEpoch, miner: Address) -> [UInt8]? {
        guard epoch == head.height + 1 else { return nil }
        return randomness.draw(.ticketProduction, at: head.height, entropy: miner.bytes)
    }

    /// The bytes a miner's worker signs for its election proof at `epoch` (`ElectionProofProduction`).
    public func electionRandomness(epoch: ChainEpoch, miner: Address) -> [UInt8]? {
        guard epoch == head.height + 1 else { return nil }
        return randomness.draw(.electionProofProduction, at: head.height, entropy: miner.bytes)
    }

    /// The winning PoSt challenge for `epoch` (`WinningPoStChallengeSeed`).
    public func winningPoStRandomness(epoch: ChainEpoch, miner: Address) -> [UInt8]? {
        guard epoch == head.height + 1 else { return nil }
        return randomness.draw(.winningPoStChallengeSeed, at: head.height, entropy: miner.bytes)
    }

    /// The chain randomness a Window PoSt commits to at `epoch` (`PoStChainCommit`, no entropy), for
    /// `SubmitWindowedPoStParams.chainCommitRand`.
    public func chainCommitRandomness(epoch: ChainEpoch) -> [UInt8]? {
        randomness.draw(.poStChainCommit, at: epoch, entropy: [])
    }

    /// The randomness for `domain` at `epoch` with `entropy` (e.g. a Window PoSt challenge, a seal ticket or seed),
    /// for epochs within the kept lookback.
    public func randomness(_ domain: ChainRandomness.Domain, at epoch: ChainEpoch, entropy: [UInt8]) -> [UInt8]? {
        randomness.draw(domain, at: epoch, entropy: entropy)
    }

    /// Checks that `submission` wins the next epoch; returns the miner's ID.
    /// - Throws: ``ChainStateError`` `submissionRefused` with the reason: wrong epoch, unknown miner, no power,
    ///   a signature that is not the worker's, a bad winning PoSt, or an election value that does not win.
    @discardableResult
    public func checkSubmission(_ submission: WinningSubmission) throws(ChainStateError) -> ActorID {
        func refuse(_ reason: String) -> ChainStateError { ChainStateError(.submissionRefused, reason) }
        let epoch = head.height + 1
        guard submission.epoch == epoch else {
            throw refuse("submission for epoch \(submission.epoch) refused: the next epoch is \(epoch)")
        }
        guard let id = tree.lookupID(submission.miner), let miner = tree.minerState(id) else {
            throw refuse("\(submission.miner) is not a storage miner")
        }
        let power = tree.powerState
        let claim = power.claims[id]?.qualityAdjPower ?? 0
        guard claim >= network.consensusMinerMinPower else {
            throw refuse(
                "t0\(id) has \(claim) bytes of power, below the \(network.consensusMinerMinPower) needed to mine; "
                    + "prove sectors first")
        }
        guard let workerKey = tree.keyAddress(of: miner.info.worker) else {
            throw refuse("the worker t0\(miner.info.worker) of t0\(id) has no key address")
        }
        let minerAddress = Address(id: id)
        guard let ticketBytes = ticketRandomness(epoch: epoch, miner: minerAddress),
            let electionBytes = electionRandomness(epoch: epoch, miner: minerAddress),
            let challenge = winningPoStRandomness(epoch: epoch, miner: minerAddress)
        else {
            throw refuse("randomness for epoch \(epoch) is not available")
        }
        do {
            try WalletKey.verify(submission.ticket, data: ticketBytes, signer: workerKey)
            try WalletKey.verify(submission.electionProof, data: electionBytes, signer: workerKey)
        } catch {
            throw refuse("ticket or election proof of t0\(id) is not signed by its worker \(workerKey): \(error.message)")
        }
        let value = Election.value(of: submission.electionProof)
        guard Election.wins(value: value, power: claim, total: power.totalQualityAdjPower) else {
            throw refuse(
                "t0\(id) did not win epoch \(epoch): election value \(value) / 2^64 is not below its power share "
                    + "\(claim) / \(power.totalQualityAdjPower)")
        }
        guard submission.winPoStProof.allSatisfy({ $0.postProof == miner.info.sectorSize.winningPoStProof }) else {
            throw refuse("winning PoSt proof type must be \(miner.info.sectorSize.winningPoStProof) for \(miner.info.sectorSize) sectors")
        }
        let eligible = miner.activeSectors.sorted.compactMap { number -> ChallengedSector? in
            guard let sector = miner.sectors[number] else { return nil }
            return ChallengedSector(sectorNumber: number, sealProof: sector.sealProof, sealedCID: sector.sealedCID)
        }
        let info = WinningPoStVerifyInfo(randomness: challenge, proofs: submission.winPoStProof, eligibleSectors: eligible, prover: id)
        if let reason = verifier.verifyWinningPoSt(info) {
            throw refuse("invalid winning PoSt from t0\(id): \(reason)")
        }
        return id
    }
}
