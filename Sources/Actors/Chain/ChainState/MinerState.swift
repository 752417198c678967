import ChainTypes
import Multiformats

/// A storage miner's state (Lotus `miner.State`, flattened): its info, funds, pre-commits, sectors and the
/// deadlines → partitions → sectors layout that Window PoSt walks.
public struct MinerState: Sendable, Equatable, Codable {
    /// Owner, worker, control addresses, peer ID, multiaddrs, sector size.
    public var info: MinerInfoState
    /// Deposits locked by pre-commits.
    public var preCommitDeposits: TokenAmount
    /// Pledge locked by proven sectors.
    public var initialPledge: TokenAmount
    /// Sector number → pre-commit, until it is proven or expires.
    public var preCommits: StateMap<SectorNumber, SectorPreCommitOnChainInfo>
    /// Sector number → proven sector (live or faulty; removed when terminated or expired).
    public var sectors: StateMap<SectorNumber, SectorOnChainInfo>
    /// Every sector number ever pre-committed (numbers are never reused).
    public var allocatedSectors: BitField
    /// The start of the current proving period.
    public var provingPeriodStart: ChainEpoch
    /// The index of the deadline open now.
    public var currentDeadline: UInt64
    /// One entry per deadline of the proving period.
    public var deadlines: [DeadlineState]

    /// A new miner's state.
    public init(info: MinerInfoState, provingPeriodStart: ChainEpoch, currentDeadline: UInt64, deadlineCount: UInt64) {
        self.info = info
        preCommitDeposits = .zero
        initialPledge = .zero
        preCommits = StateMap()
        sectors = StateMap()
        allocatedSectors = BitField()
        self.provingPeriodStart = provingPeriodStart
        self.currentDeadline = currentDeadline
        deadlines = Array(repeating: DeadlineState(), count: Int(deadlineCount))
    }

    /// Funds locked by the miner: pre-commit deposits and pledge.
    public var lockedFunds: TokenAmount { preCommitDeposits + initialPledge }

    /// Balance not locked, given the actor's `balance`.
    public func availableBalance(_ balance: TokenAmount) -> TokenAmount { balance - lockedFunds }

    /// Sectors proven and not faulty (the ones that count for power), over all partitions.
    public var activeSectors: BitField {
        deadlines.reduce(into: BitField()) { result, deadline in
            for partition in deadline.partitions { result.formUnion(partition.activeSectors) }
        }
    }

    /// Bytes of power: active sectors × sector size.
    public var power: UInt64 { UInt64(activeSectors.count) * info.sectorSize.bytes }

    /// Where `sector` is: deadline and partition index.
    public func location(of sector: SectorNumber) -> (deadline: UInt64, partition: UInt64)? {
        for (d, deadline) in deadlines.enumerated() {
            for (p, partition) in deadline.partitions.enumerated() where partition.sectors.contains(sector) {
                return (UInt64(d), UInt64(p))
            }
        }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case info = "Info", preCommitDeposits = "PreCommitDeposits", initialPledge = "InitialPledge"
        case preCommits = "PreCommittedSectors", sectors = "Sectors", allocatedSectors = "AllocatedSectors"
        case provingPeriodStart = "ProvingPeriodStart", currentDeadline = "CurrentDeadline", deadlines = "Deadlines"
    }
}

/// A miner's static information and keys (Lotus `miner.MinerInfo`), with addresses as actor IDs.
public struct MinerInfoState: Sendable, Equatable, Codable {
    /// The owner account (receives withdrawals, may change the worker and control addresses).
    public var owner: ActorID
    /// The worker account (signs blocks and most messages).
    public var worker: ActorID
    /// Extra accounts allowed to send the worker's messages.
    public var controlAddresses: [ActorID]
    /// A requested worker change and when it takes effect.
    public var pendingWorkerKey: WorkerKeyChange?
    /// The libp2p peer ID bytes (binary multihash), empty if unset.
    public var peerID: [UInt8]
    /// Binary multiaddrs.
    public var multiaddrs: [[UInt8]]
    /// The Window PoSt proof type.
    public var windowPoStProofType: Int64
    /// The sector size.
    public var sectorSize: SectorSize
    /// Sectors per partition.
    public var windowPoStPartitionSectors: UInt64

