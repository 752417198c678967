import ChainState
import ChainTypes
import Testing

/// The mock election: a worker-signed ticket and election proof, accepted only from a winner with power.
@Suite struct ElectionTests {
    /// A rig whose miner holds all the network's power (so it wins every epoch).
    static func poweredRig() throws -> SectorTests.Rig {
        var rig = try SectorTests.Rig()
        let (deadline, partition) = try rig.seal(1)
        #expect(try rig.submitPoSt(deadline, partitions: [PoStPartition(index: partition)]).exitCode == .ok)
        return rig
    }

    static func submission(_ rig: SectorTests.Rig, signer: WalletKey, epoch: ChainEpoch? = nil) throws -> WinningSubmission {
        let next = epoch ?? rig.net.height + 1
        let base = try rig.net.chain.miningBaseInfo(rig.miner, epoch: rig.net.height + 1)
        return WinningSubmission(
            miner: rig.miner, epoch: next, ticket: try signer.sign(base.ticketRandomness),
            electionProof: try signer.sign(base.electionRandomness), winPoStProof: [PoStProof(postProof: 0, proofBytes: [5])])
    }

    @Test func aWinningSubmissionProducesTheBlockAndEarnsTheReward() throws {
        var rig = try Self.poweredRig()
        let base = try rig.net.chain.miningBaseInfo(rig.miner, epoch: rig.net.height + 1)
        #expect(base.eligibleForMining && base.minerPower == "2048" && base.networkPower == "2048")
        #expect(base.workerKey == rig.worker.address)
        #expect(base.sectors.map(\.sectorNumber) == [1])

        let balance = rig.net.chain.balance(of: rig.miner)
        let total = rig.net.totalBalance
        let commit = try rig.net.advance(submission: try Self.submission(rig, signer: rig.worker))
        #expect(commit.head.tipSet.block.miner == rig.miner)
        #expect(commit.head.tipSet.block.electionProof?.winCount == 1)
        #expect(commit.head.tipSet.block.ticket != nil)
        #expect(rig.net.chain.balance(of: rig.miner) == balance + NetworkParams().blockReward)
        #expect(rig.net.chain.tree.rewardState.rewardedBlocks == 1)
        #expect(rig.net.totalBalance == total, "the reward comes out of the reward actor")
    }

    @Test func aSubmissionNotSignedByTheWorkerIsRefused() throws {
        var rig = try Self.poweredRig()
        let head = rig.net.chain.head
        #expect {
            try rig.net.advance(submission: try Self.submission(rig, signer: rig.net.wallets[2]))
        } throws: { error in
            guard let error = error as? ChainStateError else { return false }
            return error.kind == .submissionRefused && error.message.contains("is not signed by its worker")
        }
        #expect(rig.net.chain.head == head, "a refused submission leaves the chain unchanged")
    }

    @Test func aSubmissionForAnotherEpochIsRefused() throws {
        let rig = try Self.poweredRig()
        let stale = try Self.submission(rig, signer: rig.worker, epoch: rig.net.height)
        #expect(throws: ChainStateError(.submissionRefused, "submission for epoch \(rig.net.height) refused: the next epoch is \(rig.net.height + 1)")) {
            try rig.net.chain.checkSubmission(stale)
        }
    }

    @Test func aMinerWithoutPowerCannotWin() throws {
        var rig = try SectorTests.Rig()
        let submission = try Self.submission(rig, signer: rig.worker)
        #expect {
            try rig.net.advance(submission: submission)
        } throws: { error in
            (error as? ChainStateError)?.message.contains("below the 2048 needed to mine") == true
        }
    }

    @Test func theElectionValueMustBeBelowThePowerShare() {
        let half = UInt64(1) << 63
        #expect(Election.wins(value: half - 1, power: 1, total: 2))
        #expect(!Election.wins(value: half, power: 1, total: 2))
        #expect(Election.wins(value: .max, power: 5, total: 5))
        #expect(!Election.wins(value: 0, power: 0, total: 5))
        #expect(!Election.wins(value: 0, power: 5, total: 0))
        #expect(Election.wins(value: UInt64.max / 4 - 1, power: 1, total: 4))
        #expect(!Election.wins(value: UInt64.max / 4 + 1, power: 1, total: 4))
    }
}
