import ChainState
import ChainTypes
import Foundation
import Testing

/// Pre-commit, prove-commit, Window PoSt, faults and recoveries on the devnet's 4 × 10-epoch proving period.
@Suite struct SectorTests {
    /// A 2 KiB miner with owner = worker = wallet 0.
    struct Rig {
        var net: TestNet
        let miner: Address
        var worker: WalletKey { net.wallets[0] }
        var minerID: ActorID { miner.id! }

        init() throws {
            net = try TestNet(wallets: 3)
            miner = try net.createMiner(owner: net.wallets[0], value: TokenAmount(wholeFIL: 50))
        }

        func preCommitInfo(_ number: SectorNumber, deals: [DealID] = []) throws -> SectorPreCommitInfo {
            SectorPreCommitInfo(
                sealProof: SectorSize.kib2.sealProof, sectorNumber: number, sealedCID: try sealedCID(UInt8(number)),
                sealRandEpoch: net.height - 1, dealIDs: deals, expiration: net.height + 1_000)
        }

        mutating func preCommit(_ number: SectorNumber, deals: [DealID] = []) throws -> MessageReceipt {
            try net.execute(worker, to: miner, method: MinerMethod.preCommitSector.rawValue, params: try preCommitInfo(number, deals: deals).encoded)
        }

        mutating func proveCommit(_ number: SectorNumber) throws -> MessageReceipt {
            try net.executeUnchecked(
                worker, to: miner, method: MinerMethod.proveCommitSector.rawValue,
                params: ProveCommitSectorParams(sectorNumber: number, proof: [0xAB, 0xCD]).encoded)
        }

        /// Advances until the miner's deadline `index` is open for a message executed next epoch.
        mutating func advanceToOpenDeadline(_ index: UInt64) throws -> DeadlineInfo {
            for _ in 0..<200 {
                let info = try net.chain.minerProvingDeadline(miner)
                let next = net.height + 1
                if info.index == index, info.open <= next, next < info.close, info.challenge <= net.height { return info }
                try net.advance()
            }
            Issue.record("deadline \(index) never opened")
            throw ChainStateError(.notFound, "deadline \(index) never opened")
        }

        mutating func submitPoSt(_ index: UInt64, partitions: [PoStPartition]) throws -> MessageReceipt {
            let info = try advanceToOpenDeadline(index)
            let params = SubmitWindowedPoStParams(
                deadline: index, partitions: partitions, proofs: [PoStProof(postProof: 10, proofBytes: [1, 2, 3])],
                chainCommitEpoch: info.challenge, chainCommitRand: try #require(net.chain.chainCommitRandomness(epoch: info.challenge)))
            return try net.execute(worker, to: miner, method: MinerMethod.submitWindowedPoSt.rawValue, params: params.encoded)
        }

        /// Pre-commits and proves sector `number`; returns its deadline and partition.
        mutating func seal(_ number: SectorNumber) throws -> (deadline: UInt64, partition: UInt64) {
            #expect(try preCommit(number).exitCode == .ok)
            try net.advance(to: net.height + NetworkParams().preCommitChallengeDelay)
            let receipt = try proveCommit(number)
            #expect(receipt.exitCode == .ok, "\(receipt.error ?? "")")
            return try #require(net.chain.tree.minerState(minerID)?.location(of: number))
        }
    }

    @Test func proveCommitBeforeTheSeedIsTooEarlyAndAfterItActivatesTheSector() throws {
        var rig = try Rig()
        #expect(try rig.preCommit(1).exitCode == .ok)
        let precommitEpoch = rig.net.height
        #expect(try rig.net.chain.preCommitInfo(rig.miner, sector: 1)?.preCommitEpoch == precommitEpoch)
        #expect(try rig.net.chain.minerAvailableBalance(rig.miner) == TokenAmount(wholeFIL: 50) - NetworkParams().preCommitDepositPerSector)

        let early = try rig.proveCommit(1)
        #expect(early.exitCode == .errForbidden)
        #expect(
            early.error == "too early to prove sector 1: its seed is drawn at epoch \(precommitEpoch + 10), prove it after that "
                + "(now \(precommitEpoch + 1))")

