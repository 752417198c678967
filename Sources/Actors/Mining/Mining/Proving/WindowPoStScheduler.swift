import APICore
import ChainTypes
import FullNodeAPI
import Logging
import MinerConfig
import MockProofs
import Multiformats

/// Window PoSt for one miner (Lotus `storage/wdpost`): follows the chain head and, for each deadline, proves its
/// partitions inside the challenge window — challenge randomness from the chain, the challenged leaves read from the
/// sealed files, one `SubmitWindowedPoSt` per batch of partitions, sectors that fail their check skipped. Two deadlines
/// ahead it checks the sectors again and declares the bad ones faulty (`DeclareFaults`) and the restored ones
/// recovered (`DeclareFaultsRecovered`) before that deadline's fault cutoff.
///
/// `[Proving]` is read at every look: `DisableBuiltinWindowPoSt` stops it, `DisableWDPoStPreChecks` skips the checks
/// before a proof, `MaxPartitionsPerPoStMessage` and `MaxPartitionsPerRecoveryMessage` size its messages.
///
/// What it has done lives on the chain (proven partitions, faults, recoveries) and in the mpool (messages not yet
/// included), which it reads before it acts: a restart mid-deadline neither skips nor repeats a submission.
actor WindowPoStScheduler {
    /// Partitions per `SubmitWindowedPoSt` message when `MaxPartitionsPerPoStMessage` is 0 (each sector's proof is a
    /// few KiB; a message stays well under the chain's proof size limit).
    static let partitionsPerMessage = 8

    private let context: MinerContext
    private var chain: SubsystemRef<FullNodeMethods> { context.chain }
    private var sectors: ProvableSectors { context.sectors }
    private var miner: Address { context.miner }
    private var logger: Logger { context.logger }
    /// Deadlines (by open epoch) proven or found proven, and deadlines (by open epoch) whose faults were declared.
    private var proven: Set<ChainEpoch> = []
    private var declared: Set<ChainEpoch> = []
    private var waits: [Task<Void, Never>] = []
    /// What happened, for `lotus-miner info` and the logs.
    private(set) var counts = Counts()

    struct Counts: Sendable, Equatable {
        var submitted = 0
        var failed = 0
        var faultsDeclared = 0
        var recoveriesDeclared = 0
    }

    init(_ context: MinerContext) { self.context = context }

    /// Follows the chain until cancelled.
    func run() async {
        await context.follow("Window PoSt") { try await tick() }
        for wait in waits { wait.cancel() }
    }

    /// One look at the chain: prove the open deadline if it is due, declare for the deadline two ahead.
    func tick() async throws {
        let settings = await context.settings()
        guard !settings.disableBuiltinWindowPoSt else { return }
        let deadline = try await chain.call(\.stateMinerProvingDeadline, miner, nil)
        if deadline.isOpen, deadline.currentEpoch >= deadline.challenge, !proven.contains(deadline.open) {
            try await prove(deadline, settings: settings)
            proven.insert(deadline.open)
        }
        let target = (deadline.index + 2) % deadline.wPoStPeriodDeadlines
        let targetOpen = deadline.open + ChainEpoch(2) * deadline.wPoStChallengeWindow
        if !declared.contains(targetOpen), deadline.currentEpoch < targetOpen - deadline.faultDeclarationCutoff {
            try await declare(deadline: target, opening: targetOpen, settings: settings)
            declared.insert(targetOpen)
        }
        proven = proven.filter { $0 >= deadline.open - deadline.wPoStProvingPeriod }
        declared = declared.filter { $0 >= deadline.open - deadline.wPoStProvingPeriod }
    }

    // MARK: Proving

    private struct Entry: Sendable {
        var partition: UInt64
        var skipped: BitField
        var sectors: [(number: UInt64, files: SealedSectorFiles)]
    }

    /// Proves every partition of `deadline` not yet proven or in flight. The work is shaped so that a deadline with
    /// many partitions still fits its challenge window: the partitions' sectors are read from the chain in one query
    /// and checked concurrently, and the proof messages (one per ``partitionsPerMessage`` partitions) share one
    /// commit epoch and are proven and pushed concurrently.
    private func prove(_ deadline: DeadlineInfo, settings: ProvingConfig) async throws {
        let proven = try await chain.call(\.stateMinerDeadlines, miner, nil)
        guard Int(deadline.index) < proven.count else { return }
        let inFlight = try await pendingPartitions(deadline: deadline.index)
        let partitions = try await chain.call(\.stateMinerPartitions, miner, deadline.index, nil)
        let randomness = try await chain.call(
            \.stateGetRandomnessFromBeacon, Int64(4), deadline.challenge, Base64Bytes(miner.bytes), nil).bytes
        var todo: [(partition: UInt64, candidates: BitField)] = []
        for (index, partition) in partitions.enumerated() {
            let number = UInt64(index)
            guard !partition.liveSectors.isEmpty, !proven[Int(deadline.index)].postSubmissions.contains(number), !inFlight.contains(number)
            else { continue }
            todo.append((number, partition.liveSectors.subtracting(partition.faultySectors.subtracting(partition.recoveringSectors))))
        }
        guard !todo.isEmpty else { return }
        let all = todo.reduce(BitField()) { $0.union($1.candidates) }
        let infos = all.isEmpty ? [] : try await chain.call(\.stateMinerSectors, miner, all, nil)
        let checked = await sectors.checked(infos, randomness: randomness, locateOnly: settings.disableWDPoStPreChecks)
        var entries: [Entry] = []
        for (partition, candidates) in todo {
            var entry = Entry(partition: partition, skipped: BitField(), sectors: [])
            for number in candidates.sorted {
                switch checked[number] {
                case .success(let files)?:
                    entry.sectors.append((number, files))
                case .failure(let error)?:
                    entry.skipped.formUnion(BitField([number]))
                    logger.warning(
                        "skipping a sector that cannot be proven",
                        metadata: ["deadline": "\(deadline.index)", "sector": "\(number)", "reason": "\(error)"])
                case nil:
                    // The chain listed the sector in the partition but returned no info for it: it cannot be proven.
                    entry.skipped.formUnion(BitField([number]))
                }
            }
            entries.append(entry)
        }
        let info = try await chain.call(\.stateMinerInfo, miner, nil)
        let commitEpoch = try await chain.call(\.chainHead).height
        let commitRand = try await chain.call(\.stateGetRandomnessFromTickets, Int64(9), commitEpoch, Base64Bytes([]), nil).bytes
        let perMessage = settings.maxPartitionsPerPoStMessage > 0 ? settings.maxPartitionsPerPoStMessage : Self.partitionsPerMessage
        let batches = stride(from: 0, to: entries.count, by: perMessage).map { Array(entries[$0..<min($0 + perMessage, entries.count)]) }
        let (chain, miner) = (self.chain, self.miner)
        var failure: (any Error)?
        await withTaskGroup(of: (batch: [Entry], result: Result<SignedMessage, any Error>).self) { group in
            for batch in batches {
                group.addTask {
                    do {
                        let proof = try MockWindowPoSt.prove(randomness: randomness, sectors: batch.flatMap(\.sectors))
                        let params = SubmitWindowedPoStParams(
                            deadline: deadline.index, partitions: batch.map { PoStPartition(index: $0.partition, skipped: $0.skipped) },
                            proofs: [PoStProof(postProof: info.windowPoStProofType, proofBytes: proof)], chainCommitEpoch: commitEpoch,
                            chainCommitRand: commitRand)
                        let message = Message(
                            to: miner, from: info.worker, value: .zero, method: MinerMethod.submitWindowedPoSt.rawValue, params: params.encoded)
                        return (batch, .success(try await chain.call(\.mpoolPushMessage, message, nil)))
                    } catch {
                        return (batch, .failure(error))
                    }
                }
            }
            for await (batch, result) in group {
                switch result {
                case .success(let signed):
                    counts.submitted += 1
                    logger.info(
                        "submitted Window PoSt",
                        metadata: [
                            "deadline": "\(deadline.index)", "partitions": "\(batch.map(\.partition))",
                            "sectors": "\(batch.reduce(0) { $0 + $1.sectors.count })", "skipped": "\(batch.reduce(0) { $0 + $1.skipped.count })",
                            "message": "\(signed.cid)",
                        ])
                    follow(signed.cid, what: "SubmitWindowedPoSt for deadline \(deadline.index)")
                case .failure(let error):
                    failure = failure ?? error
                }
            }
        }
        if let failure {
            // A file went away between the check and the proof, or the push failed: the next tick proves what is left
            // (partitions already submitted are in the mpool or on chain and are not proven twice).
            self.proven.remove(deadline.open)
            throw failure
        }
    }

    /// Partitions of `deadline` in our SubmitWindowedPoSt messages still in the mpool (sent before a restart).
    private func pendingPartitions(deadline: UInt64) async throws -> Set<UInt64> {
        var partitions = Set<UInt64>()
        for signed in try await chain.call(\.mpoolPending, nil)
        where signed.message.to == miner && signed.message.method == MinerMethod.submitWindowedPoSt.rawValue {
            guard let params = try? SubmitWindowedPoStParams.decode(signed.message.params, method: MinerMethod.submitWindowedPoSt.name),
                params.deadline == deadline
            else { continue }
            for entry in params.partitions { partitions.insert(entry.index) }
        }
        return partitions
    }

    // MARK: Faults and recoveries

    /// Checks deadline `index` (opening at `opening`) and declares its bad sectors faulty and its restored ones
    /// recovered.
    private func declare(deadline index: UInt64, opening: ChainEpoch, settings: ProvingConfig) async throws {
        let partitions = try await chain.call(\.stateMinerPartitions, miner, index, nil)
        guard partitions.contains(where: { !$0.liveSectors.isEmpty }) else { return }
        // Any challenges will do for a check; fresh ones each time, as Lotus's.
        let seed = (0..<32).map { _ in UInt8.random(in: 0...255) }
        var faults: [SectorDeclaration] = []
        var recoveries: [SectorDeclaration] = []
        for (number, partition) in partitions.enumerated() where !partition.liveSectors.isEmpty {
            let healthy = partition.liveSectors.subtracting(partition.faultySectors)
            let toRecover = partition.faultySectors.subtracting(partition.recoveringSectors)
            let infos = try await chain.call(\.stateMinerSectors, miner, healthy.union(toRecover), nil)
            let bad = await sectors.bad(infos, randomness: seed)
            let newFaults = BitField(healthy.sorted.filter { bad[$0] != nil })
            let recovered = BitField(toRecover.sorted.filter { bad[$0] == nil })
            if !newFaults.isEmpty { faults.append(SectorDeclaration(deadline: index, partition: UInt64(number), sectors: newFaults)) }
            if !recovered.isEmpty { recoveries.append(SectorDeclaration(deadline: index, partition: UInt64(number), sectors: recovered)) }
            for (sector, reason) in bad where healthy.contains(sector) {
                logger.warning("declaring a sector faulty", metadata: ["deadline": "\(index)", "sector": "\(sector)", "reason": "\(reason)"])
            }
        }
        guard !faults.isEmpty || !recoveries.isEmpty else { return }
        let worker = try await chain.call(\.stateMinerInfo, miner, nil).worker
        if !faults.isEmpty {
            let message = Message(
                to: miner, from: worker, value: .zero, method: MinerMethod.declareFaults.rawValue,
                params: DeclareFaultsParams(faults: faults).encoded)
            let signed = try await chain.call(\.mpoolPushMessage, message, nil)
            counts.faultsDeclared += faults.reduce(0) { $0 + $1.sectors.count }
            follow(signed.cid, what: "DeclareFaults for deadline \(index)")
        }
        let perRecovery = settings.maxPartitionsPerRecoveryMessage > 0 ? settings.maxPartitionsPerRecoveryMessage : max(recoveries.count, 1)
        for start in stride(from: 0, to: recoveries.count, by: perRecovery) {
            let batch = Array(recoveries[start..<min(start + perRecovery, recoveries.count)])
            let message = Message(
                to: miner, from: worker, value: .zero, method: MinerMethod.declareFaultsRecovered.rawValue,
                params: DeclareFaultsRecoveredParams(recoveries: batch).encoded)
            let signed = try await chain.call(\.mpoolPushMessage, message, nil)
            counts.recoveriesDeclared += batch.reduce(0) { $0 + $1.sectors.count }
            logger.info("declared sectors recovered", metadata: ["deadline": "\(index)", "sectors": "\(batch.flatMap(\.sectors.sorted))"])
            follow(signed.cid, what: "DeclareFaultsRecovered for deadline \(index)")
        }
    }

    /// Waits for `message` in the background and logs how it ended.
    private func follow(_ message: CID, what: String) {
        waits.removeAll { $0.isCancelled }
        let chain = chain, logger = logger
        waits.append(
            Task {
                do {
                    let lookup = try await chain.call(\.stateWaitMsg, message, UInt64(0), ChainEpoch(-1), true)
                    if lookup.receipt.exitCode.isSuccess {
                        logger.debug("message landed", metadata: ["what": "\(what)", "epoch": "\(lookup.height)"])
                    } else {
                        self.countFailure()
                        logger.error(
                            "message failed on chain",
                            metadata: ["what": "\(what)", "exit": "\(lookup.receipt.exitCode)", "error": "\(lookup.receipt.error ?? "")"])
                    }
                } catch {
                    if !Task.isCancelled { logger.warning("lost track of a message", metadata: ["what": "\(what)", "error": "\(error)"]) }
                }
            })
    }

    private func countFailure() { counts.failed += 1 }
}