    /// Creates miner info.
    public init(
        owner: ActorID, worker: ActorID, controlAddresses: [ActorID] = [], pendingWorkerKey: WorkerKeyChange? = nil,
        peerID: [UInt8], multiaddrs: [[UInt8]], windowPoStProofType: Int64, sectorSize: SectorSize
    ) {
        self.owner = owner
        self.worker = worker
        self.controlAddresses = controlAddresses
        self.pendingWorkerKey = pendingWorkerKey
        self.peerID = peerID
        self.multiaddrs = multiaddrs
        self.windowPoStProofType = windowPoStProofType
        self.sectorSize = sectorSize
        self.windowPoStPartitionSectors = sectorSize.windowPoStPartitionSectors
    }

    /// The seal proof type sectors of this miner use (V1_1 of its size).
    public var sealProofType: Int64 { sectorSize.sealProof }

    enum CodingKeys: String, CodingKey {
        case owner = "Owner", worker = "Worker", controlAddresses = "ControlAddresses"
        case pendingWorkerKey = "PendingWorkerKey", peerID = "PeerId", multiaddrs = "Multiaddrs"
        case windowPoStProofType = "WindowPoStProofType", sectorSize = "SectorSize"
        case windowPoStPartitionSectors = "WindowPoStPartitionSectors"
    }
}

/// A pending worker change (Lotus `miner.WorkerKeyChange`).
public struct WorkerKeyChange: Sendable, Equatable, Codable {
    /// The new worker.
    public var newWorker: ActorID
    /// The first epoch it is in effect.
    public var effectiveAt: ChainEpoch

    /// Creates a change.
    public init(newWorker: ActorID, effectiveAt: ChainEpoch) {
        self.newWorker = newWorker
        self.effectiveAt = effectiveAt
    }

    enum CodingKeys: String, CodingKey { case newWorker = "NewWorker", effectiveAt = "EffectiveAt" }
}

/// One deadline of the proving period (Lotus `miner.Deadline`).
public struct DeadlineState: Sendable, Equatable, Codable {
    /// The deadline's partitions.
    public var partitions: [PartitionState]
    /// Partitions proven in the current proving period.
    public var postSubmissions: BitField

    /// An empty deadline.
    public init(partitions: [PartitionState] = [], postSubmissions: BitField = BitField()) {
        self.partitions = partitions
        self.postSubmissions = postSubmissions
    }

    /// Live sectors over all partitions.
    public var liveSectorCount: Int { partitions.reduce(0) { $0 + $1.liveSectors.count } }

    enum CodingKeys: String, CodingKey { case partitions = "Partitions", postSubmissions = "PostSubmissions" }
}

/// A partition of a deadline (Lotus `miner.Partition`): sets of sector numbers.
public struct PartitionState: Sendable, Equatable, Codable {
    /// Every sector assigned here, including terminated ones.
    public var sectors: BitField
    /// Sectors not yet proven by a Window PoSt (no power yet).
    public var unproven: BitField
    /// Faulty sectors (no power).
    public var faults: BitField
    /// Faulty sectors declared recovered, awaiting a PoSt.
    public var recoveries: BitField
    /// Terminated or expired sectors.
    public var terminated: BitField

    /// An empty partition.
    public init() {
        sectors = BitField()
        unproven = BitField()
        faults = BitField()
        recoveries = BitField()
        terminated = BitField()
    }

    /// Sectors not terminated.
    public var liveSectors: BitField { sectors.subtracting(terminated) }
    /// Live sectors that are proven and not faulty.
    public var activeSectors: BitField { liveSectors.subtracting(faults).subtracting(unproven) }

    enum CodingKeys: String, CodingKey {
        case sectors = "Sectors", unproven = "Unproven", faults = "Faults", recoveries = "Recoveries"
        case terminated = "Terminated"
    }
}