        try rig.net.advance(to: precommitEpoch + 10)
        let proven = try rig.proveCommit(1)
        #expect(proven.exitCode == .ok, "\(proven.error ?? "")")
        let sector = try #require(try rig.net.chain.sectorInfo(rig.miner, sector: 1))
        let expectedCID = try sealedCID(1)
        #expect(sector.activation == rig.net.height && sector.sealedCID == expectedCID)
        #expect(try rig.net.chain.preCommitInfo(rig.miner, sector: 1) == nil)
        #expect(try rig.net.chain.minerPower(rig.miner).minerPower.rawBytePower == 0, "unproven until its first Window PoSt")

        let again = try rig.net.executeUnchecked(
            rig.worker, to: rig.miner, method: MinerMethod.preCommitSector.rawValue, params: try rig.preCommitInfo(1).encoded)
        #expect(again.exitCode == .errIllegalArgument)
        #expect(again.error == "sector number 1 was already used by t01000")
    }

    @Test func preCommitChecksProofTypeExpirationAndCaller() throws {
        var rig = try Rig()
        var info = try rig.preCommitInfo(5)
        info.sealProof = SectorSize.mib8.sealProof
        var receipt = try rig.net.executeUnchecked(rig.worker, to: rig.miner, method: MinerMethod.preCommitSector.rawValue, params: info.encoded)
        #expect(receipt.error == "sector 5: seal proof type 6 does not match the miner's 5 (2KiB sectors)")
        info = try rig.preCommitInfo(5)
        info.expiration = rig.net.height + 20
        receipt = try rig.net.executeUnchecked(rig.worker, to: rig.miner, method: MinerMethod.preCommitSector.rawValue, params: info.encoded)
        #expect(receipt.exitCode == .errIllegalArgument && receipt.error?.contains("expiration") == true)
        receipt = try rig.net.executeUnchecked(
            rig.net.wallets[2], to: rig.miner, method: MinerMethod.preCommitSector.rawValue, params: try rig.preCommitInfo(5).encoded)
        #expect(receipt.exitCode == .errForbidden)
        // An expiration so far below the current epoch that the lifetime overflows is refused (it trapped).
        info = try rig.preCommitInfo(5)
        info.expiration = .min
        receipt = try rig.net.executeUnchecked(rig.worker, to: rig.miner, method: MinerMethod.preCommitSector.rawValue, params: info.encoded)
        #expect(receipt.exitCode == .errIllegalArgument && receipt.error?.contains("expiration -9223372036854775808") == true)
    }

