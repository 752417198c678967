import APICore
import ChainTypes
import FullNodeAPI
import Logging
import MinerConfig
import MiningAPI
import SectorStorageAPI
import ServiceLifecycle
import SubsystemSupport

/// The Mining subsystem: the miner actor's identity, its message-sending addresses and what the chain says of it, and
/// its proofs of spacetime — the Window PoSt scheduler (`Proving/`) proves every deadline's sectors from their sealed
/// files — and its blocks: the block producer (`Blocks/`) runs the election each epoch and, when it wins, proves the
/// challenged sector and submits the block.
public actor MiningActor: MiningAPI, Service {
    private let config: any ConfigStore
    private let metadata: any MetadataStore
    private let chain: SubsystemRef<FullNodeMethods>?
    private let storage: SubsystemRef<SectorStorageMethods>?
    private let pollInterval: Duration
    private let logger: Logger
    private var windowPoSt: WindowPoStScheduler?
    private var blocks: BlockProducer?

    /// - Parameters:
    ///   - chain: the chain daemon's API (`FULLNODE_API_INFO` in `lotus-miner run`); `nil` on a node started without
    ///     one, whose chain-backed methods then say how to give it one, and which proves nothing.
    ///   - storage: this node's sector storage, where Window PoSt finds the sealed files.
    ///   - pollInterval: how often the PoSt scheduler looks at the chain head.
    public init(
        config: any ConfigStore, metadata: any MetadataStore, chain: SubsystemRef<FullNodeMethods>?,
        storage: SubsystemRef<SectorStorageMethods>? = nil, pollInterval: Duration = .milliseconds(500),
        logger: Logger = Logger(label: "miner")
    ) {
        self.config = config
        self.metadata = metadata
        self.chain = chain
        self.storage = storage
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// The sector size of `miner`, from its on-chain info (Lotus reads `StateMinerInfo` the same way).
    public func actorSectorSize(_ miner: Address) async throws -> UInt64 {
        try await ChainDependency.require(chain, for: "ActorSectorSize").call(\.stateMinerInfo, miner, nil).sectorSize.bytes
    }

    public func checkProvable(_ postProof: Int64, _ sectors: [SectorRef], _ expensive: Bool) async throws -> [String: String] {
        let chain = try ChainDependency.require(chain, for: "CheckProvable")
        guard let storage else { throw RPCError(.methodError, "CheckProvable needs SectorStorage on this node") }
        guard let miner = try? Address(parsing: try actorAddress()), let minerID = miner.id else {
            throw RPCError(.methodError, "the repo's miner address is not an ID address")
        }
        let provable = ProvableSectors(storage: storage, minerID: minerID)
        let numbers = BitField(sectors.map(\.id.number))
        let infos = numbers.isEmpty ? [] : try await chain.call(\.stateMinerSectors, miner, numbers, nil)
        var bad: [String: String] = [:]
        for sector in sectors where !infos.contains(where: { $0.sectorNumber == sector.id.number }) {
            bad[String(sector.id.number)] = "sector \(sector.id.number) is not on chain for \(miner)"
        }
        let seed = (0..<32).map { _ in UInt8.random(in: 0...255) }
        for (number, reason) in await provable.bad(infos, randomness: seed) { bad[String(number)] = reason }
        return bad
    }

    /// The miner actor address recorded by `lotus-miner init`.
    public func actorAddress() throws -> String {
        guard let bytes = try metadata.get(MetadataKey.minerAddress), !bytes.isEmpty else {
            throw RPCError(
                .methodError,
                "this repo has no miner actor address yet (metadata key \(MetadataKey.minerAddress)); create one with `lotus-miner init`")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The `[Addresses]` section: which addresses send which messages.
    public func addressConfig() async -> AddressesConfig {
        await config.current().addresses
    }

    /// Runs the Window PoSt scheduler (once the repo knows its miner and the node has a chain and sector storage)
    /// until graceful shutdown.
    public func run() async throws {
        guard let chain, let storage else {
            try? await gracefulShutdown()
            return
        }
        let proving = Task { await self.prove(chain: chain, storage: storage) }
        try? await gracefulShutdown()
        proving.cancel()
        await proving.value
    }

    private func prove(chain: SubsystemRef<FullNodeMethods>, storage: SubsystemRef<SectorStorageMethods>) async {
        // A node started before `lotus-miner init` finished has no miner yet: wait for it.
        var miner: Address?
        while !Task.isCancelled, miner == nil {
            miner = (try? actorAddress()).flatMap { try? Address(parsing: $0) }
            if miner == nil { try? await Task.sleep(for: pollInterval * 4) }
        }
        guard let miner, let minerID = miner.id else { return }
        let config = config
        let settings: @Sendable () async -> ProvingConfig = { await config.current().proving }
        let sectors = ProvableSectors(storage: storage, minerID: minerID)
        let context = MinerContext(
            chain: chain, sectors: sectors, miner: miner, settings: settings, pollInterval: pollInterval, logger: logger)
        let scheduler = WindowPoStScheduler(context)
        let producer = BlockProducer(context)
        windowPoSt = scheduler
        blocks = producer
        async let proving: Void = scheduler.run()
        async let mining: Void = producer.run()
        _ = await (proving, mining)
    }

    public func miningStatus() async -> MiningStatus {
        var status = MiningStatus()
        if let blocks {
            status.blocksWon = await blocks.won
            status.missedWins = await blocks.missed
            status.lateWins = await blocks.late
            status.lastWinEpoch = await blocks.lastWin
        }
        if let windowPoSt {
            let counts = await windowPoSt.counts
            status.windowPoStsSubmitted = UInt64(counts.submitted)
            status.windowPoStFailures = UInt64(counts.failed)
            status.faultsDeclared = UInt64(counts.faultsDeclared)
            status.recoveriesDeclared = UInt64(counts.recoveriesDeclared)
        }
        return status
    }
}
