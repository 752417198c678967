import APICore
import ChainTypes
import Foundation
import FullNodeAPI
import Logging
import MinerConfig
import SealingAPI
import SectorStorageAPI
import ServiceLifecycle
import SubsystemSupport

/// The Sealing subsystem: the sealing pipeline. Each sector is a ``SectorRecord`` moved by ``SectorStateMachine``
/// events; the record is stored (``SectorStore``) before the pipeline acts on its new state, so a restart — kill -9
/// included — resumes every sector where it was. The work of each state (``SectorWork``) reads and writes sector
/// files through the SectorStorage API and talks to the chain through the FullNode API.
public actor SealingActor: SealingAPI, Service {
    let config: any ConfigStore
    private let metadata: any MetadataStore
    let store: SectorStore
    /// The chain daemon: pre-commit and prove-commit messages, their randomness and their waits.
    private let chain: SubsystemRef<FullNodeMethods>?
    private let storage: SubsystemRef<SectorStorageMethods>?
    let pollInterval: Duration
    let logger: Logger
    var records: [UInt64: SectorRecord] = [:]
    /// The task driving each sector, with a token so that a replaced task does not unregister its successor.
    private var running: [UInt64: (token: UInt64, task: Task<Void, Never>)] = [:]
    private var nextToken: UInt64 = 0
    var environment: SealingEnvironment?
    /// The batchers of pre-commits and commits, made with the environment.
    var preCommitBatcher: SectorBatcher?
    var commitBatcher: SectorBatcher?
    /// Sectors waiting for deals, each with the timer that starts sealing it after `[Sealing] WaitDealsDelay`.
    var waitTimers: [UInt64: Task<Void, Never>] = [:]
    private var loaded = false

    /// - Parameters:
    ///   - metadata: the metadata datastore (sector records, the miner address).
    ///   - chain: the chain daemon's API; `nil` on a node started without `FULLNODE_API_INFO` (nothing can be sealed).
    ///   - storage: this node's sector storage.
    ///   - pollInterval: how often the pipeline looks at the chain while it waits.
    public init(
        config: any ConfigStore, metadata: any MetadataStore, chain: SubsystemRef<FullNodeMethods>?,
        storage: SubsystemRef<SectorStorageMethods>?, pollInterval: Duration = .milliseconds(500), logger: Logger = Logger(label: "sealing")
    ) {
        self.config = config
        self.metadata = metadata
        self.store = SectorStore(metadata: metadata)
        self.chain = chain
        self.storage = storage
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// How long a sector waits for more deals before sealing starts (`[Sealing] WaitDealsDelay`), in ns.
    public func sealDelay() async -> Int64 {
        await config.current().sealing.waitDealsDelay.nanoseconds
    }

    /// Sets `[Sealing] WaitDealsDelay` and persists it to config.toml.
    public func setSealDelay(_ nanoseconds: Int64) async throws {
        let delay = try GoDuration.nonNegative(nanoseconds, "seal delay")
        try await config.update { $0.sealing.waitDealsDelay = delay }
    }

    // MARK: Sectors

    public func pledgeSector() async throws -> SectorID {
        let environment = try await sealingEnvironment()
        try loadRecords()
        let number = try store.nextSectorNumber()
        let record = try SectorStateMachine.apply(
            .startCC, to: SectorRecord(number: number, sealProof: environment.sectorSize.sealProof), timestamp: Self.now())
        try store.save(record)
        records[number] = record
        start(number)
        logger.info("pledged a committed-capacity sector", metadata: ["sector": "\(number)"])
        return environment.sector(number)
    }

    public func sectorsList() throws -> [UInt64] {
        try loadRecords()
        return records.keys.sorted()
    }

    public func sectorsList(inStates states: [SectorState]) throws -> [UInt64] {
        try loadRecords()
        let wanted = Set(states)
        return records.values.filter { wanted.contains($0.state) }.map(\.number).sorted()
    }

    public func sectorStatus(_ number: UInt64) throws -> SectorStatus {
        try loadRecords()
        guard let record = records[number] else {
            throw RPCError(.methodError, "sector \(number) not found; `lotus-miner sectors list` shows the sectors")
        }
        return SectorStatus(
            sectorID: record.number, state: record.state, commD: record.commD, commR: record.commR, proof: record.proof ?? [],
            deals: record.dealIDs, pieces: record.pieces,
            ticket: record.ticket.map { SectorStatus.Draw(value: $0, epoch: record.ticketEpoch ?? 0) },
            seed: record.seed.map { SectorStatus.Draw(value: $0, epoch: record.seedEpoch ?? 0) },
            preCommitMessage: record.preCommitMessage, commitMessage: record.commitMessage, retries: UInt64(record.retries),
            lastError: record.lastError, log: record.log, sealProof: record.sealProof)
    }

    public func sectorsSummary() throws -> [String: Int] {
        try loadRecords()
        return records.values.reduce(into: [:]) { $0[$1.state.description, default: 0] += 1 }
    }

    public func sectorRemove(_ number: UInt64) async throws {
        try loadRecords()
        guard let record = records[number] else {
            throw RPCError(.methodError, "sector \(number) not found; `lotus-miner sectors list` shows the sectors")
        }
        let next: SectorRecord
        do {
            next = try SectorStateMachine.apply(.remove, to: record, timestamp: Self.now())
        } catch {
            throw RPCError(.methodError, "sector \(number) cannot be removed in state \(record.state): \(error)")
        }
        running[number]?.task.cancel()
        running[number] = nil
        try store.save(next)
        records[number] = next
        start(number)
        logger.warning("removing a sector", metadata: ["sector": "\(number)", "was": "\(record.state)"])
    }

    public func workerJobs() async throws -> [String: [WorkerJob]] {
        let environment = try await sealingEnvironment()
        try loadRecords()
        let host = ProcessInfo.processInfo.hostName
        let jobs = records.values.sorted { $0.number < $1.number }.compactMap { record -> WorkerJob? in
            guard running[record.number] != nil, let task = Self.task(of: record.state) else { return nil }
            return WorkerJob(
                sector: environment.sector(record.number), task: task, start: record.log.last?.timestamp ?? Self.now(), hostname: host)
        }
        return jobs.isEmpty ? [:] : [Self.localWorker: jobs]
    }

    /// The ID of this node's in-process worker.
    static let localWorker = "00000000-0000-0000-0000-000000000000"

    /// The worker task a state runs, for the states that compute (waits for the chain are not jobs).
    static func task(of state: SectorState) -> String? {
        switch state {
        case .addPiece, .packing: "seal/v0/addpiece"
        case .getTicket, .preCommit1: "seal/v0/precommit/1"
        case .preCommit2: "seal/v0/precommit/2"
        case .committing: "seal/v0/commit/2"
        case .finalizeSector: "seal/v0/finalize"
        case .removing: "seal/v0/remove"
        default: nil
        }
    }

    // MARK: The pipeline

    /// The miner's facts from the chain, read once.
    func sealingEnvironment() async throws -> SealingEnvironment {
        if let environment { return environment }
        let chain = try ChainDependency.require(chain, for: "sealing")
        guard let storage else { throw RPCError(.methodError, "sealing needs SectorStorage on this node") }
        guard let bytes = try metadata.get(MetadataKey.minerAddress), !bytes.isEmpty else {
            throw RPCError(.methodError, "this repo has no miner actor address yet; create one with `lotus-miner init --owner`")
        }
        let miner: Address
        do {
            miner = try Address(parsing: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw RPCError(.methodError, "the repo's miner address is not an address: \(error)")
        }
        let loaded = try await SealingEnvironment.load(chain: chain, storage: storage, miner: miner, pollInterval: pollInterval)
        environment = loaded
        return loaded
    }

    /// Reads the stored records (once).
    func loadRecords() throws {
        guard !loaded else { return }
        for record in try store.all() { records[record.number] = record }
        loaded = true
    }

    /// Drives sector `number` until it reaches a state with nothing to do.
    func start(_ number: UInt64) {
        guard running[number] == nil else { return }
        nextToken += 1
        let token = nextToken
        running[number] = (token, Task { await self.drive(number, token: token) })
    }

    private func drive(_ number: UInt64, token: UInt64) async {
        defer { if running[number]?.token == token { running[number] = nil } }
        while !Task.isCancelled, let record = records[number] {
            let work: SectorWork
            do {
                let config = config
                let environment = try await sealingEnvironment()
                let (preCommits, commits) = batchers(environment)
                work = SectorWork(
                    environment: environment, pollInterval: pollInterval, logger: logger, batcher: preCommits, commitBatcher: commits,
                    ccLifetime: await config.current().sealing.committedCapacitySectorLifetime,
                    storageSettings: { await config.current().storage })
            } catch {
                logger.warning("sealing cannot run", metadata: ["sector": "\(number)", "error": "\(error)"])
                try? await Task.sleep(for: pollInterval * 4)
                continue
            }
            guard let event = await work.step(record), !Task.isCancelled else { return }
            // The record changed while the work ran (`sectors remove`): the event was for a state it has left.
            guard records[number] == record else { continue }
            do {
                let next = try SectorStateMachine.apply(event, to: record, policy: await policy(), timestamp: Self.now())
                try store.save(next)
                records[number] = next
                if let failure = event.failure {
                    logger.warning("sector step failed", metadata: ["sector": "\(number)", "state": "\(next.state)", "error": "\(failure)"])
                } else {
                    logger.debug("sector moved", metadata: ["sector": "\(number)", "state": "\(next.state)"])
                }
            } catch {
                logger.error("sector event refused", metadata: ["sector": "\(number)", "error": "\(error)"])
                return
            }
        }
    }

    /// The pipeline's message policy now: `[Sealing] BatchPreCommits` / `AggregateCommits`, when the chain's base fee is
    /// above `BatchPreCommitAboveBaseFee` / `AggregateAboveBaseFee` (below them Lotus sends one message per sector).
    func policy() async -> SectorStateMachine.Policy {
        let sealing = await config.current().sealing
        guard let chain, let baseFee = try? await chain.call(\.chainHead).blocks.first?.parentBaseFee else {
            return SectorStateMachine.Policy()
        }
        return SectorStateMachine.Policy(
            batchPreCommits: sealing.batchPreCommits && baseFee.attoFIL > sealing.batchPreCommitAboveBaseFee.attoFIL,
            aggregateCommits: sealing.aggregateCommits && baseFee.attoFIL > sealing.aggregateAboveBaseFee.attoFIL)
    }

    public func sectorsPendingBatch(_ kind: String) async throws -> [SectorID] {
        let environment = try await sealingEnvironment()
        guard let batcher = try batcher(kind, environment) else { return [] }
        return await batcher.sectors().map(environment.sector)
    }

    public func sectorsFlushBatch(_ kind: String) async throws -> [BatchResult] {
        let environment = try await sealingEnvironment()
        guard let batcher = try batcher(kind, environment) else { return [] }
        return await batcher.flush()
    }

    private func batcher(_ kind: String, _ environment: SealingEnvironment) throws -> SectorBatcher? {
        let (preCommits, commits) = batchers(environment)
        switch kind {
        case "precommit": return preCommits
        case "commit": return commits
        default: throw RPCError(.invalidParams, "unknown batch kind \(kind)")
        }
    }

    /// The pre-commit and commit batchers (made once).
    func batchers(_ environment: SealingEnvironment) -> (SectorBatcher, SectorBatcher) {
        if let preCommitBatcher, let commitBatcher { return (preCommitBatcher, commitBatcher) }
        let config = config
        let made = (
            SectorBatcher(.preCommit, environment: environment, settings: { await config.current().sealing }, pollInterval: pollInterval, logger: logger),
            SectorBatcher(.commit, environment: environment, settings: { await config.current().sealing }, pollInterval: pollInterval, logger: logger)
        )
        (preCommitBatcher, commitBatcher) = made
        return made
    }

    static func now() -> UInt64 { UInt64(max(0, Date().timeIntervalSince1970)) }

    /// Resumes every stored sector, then waits for graceful shutdown and stops the pipeline's work.
    public func run() async throws {
        do {
            try loadRecords()
            // A piece being written when the node stopped was not written: its caller got an error.
            for record in records.values where record.state == .addPiece {
                try advance(record.number, .addPieceFailed("the node stopped while the piece was being written"))
            }
            for number in records.keys.sorted() { start(number) }
            for record in records.values where record.state == .waitDeals { scheduleSealing(record.number) }
        } catch {
            logger.error("reading the sector records failed", metadata: ["error": "\(error)"])
        }
        try? await gracefulShutdown()
        for entry in running.values { entry.task.cancel() }
        for timer in waitTimers.values { timer.cancel() }
    }
}