    @Test func windowPoStActivatesPowerAndAMissedPoStMakesTheSectorFaulty() throws {
        var rig = try Rig()
        let (deadline, partition) = try rig.seal(1)

        let post = try rig.submitPoSt(deadline, partitions: [PoStPartition(index: partition)])
        #expect(post.exitCode == .ok, "\(post.error ?? "")")
        var power = try rig.net.chain.minerPower(rig.miner)
        #expect(power.minerPower.rawBytePower == 2048 && power.hasMinPower)
        #expect(power.totalPower.qualityAdjPower == 2048)
        #expect(try rig.net.chain.minerDeadlines(rig.miner)[Int(deadline)].postSubmissions == [partition])
        #expect(try rig.net.chain.minerPartitions(rig.miner, deadline: deadline)[Int(partition)].activeSectors == [1])

        // Let the deadline come round again without a proof: the cron marks the sector faulty.
        try rig.net.advance(to: try rig.net.chain.minerProvingDeadline(rig.miner).close)
        let open = try rig.advanceToOpenDeadline(deadline)
        #expect(try rig.net.chain.minerPartitions(rig.miner, deadline: deadline)[Int(partition)].faultySectors.isEmpty)
        try rig.net.advance(to: open.close)
        let partitions = try rig.net.chain.minerPartitions(rig.miner, deadline: deadline)
        #expect(partitions[Int(partition)].faultySectors == [1])
        #expect(partitions[Int(partition)].activeSectors.isEmpty)
        power = try rig.net.chain.minerPower(rig.miner)
        #expect(power.minerPower.rawBytePower == 0 && power.totalPower.rawBytePower == 0)

        // Declare it recovered before the next cutoff and prove it: active again.
        let recovery = DeclareFaultsRecoveredParams(recoveries: [SectorDeclaration(deadline: deadline, partition: partition, sectors: [1])])
        let declared = try rig.net.execute(rig.worker, to: rig.miner, method: MinerMethod.declareFaultsRecovered.rawValue, params: recovery.encoded)
        #expect(declared.exitCode == .ok, "\(declared.error ?? "")")
        #expect(try rig.net.chain.minerPartitions(rig.miner, deadline: deadline)[Int(partition)].recoveringSectors == [1])
        #expect(try rig.submitPoSt(deadline, partitions: [PoStPartition(index: partition)]).exitCode == .ok)
        #expect(try rig.net.chain.minerPower(rig.miner).minerPower.rawBytePower == 2048)
    }

