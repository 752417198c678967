import Multiformats

/// `ControlAddresses` return value (builtin-actors `miner::GetControlAddressesReturn`).
public struct GetControlAddressesReturn: MethodParams, Equatable {
    /// The owner's ID address.
    public var owner: Address
    /// The worker's ID address.
    public var worker: Address
    /// The control addresses' ID addresses.
    public var controlAddrs: [Address]

    /// Creates a return value.
    public init(owner: Address, worker: Address, controlAddrs: [Address]) {
        self.owner = owner
        self.worker = worker
        self.controlAddrs = controlAddrs
    }

    enum CodingKeys: String, CodingKey { case owner = "Owner", worker = "Worker", controlAddrs = "ControlAddrs" }
}

/// `ChangeWorkerAddress` parameters: the control addresses change at once, the worker after
/// `WorkerKeyChangeDelay` epochs.
public struct ChangeWorkerAddressParams: MethodParams, Equatable {
    /// The new worker (may equal the current one).
    public var newWorker: Address
    /// The complete new list of control addresses.
    public var newControlAddrs: [Address]

    /// Creates parameters.
    public init(newWorker: Address, newControlAddrs: [Address]) {
        self.newWorker = newWorker
        self.newControlAddrs = newControlAddrs
    }

    enum CodingKeys: String, CodingKey { case newWorker = "NewWorker", newControlAddrs = "NewControlAddrs" }
}

/// `ChangePeerID` parameters.
public struct ChangePeerIDParams: MethodParams, Equatable {
    /// The new peer ID bytes (a binary multihash).
    @Base64Encoded public var newID: [UInt8]

    /// Creates parameters.
    public init(newID: [UInt8]) { self.newID = newID }

    enum CodingKeys: String, CodingKey { case newID = "NewID" }
}

/// `ChangeMultiaddrs` parameters.
public struct ChangeMultiaddrsParams: MethodParams, Equatable {
    /// The new binary multiaddrs.
    @Base64EncodedList public var newMultiaddrs: [[UInt8]]

    /// Creates parameters.
    public init(newMultiaddrs: [[UInt8]]) { self.newMultiaddrs = newMultiaddrs }

    enum CodingKeys: String, CodingKey { case newMultiaddrs = "NewMultiaddrs" }
}

/// Miner `WithdrawBalance` parameters; the return value is the amount withdrawn.
public struct MinerWithdrawBalanceParams: MethodParams, Equatable {
    /// How much to withdraw (capped at the available balance).
    public var amountRequested: TokenAmount

    /// Creates parameters.
    public init(amountRequested: TokenAmount) { self.amountRequested = amountRequested }

    enum CodingKeys: String, CodingKey { case amountRequested = "AmountRequested" }
}

/// What a miner pre-commits for one sector (builtin-actors `SectorPreCommitInfo`; the `PreCommitSector` params).
public struct SectorPreCommitInfo: MethodParams, Equatable {
    /// The seal proof type; must be the miner's (V1_1 of its sector size).
    public var sealProof: Int64
    /// The sector number (never used before by this miner).
    public var sectorNumber: SectorNumber
    /// CommR (a `fil-commitment-sealed` CID).
    public var sealedCID: CID
    /// The epoch whose ticket randomness sealed the sector.
    public var sealRandEpoch: ChainEpoch
    /// Published, not yet activated deals of this miner the sector holds.
    public var dealIDs: [DealID]
    /// When the sector expires.
    public var expiration: ChainEpoch
    /// CommD (a `fil-commitment-unsealed` CID), for the proof verifier; optional.
    public var unsealedCID: CID?

    /// Creates a pre-commit.
    public init(
        sealProof: Int64, sectorNumber: SectorNumber, sealedCID: CID, sealRandEpoch: ChainEpoch, dealIDs: [DealID] = [],
        expiration: ChainEpoch, unsealedCID: CID? = nil
    ) {
        self.sealProof = sealProof
        self.sectorNumber = sectorNumber
        self.sealedCID = sealedCID
        self.sealRandEpoch = sealRandEpoch
        self.dealIDs = dealIDs
        self.expiration = expiration
        self.unsealedCID = unsealedCID
    }

    enum CodingKeys: String, CodingKey {
        case sealProof = "SealProof", sectorNumber = "SectorNumber", sealedCID = "SealedCID"
        case sealRandEpoch = "SealRandEpoch", dealIDs = "DealIDs", expiration = "Expiration", unsealedCID = "UnsealedCid"
    }
}

/// `PreCommitSectorBatch` parameters.
public struct PreCommitSectorBatchParams: MethodParams, Equatable {
    /// The sectors.
    public var sectors: [SectorPreCommitInfo]

    /// Creates parameters.
    public init(sectors: [SectorPreCommitInfo]) { self.sectors = sectors }

    enum CodingKeys: String, CodingKey { case sectors = "Sectors" }
}

/// `ProveCommitSector` parameters.
public struct ProveCommitSectorParams: MethodParams, Equatable {
    /// The pre-committed sector.
    public var sectorNumber: SectorNumber
    /// The seal proof; checked by the chain's ``ProofVerifier``.
    @Base64Encoded public var proof: [UInt8]

