import APICore
import ChainTypes
import FullNodeAPI
import Logging
import MinerConfig
import Multiformats
import SealingAPI

/// Batches pre-commits into `PreCommitSectorBatch` and commits into `ProveCommitAggregate` (Lotus
/// `storage/pipeline/precommit_batch.go`, `commit_batch.go`). A sector's work submits to the batcher and waits; the
/// batcher sends when it holds `MaxPreCommitBatch` / `MaxCommitBatch` sectors, when the oldest has waited
/// `PreCommitBatchWait` / `CommitBatchWait`, or when flushed (`sectors batching … --publish-now`). Commits fewer than
/// `MinCommitBatch` go out as single `ProveCommitSector` messages, as Lotus sends them.
///
/// The aggregate proof of the devnet is the sectors' seal proofs in ascending sector order, each checked by the chain
/// against its own sector (`MockProofVerifier.verifyAggregateSeals`).
actor SectorBatcher {
    enum Kind: String, Sendable { case preCommit = "precommit", commit }

    /// What a sector brings to its batch.
    enum Payload: Sendable {
        case preCommit(SectorPreCommitInfo)
        case commit(proof: [UInt8])
    }

    private struct Entry {
        var payload: Payload
        var added: ContinuousClock.Instant
        var waiters: [CheckedContinuation<CID, any Error>]
    }

    let kind: Kind
    private let environment: SealingEnvironment
    private let settings: @Sendable () async -> SealingConfig
    private let pollInterval: Duration
    private let logger: Logger
    private var pending: [UInt64: Entry] = [:]
    private var timer: Task<Void, Never>?

    init(_ kind: Kind, environment: SealingEnvironment, settings: @escaping @Sendable () async -> SealingConfig, pollInterval: Duration, logger: Logger) {
        self.kind = kind
        self.environment = environment
        self.settings = settings
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Adds sector `number` and waits until the message carrying it is in the mpool; returns that message.
    func submit(_ number: UInt64, _ payload: Payload) async throws -> CID {
        try await withCheckedThrowingContinuation { continuation in
            if var entry = pending[number] {
                entry.payload = payload
                entry.waiters.append(continuation)
                pending[number] = entry
            } else {
                pending[number] = Entry(payload: payload, added: .now, waiters: [continuation])
            }
            startTimer()
        }
    }

    /// The sectors waiting for a batch.
    func sectors() -> [UInt64] { pending.keys.sorted() }

    /// Sends everything pending now; the batches sent (none when nothing waits).
    func flush() async -> [BatchResult] {
        await send(Array(pending.keys))
    }

    private func startTimer() {
        guard timer == nil else { return }
        timer = Task {
            while !Task.isCancelled, !self.isIdle {
                try? await Task.sleep(for: self.pollInterval)
                await self.sendIfDue()
            }
            self.stopTimer()
        }
    }

    private var isIdle: Bool { pending.isEmpty }
    private func stopTimer() { timer = nil }

    /// Sends when the batch is full or its oldest sector has waited long enough.
    private func sendIfDue() async {
        guard let oldest = pending.values.map(\.added).min() else { return }
        let config = await settings()
        let (maximum, wait) =
            kind == .preCommit
            ? (config.maxPreCommitBatch, config.preCommitBatchWait) : (config.maxCommitBatch, config.commitBatchWait)
        if pending.count >= max(maximum, 1) || ContinuousClock.now - oldest >= .nanoseconds(wait.nanoseconds) {
            _ = await send(Array(pending.keys))
        }
    }

    /// Sends `numbers` (in batches of at most the maximum); resolves their waiters.
    private func send(_ numbers: [UInt64]) async -> [BatchResult] {
        let config = await settings()
        let sorted = numbers.sorted()
        guard !sorted.isEmpty else { return [] }
        let maximum = max(kind == .preCommit ? config.maxPreCommitBatch : config.maxCommitBatch, 1)
        var results: [BatchResult] = []
        for start in stride(from: 0, to: sorted.count, by: maximum) {
            let group = Array(sorted[start..<min(start + maximum, sorted.count)])
            let entries = group.compactMap { number in pending.removeValue(forKey: number).map { (number, $0) } }
            if kind == .commit, entries.count < config.minCommitBatch {
                for (number, entry) in entries { results.append(await push([(number, entry)], single: true)) }
            } else {
                results.append(await push(entries, single: false))
            }
        }
        return results
    }

    /// Pushes one message for `entries`; answers their waiters with it, or with the error.
    private func push(_ entries: [(UInt64, Entry)], single: Bool) async -> BatchResult {
        let numbers = entries.map(\.0)
        do {
            let message = try message(for: entries, single: single)
            let signed = try await environment.chain.call(\.mpoolPushMessage, message, nil)
            for (_, entry) in entries { for waiter in entry.waiters { waiter.resume(returning: signed.cid) } }
            logger.info("sent a \(kind.rawValue) batch", metadata: ["sectors": "\(numbers)", "message": "\(signed.cid)"])
            return BatchResult(sectors: numbers, message: signed.cid, error: "")
        } catch {
            for (_, entry) in entries { for waiter in entry.waiters { waiter.resume(throwing: error) } }
            logger.warning("a \(kind.rawValue) batch failed", metadata: ["sectors": "\(numbers)", "error": "\(error)"])
            return BatchResult(sectors: numbers, message: nil, error: "\(error)")
        }
    }

    private func message(for entries: [(UInt64, Entry)], single: Bool) throws -> Message {
        let network = environment.network
        let count = Int64(entries.count)
        switch kind {
        case .preCommit:
            let infos = entries.compactMap { entry -> SectorPreCommitInfo? in
                if case .preCommit(let info) = entry.1.payload { return info }
                return nil
            }
            return Message(
                to: environment.miner, from: environment.worker, value: network.preCommitDepositPerSector * count,
                method: MinerMethod.preCommitSectorBatch.rawValue, params: PreCommitSectorBatchParams(sectors: infos).encoded)
        case .commit:
            let proofs = entries.map { entry -> [UInt8] in
                if case .commit(let proof) = entry.1.payload { return proof }
                return []
            }
            if single, let (number, _) = entries.first {
                return Message(
                    to: environment.miner, from: environment.worker, value: network.initialPledgePerSector,
                    method: MinerMethod.proveCommitSector.rawValue,
                    params: ProveCommitSectorParams(sectorNumber: number, proof: proofs[0]).encoded)
            }
            return Message(
                to: environment.miner, from: environment.worker, value: network.initialPledgePerSector * count,
                method: MinerMethod.proveCommitAggregate.rawValue,
                params: ProveCommitAggregateParams(sectorNumbers: BitField(entries.map(\.0)), aggregateProof: proofs.flatMap { $0 }).encoded)
        }
    }
}