    @Test func windowPoStIsRefusedOutsideItsDeadlineAndWithWrongRandomness() throws {
        var rig = try Rig()
        let (deadline, partition) = try rig.seal(1)
        let info = try rig.advanceToOpenDeadline(deadline)
        let wrongDeadline = SubmitWindowedPoStParams(
            deadline: (deadline + 1) % 4, partitions: [PoStPartition(index: partition)],
            proofs: [PoStProof(postProof: 10, proofBytes: [1])], chainCommitEpoch: info.challenge,
            chainCommitRand: try #require(rig.net.chain.chainCommitRandomness(epoch: info.challenge)))
        var receipt = try rig.net.executeUnchecked(rig.worker, to: rig.miner, method: MinerMethod.submitWindowedPoSt.rawValue, params: wrongDeadline.encoded)
        #expect(receipt.exitCode == .errIllegalArgument)
        #expect(receipt.error?.hasPrefix("invalid deadline \((deadline + 1) % 4)") == true)

        let info2 = try rig.advanceToOpenDeadline(deadline)
        var badRand = wrongDeadline
        badRand.deadline = deadline
        badRand.chainCommitEpoch = info2.challenge
        badRand.chainCommitRand = [UInt8](repeating: 0, count: 32)
        receipt = try rig.net.executeUnchecked(rig.worker, to: rig.miner, method: MinerMethod.submitWindowedPoSt.rawValue, params: badRand.encoded)
        #expect(receipt.error == "chain commit randomness does not match the chain at epoch \(info2.challenge)")

        var empty = badRand
        empty.chainCommitRand = try #require(rig.net.chain.chainCommitRandomness(epoch: info2.challenge))
        empty.proofs = [PoStProof(postProof: 10, proofBytes: [])]
        receipt = try rig.net.executeUnchecked(rig.worker, to: rig.miner, method: MinerMethod.submitWindowedPoSt.rawValue, params: empty.encoded)
        #expect(receipt.error == "invalid Window PoSt for deadline \(deadline): Window PoSt proof is empty")
    }

    @Test func batchPreCommitAndAggregateProveCommitActivateADeal() throws {
        var rig = try Rig()
        let client = rig.net.wallets[1]
        let market = Address(id: BuiltinActor.market)
        _ = try rig.net.execute(client, to: market, value: TokenAmount(wholeFIL: 1), method: MarketMethod.addBalance.rawValue, params: client.address.encoded)
        let start = rig.net.height + 100
        let proposal = DealProposal(
            pieceCID: try pieceCID(3), pieceSize: 2048, client: client.address, provider: rig.miner, startEpoch: start,
            endEpoch: start + 200, storagePricePerEpoch: 5, providerCollateral: 0, clientCollateral: 0)
        let deal = ClientDealProposal(proposal: proposal, clientSignature: try client.sign(proposal.cborBytes))
        #expect(try rig.net.execute(rig.worker, to: market, method: MarketMethod.publishStorageDeals.rawValue, params: PublishStorageDealsParams(deals: [deal]).encoded).exitCode == .ok)

        let batch = PreCommitSectorBatchParams(sectors: [try rig.preCommitInfo(7, deals: [0]), try rig.preCommitInfo(8)])
        #expect(try rig.net.execute(rig.worker, to: rig.miner, method: MinerMethod.preCommitSectorBatch.rawValue, params: batch.encoded).exitCode == .ok)
        try rig.net.advance(to: rig.net.height + 10)
        let aggregate = ProveCommitAggregateParams(sectorNumbers: [7, 8], aggregateProof: [7, 7, 7])
        let receipt = try rig.net.executeUnchecked(rig.worker, to: rig.miner, method: MinerMethod.proveCommitAggregate.rawValue, params: aggregate.encoded)
        #expect(receipt.exitCode == .ok, "\(receipt.error ?? "")")
        #expect(try rig.net.chain.minerSectors(rig.miner).map(\.sectorNumber) == [7, 8])
        #expect(try rig.net.chain.minerSectors(rig.miner, filter: [8]).map(\.sectorNumber) == [8])
        let state = try rig.net.chain.marketStorageDeal(0).state
        #expect(state.sectorStartEpoch == rig.net.height && state.sectorNumber == 7)

        // What the daemon stores (actor JSON) resumes to the same state root.
        let records = try rig.net.chain.tree.actors.values.map { try JSONDecoder().decode(ActorRecord.self, from: JSONEncoder().encode($0)) }
        let stored = StoredChain(head: rig.net.chain.head, actors: records, recentTipSets: rig.net.commits.map(\.head.tipSet), pending: [])
        let resumed = try DevnetChain(network: rig.net.chain.network, stored: stored)
        #expect(resumed.head == rig.net.chain.head)
        #expect(try resumed.minerSectors(rig.miner).map(\.sectorNumber) == [7, 8])
    }

    @Test func faultsDeclaredBeforeTheCutoffRemovePowerAndTerminationEndsTheSector() throws {
        var rig = try Rig()
        let (deadline, partition) = try rig.seal(1)
        #expect(try rig.submitPoSt(deadline, partitions: [PoStPartition(index: partition)]).exitCode == .ok)
        // Move into the next deadline so this one's next occurrence is a full period away (cutoff not passed).
        try rig.net.advance(to: try rig.net.chain.minerProvingDeadline(rig.miner).close)
        let faults = DeclareFaultsParams(faults: [SectorDeclaration(deadline: deadline, partition: partition, sectors: [1])])
        let declared = try rig.net.execute(rig.worker, to: rig.miner, method: MinerMethod.declareFaults.rawValue, params: faults.encoded)
        #expect(declared.exitCode == .ok, "\(declared.error ?? "")")
        #expect(try rig.net.chain.minerPower(rig.miner).minerPower.rawBytePower == 0)

        let terminate = TerminateSectorsParams(terminations: [SectorDeclaration(deadline: deadline, partition: partition, sectors: [1])])
        let receipt = try rig.net.execute(rig.worker, to: rig.miner, method: MinerMethod.terminateSectors.rawValue, params: terminate.encoded)
        #expect(receipt.exitCode == .ok, "\(receipt.error ?? "")")
        #expect(try rig.net.chain.sectorInfo(rig.miner, sector: 1) == nil)
        #expect(try rig.net.chain.minerPartitions(rig.miner, deadline: deadline)[Int(partition)].liveSectors.isEmpty)
        #expect(try rig.net.chain.minerAvailableBalance(rig.miner) == rig.net.chain.balance(of: rig.miner), "pledge released")
    }
}