    /// Creates parameters.
    public init(sectorNumber: SectorNumber, proof: [UInt8]) {
        self.sectorNumber = sectorNumber
        self.proof = proof
    }

    enum CodingKeys: String, CodingKey { case sectorNumber = "SectorNumber", proof = "Proof" }
}

/// `ProveCommitAggregate` parameters.
public struct ProveCommitAggregateParams: MethodParams, Equatable {
    /// The pre-committed sectors.
    public var sectorNumbers: BitField
    /// One proof for all of them; checked by the chain's ``ProofVerifier``.
    @Base64Encoded public var aggregateProof: [UInt8]

    /// Creates parameters.
    public init(sectorNumbers: BitField, aggregateProof: [UInt8]) {
        self.sectorNumbers = sectorNumbers
        self.aggregateProof = aggregateProof
    }

    enum CodingKeys: String, CodingKey { case sectorNumbers = "SectorNumbers", aggregateProof = "AggregateProof" }
}

/// One partition proven by a Window PoSt (builtin-actors `PoStPartition`).
public struct PoStPartition: Codable, Sendable, Equatable {
    /// The partition index within the deadline.
    public var index: UInt64
    /// Sectors of the partition the proof does not cover (they become faulty).
    public var skipped: BitField

    /// Creates an entry.
    public init(index: UInt64, skipped: BitField = BitField()) {
        self.index = index
        self.skipped = skipped
    }

    enum CodingKeys: String, CodingKey { case index = "Index", skipped = "Skipped" }
}

/// `SubmitWindowedPoSt` parameters.
public struct SubmitWindowedPoStParams: MethodParams, Equatable {
    /// The deadline index; must be the one open now.
    public var deadline: UInt64
    /// The partitions proven.
    public var partitions: [PoStPartition]
    /// The proofs (one per partition group); checked by the chain's ``ProofVerifier``.
    public var proofs: [PoStProof]
    /// An epoch at or after the deadline's challenge epoch and before now.
    public var chainCommitEpoch: ChainEpoch
    /// The chain randomness at ``chainCommitEpoch`` (proves which chain the miner was on).
    @Base64Encoded public var chainCommitRand: [UInt8]

    /// Creates parameters.
    public init(
        deadline: UInt64, partitions: [PoStPartition], proofs: [PoStProof], chainCommitEpoch: ChainEpoch,
        chainCommitRand: [UInt8]
    ) {
        self.deadline = deadline
        self.partitions = partitions
        self.proofs = proofs
        self.chainCommitEpoch = chainCommitEpoch
        self.chainCommitRand = chainCommitRand
    }

    enum CodingKeys: String, CodingKey {
        case deadline = "Deadline", partitions = "Partitions", proofs = "Proofs"
        case chainCommitEpoch = "ChainCommitEpoch", chainCommitRand = "ChainCommitRand"
    }
}

/// Sectors of one partition (builtin-actors `FaultDeclaration`, `RecoveryDeclaration`, `TerminationDeclaration`).
public struct SectorDeclaration: Codable, Sendable, Equatable {
    /// The deadline index.
    public var deadline: UInt64
    /// The partition index within it.
    public var partition: UInt64
    /// The sectors.
    public var sectors: BitField

    /// Creates a declaration.
    public init(deadline: UInt64, partition: UInt64, sectors: BitField) {
        self.deadline = deadline
        self.partition = partition
        self.sectors = sectors
    }

    enum CodingKeys: String, CodingKey { case deadline = "Deadline", partition = "Partition", sectors = "Sectors" }
}

/// `DeclareFaults` parameters.
public struct DeclareFaultsParams: MethodParams, Equatable {
    /// The faulty sectors by location.
    public var faults: [SectorDeclaration]

    /// Creates parameters.
    public init(faults: [SectorDeclaration]) { self.faults = faults }

    enum CodingKeys: String, CodingKey { case faults = "Faults" }
}

/// `DeclareFaultsRecovered` parameters.
public struct DeclareFaultsRecoveredParams: MethodParams, Equatable {
    /// The recovered sectors by location.
    public var recoveries: [SectorDeclaration]

    /// Creates parameters.
    public init(recoveries: [SectorDeclaration]) { self.recoveries = recoveries }

    enum CodingKeys: String, CodingKey { case recoveries = "Recoveries" }
}

/// `TerminateSectors` parameters.
public struct TerminateSectorsParams: MethodParams, Equatable {
    /// The sectors to terminate by location.
    public var terminations: [SectorDeclaration]

    /// Creates parameters.
    public init(terminations: [SectorDeclaration]) { self.terminations = terminations }

    enum CodingKeys: String, CodingKey { case terminations = "Terminations" }
}

/// `TerminateSectors` return value.
public struct TerminateSectorsReturn: MethodParams, Equatable {
    /// Whether all terminations were processed (always true here).
    public var done: Bool

    /// Creates a return value.
    public init(done: Bool) { self.done = done }

    enum CodingKeys: String, CodingKey { case done = "Done" }
}
