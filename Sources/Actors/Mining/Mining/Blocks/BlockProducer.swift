import APICore
import ChainTypes
import FullNodeAPI
import Logging
import MinerConfig
import MockProofs

/// Block production for one miner (Lotus `miner/miner.go`): at every new head it asks the chain for the next epoch's
/// mining base, signs the election randomness with the worker key and, when the election value wins against the
/// miner's power share (``ChainTypes/Election``), signs the ticket, proves the challenged sector from its sealed file
/// (``MockProofs/MockWinningPoSt``) and submits the block (`SyncSubmitBlock`). Wins it cannot turn into an accepted
/// block are counted as missed, or late when the chain had already moved on, and logged.
/// `[Proving] DisableBuiltinWinningPoSt` stops it.
actor BlockProducer {
    private let context: MinerContext
    private var chain: SubsystemRef<FullNodeMethods> { context.chain }
    private var sectors: ProvableSectors { context.sectors }
    private var miner: Address { context.miner }
    private var logger: Logger { context.logger }
    private var lastTried: ChainEpoch = -1
    private(set) var won: UInt64 = 0
    private(set) var missed: UInt64 = 0
    private(set) var late: UInt64 = 0
    private(set) var lastWin: ChainEpoch?

    init(_ context: MinerContext) { self.context = context }

    /// Follows the chain until cancelled.
    func run() async {
        await context.follow("mining") { try await tick() }
    }

    /// One look at the head: run the election for the next epoch once, and submit a block when it is won.
    func tick() async throws {
        guard !(await context.settings().disableBuiltinWinningPoSt) else { return }
        let epoch = try await chain.call(\.chainHead).height + 1
        guard epoch > lastTried else { return }
        lastTried = epoch
        let base: MiningBaseInfo
        do {
            base = try await chain.call(\.minerGetBaseInfo, miner, epoch, nil)
        } catch {
            return  // the head moved between the two calls: the next look tries the new epoch
        }
        guard base.eligibleForMining, !base.sectors.isEmpty,
            let power = UInt64(base.minerPower), let total = UInt64(base.networkPower)
        else { return }
        let electionProof = try await chain.call(\.walletSign, base.workerKey, Base64Bytes(base.electionRandomness))
        guard Election.wins(value: Election.value(of: electionProof), power: power, total: total) else { return }

        let eligible = base.sectors.sorted { $0.sectorNumber < $1.sectorNumber }
        guard let index = MockWinningPoSt.challengedIndex(randomness: base.winningPoStRandomness, eligible: eligible.count),
            let size = SectorSize(bytes: base.sectorSize)
        else { return }
        let challenged = eligible[index]
        let proof: [UInt8]
        switch await sectors.files(number: challenged.sectorNumber, sealProof: challenged.sealProof) {
        case .success(let files):
            do {
                proof = try MockWinningPoSt.prove(randomness: base.winningPoStRandomness, sector: challenged.sectorNumber, files: files)
            } catch {
                return miss(epoch, "the winning PoSt over sector \(challenged.sectorNumber) failed: \(error)")
            }
        case .failure(let error):
            return miss(epoch, "the challenged sector \(challenged.sectorNumber) cannot be proven: \(error)")
        }
        let ticket = try await chain.call(\.walletSign, base.workerKey, Base64Bytes(base.ticketRandomness))
        let submission = WinningSubmission(
            miner: miner, epoch: epoch, ticket: ticket, electionProof: electionProof,
            winPoStProof: [PoStProof(postProof: size.winningPoStProof, proofBytes: proof)])
        do {
            _ = try await chain.call(\.syncSubmitBlock, submission)
        } catch {
            if let head = try? await chain.call(\.chainHead).height, head >= epoch {
                late += 1
                logger.warning("won an epoch too late to submit", metadata: ["epoch": "\(epoch)", "head": "\(head)", "error": "\(error)"])
                return
            }
            return miss(epoch, "the chain refused the block: \(error)")
        }
        won += 1
        lastWin = epoch
        logger.info("mined a block", metadata: ["epoch": "\(epoch)", "sector": "\(challenged.sectorNumber)", "power": "\(power)/\(total)"])
    }

    private func miss(_ epoch: ChainEpoch, _ reason: String) {
        missed += 1
        logger.error("missed a won epoch", metadata: ["epoch": "\(epoch)", "reason": "\(reason)"])
    }
}
