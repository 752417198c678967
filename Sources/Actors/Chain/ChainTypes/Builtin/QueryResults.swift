import Foundation
import Multiformats

/// `StateMinerInfo` (Lotus `api.MinerInfo`): addresses as ID addresses, the peer ID as base58 text (`null` if
/// unset), multiaddrs as base64 bytes, `NewWorker` `"<empty>"` and `WorkerChangeEpoch` -1 when no change is
/// pending, the owner as beneficiary.
public struct MinerInfo: Sendable, Equatable, Codable {
    /// Owner.
    public var owner: Address
    /// Worker.
    public var worker: Address
    /// The pending new worker, if any.
    public var newWorker: Address?
    /// Control addresses.
    public var controlAddresses: [Address]
    /// When the pending worker takes effect, -1 if none.
    public var workerChangeEpoch: ChainEpoch
    /// Peer ID bytes (a binary multihash), empty if unset.
    public var peerID: [UInt8]
    /// Binary multiaddrs.
    public var multiaddrs: [[UInt8]]
    /// Window PoSt proof type.
    public var windowPoStProofType: Int64
    /// Sector size.
    public var sectorSize: SectorSize
    /// Sectors per partition.
    public var windowPoStPartitionSectors: UInt64

    /// Creates a result.
    public init(
        owner: Address, worker: Address, newWorker: Address?, controlAddresses: [Address], workerChangeEpoch: ChainEpoch,
        peerID: [UInt8], multiaddrs: [[UInt8]], windowPoStProofType: Int64, sectorSize: SectorSize,
        windowPoStPartitionSectors: UInt64
    ) {
        self.owner = owner
        self.worker = worker
        self.newWorker = newWorker
        self.controlAddresses = controlAddresses
        self.workerChangeEpoch = workerChangeEpoch
        self.peerID = peerID
        self.multiaddrs = multiaddrs
        self.windowPoStProofType = windowPoStProofType
        self.sectorSize = sectorSize
        self.windowPoStPartitionSectors = windowPoStPartitionSectors
    }

    /// The peer ID as Lotus prints it (base58btc of its bytes), or `nil`.
    public var peerIDText: String? { peerID.isEmpty ? nil : Base58.encode(peerID) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        owner = try c.decode(Address.self, forKey: .owner)
        worker = try c.decode(Address.self, forKey: .worker)
        let newWorkerText = try c.decodeIfPresent(String.self, forKey: .newWorker) ?? "<empty>"
        newWorker = newWorkerText == "<empty>" ? nil : try Address(parsing: newWorkerText)
        controlAddresses = try c.decodeIfPresent([Address].self, forKey: .controlAddresses) ?? []
        workerChangeEpoch = try c.decodeIfPresent(ChainEpoch.self, forKey: .workerChangeEpoch) ?? -1
        if let text = try c.decodeIfPresent(String.self, forKey: .peerID) {
            do {
                peerID = try Base58.decode(text)
            } catch {
                throw DecodingError.dataCorruptedError(forKey: .peerID, in: c, debugDescription: error.message)
            }
        } else {
            peerID = []
        }
        multiaddrs = try (c.decodeIfPresent([String].self, forKey: .multiaddrs) ?? []).map { text in
            guard let data = Data(base64Encoded: text) else {
                throw DecodingError.dataCorruptedError(forKey: .multiaddrs, in: c, debugDescription: "expected base64 multiaddrs")
            }
            return Array(data)
        }
        windowPoStProofType = try c.decode(Int64.self, forKey: .windowPoStProofType)
        let bytes = try c.decode(UInt64.self, forKey: .sectorSize)
        guard let size = SectorSize(bytes: bytes) else {
            throw DecodingError.dataCorruptedError(forKey: .sectorSize, in: c, debugDescription: "unknown sector size \(bytes)")
        }
        sectorSize = size
        windowPoStPartitionSectors = try c.decode(UInt64.self, forKey: .windowPoStPartitionSectors)
    }

    enum CodingKeys: String, CodingKey {
        case owner = "Owner", worker = "Worker", newWorker = "NewWorker", controlAddresses = "ControlAddresses"
        case workerChangeEpoch = "WorkerChangeEpoch", peerID = "PeerId", multiaddrs = "Multiaddrs"
        case windowPoStProofType = "WindowPoStProofType", sectorSize = "SectorSize"
        case windowPoStPartitionSectors = "WindowPoStPartitionSectors", consensusFaultElapsed = "ConsensusFaultElapsed"
        case pendingOwnerAddress = "PendingOwnerAddress", beneficiary = "Beneficiary", beneficiaryTerm = "BeneficiaryTerm"
        case pendingBeneficiaryTerm = "PendingBeneficiaryTerm"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(owner, forKey: .owner)
        try c.encode(worker, forKey: .worker)
        try c.encode(newWorker?.description ?? "<empty>", forKey: .newWorker)
        try c.encode(controlAddresses, forKey: .controlAddresses)
        try c.encode(workerChangeEpoch, forKey: .workerChangeEpoch)
        try c.encode(peerIDText, forKey: .peerID)
        try c.encode(multiaddrs.map { Data($0).base64EncodedString() }, forKey: .multiaddrs)
        try c.encode(windowPoStProofType, forKey: .windowPoStProofType)
        try c.encode(sectorSize.bytes, forKey: .sectorSize)
        try c.encode(windowPoStPartitionSectors, forKey: .windowPoStPartitionSectors)
        try c.encode(-1 as ChainEpoch, forKey: .consensusFaultElapsed)
        try c.encodeNil(forKey: .pendingOwnerAddress)
        try c.encode(owner, forKey: .beneficiary)
        try c.encode(["Quota": "0", "UsedQuota": "0"], forKey: .beneficiaryTerm)
        try c.encodeNil(forKey: .pendingBeneficiaryTerm)
    }
}

/// Power as Lotus's `power.Claim` in JSON: byte counts as decimal strings.
public struct PowerClaim: Sendable, Equatable, Codable {
    /// Raw-byte power.
    public var rawBytePower: UInt64
    /// Quality-adjusted power.
    public var qualityAdjPower: UInt64

    /// Creates a claim.
    public init(rawBytePower: UInt64, qualityAdjPower: UInt64) {
        self.rawBytePower = rawBytePower
        self.qualityAdjPower = qualityAdjPower
    }

    enum CodingKeys: String, CodingKey { case rawBytePower = "RawBytePower", qualityAdjPower = "QualityAdjPower" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func number(_ key: CodingKeys) throws -> UInt64 {
            let text = try c.decode(String.self, forKey: key)
            guard let value = UInt64(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected a decimal byte count")
            }
            return value
        }
        rawBytePower = try number(.rawBytePower)
        qualityAdjPower = try number(.qualityAdjPower)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(String(rawBytePower), forKey: .rawBytePower)
        try c.encode(String(qualityAdjPower), forKey: .qualityAdjPower)
    }
}

/// `StateMinerPower` (Lotus `api.MinerPower`).
public struct MinerPower: Sendable, Equatable, Codable {
    /// The miner's power.
    public var minerPower: PowerClaim
    /// The network's total power.
    public var totalPower: PowerClaim
    /// Whether the miner meets `ConsensusMinerMinPower`.
    public var hasMinPower: Bool

    /// Creates a result.
    public init(minerPower: PowerClaim, totalPower: PowerClaim, hasMinPower: Bool) {
        self.minerPower = minerPower
        self.totalPower = totalPower
        self.hasMinPower = hasMinPower
    }

    enum CodingKeys: String, CodingKey { case minerPower = "MinerPower", totalPower = "TotalPower", hasMinPower = "HasMinPower" }
}

/// One entry of `StateMinerDeadlines` (Lotus `api.Deadline`).
public struct MinerDeadline: Sendable, Equatable, Codable {
    /// Partitions proven in the current proving period.
    public var postSubmissions: BitField
    /// Optimistically accepted proofs open to dispute (always 0 here).
    public var disputableProofCount: UInt64

    /// Creates an entry.
    public init(postSubmissions: BitField, disputableProofCount: UInt64 = 0) {
        self.postSubmissions = postSubmissions
        self.disputableProofCount = disputableProofCount
    }

    enum CodingKeys: String, CodingKey { case postSubmissions = "PostSubmissions", disputableProofCount = "DisputableProofCount" }
}

/// One entry of `StateMinerPartitions` (Lotus `api.Partition`).
public struct MinerPartition: Sendable, Equatable, Codable {
    /// Every sector in the partition, including terminated ones.
    public var allSectors: BitField
    /// Faulty sectors.
    public var faultySectors: BitField
    /// Sectors declared recovered, awaiting a PoSt.
    public var recoveringSectors: BitField
    /// Sectors not terminated.
    public var liveSectors: BitField
    /// Live sectors proven and not faulty.
    public var activeSectors: BitField

    /// The view of `partition`.
    /// A partition's sector sets.
    public init(
        allSectors: BitField, faultySectors: BitField, recoveringSectors: BitField, liveSectors: BitField, activeSectors: BitField
    ) {
        self.allSectors = allSectors
        self.faultySectors = faultySectors
        self.recoveringSectors = recoveringSectors
        self.liveSectors = liveSectors
        self.activeSectors = activeSectors
    }

    enum CodingKeys: String, CodingKey {
        case allSectors = "AllSectors", faultySectors = "FaultySectors", recoveringSectors = "RecoveringSectors"
        case liveSectors = "LiveSectors", activeSectors = "ActiveSectors"
    }
}

/// A deal with its state (Lotus `api.MarketDeal`), from `StateMarketDeals` and `StateMarketStorageDeal`.
public struct MarketDeal: Sendable, Equatable, Codable {
    /// The proposal.
    public var proposal: DealProposal
    /// Its on-chain state.
    public var state: DealState

    /// Creates a result.
    public init(proposal: DealProposal, state: DealState) {
        self.proposal = proposal
        self.state = state
    }

    enum CodingKeys: String, CodingKey { case proposal = "Proposal", state = "State" }
}

/// `StateMarketBalance` (Lotus `api.MarketBalance`).
public struct MarketBalance: Sendable, Equatable, Codable {
    /// Funds in escrow.
    public var escrow: TokenAmount
    /// The part locked by deals.
    public var locked: TokenAmount

    /// Creates a result.
    public init(escrow: TokenAmount, locked: TokenAmount) {
        self.escrow = escrow
        self.locked = locked
    }

    enum CodingKeys: String, CodingKey { case escrow = "Escrow", locked = "Locked" }
}

/// A sector as mining needs it (Lotus `builtin.ExtendedSectorInfo`).
public struct ExtendedSectorInfo: Sendable, Equatable, Codable {
    /// Seal proof type.
    public var sealProof: Int64
    /// Sector number.
    public var sectorNumber: SectorNumber
    /// Sector key (always `null` here: no snap deals).
    public var sectorKey: CID?
    /// CommR.
    public var sealedCID: CID

    /// Creates an entry.
    public init(sealProof: Int64, sectorNumber: SectorNumber, sealedCID: CID) {
        self.sealProof = sealProof
        self.sectorNumber = sectorNumber
        self.sealedCID = sealedCID
    }

    enum CodingKeys: String, CodingKey {
        case sealProof = "SealProof", sectorNumber = "SectorNumber", sectorKey = "SectorKey", sealedCID = "SealedCID"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sealProof, forKey: .sealProof)
        try c.encode(sectorNumber, forKey: .sectorNumber)
        try c.encode(sectorKey, forKey: .sectorKey)
        try c.encode(sealedCID, forKey: .sealedCID)
    }
}

/// `MinerGetBaseInfo` (Lotus `api.MiningBaseInfo`), plus the devnet's election inputs: the bytes the worker
/// signs for the ticket and the election proof, and the winning PoSt challenge (base64).
public struct MiningBaseInfo: Sendable, Equatable, Codable {
    /// The miner's quality-adjusted power (decimal string).
    public var minerPower: String
    /// The network's quality-adjusted power (decimal string).
    public var networkPower: String
    /// The miner's active sectors.
    public var sectors: [ExtendedSectorInfo]
    /// The worker's key address.
    public var workerKey: Address
    /// Sector size in bytes.
    public var sectorSize: UInt64
    /// Whether the miner may take part in the election.
    public var eligibleForMining: Bool
    /// The epoch these inputs are for.
    public var epoch: ChainEpoch
    /// What the worker signs for the ticket.
    @Base64Encoded public var ticketRandomness: [UInt8]
    /// What the worker signs for the election proof.
    @Base64Encoded public var electionRandomness: [UInt8]
    /// The winning PoSt challenge.
    @Base64Encoded public var winningPoStRandomness: [UInt8]

    /// Creates a result.
    public init(
        minerPower: String, networkPower: String, sectors: [ExtendedSectorInfo], workerKey: Address, sectorSize: UInt64,
        eligibleForMining: Bool, epoch: ChainEpoch, ticketRandomness: [UInt8], electionRandomness: [UInt8],
        winningPoStRandomness: [UInt8]
    ) {
        self.minerPower = minerPower
        self.networkPower = networkPower
        self.sectors = sectors
        self.workerKey = workerKey
        self.sectorSize = sectorSize
        self.eligibleForMining = eligibleForMining
        self.epoch = epoch
        self.ticketRandomness = ticketRandomness
        self.electionRandomness = electionRandomness
        self.winningPoStRandomness = winningPoStRandomness
    }

    enum CodingKeys: String, CodingKey {
        case minerPower = "MinerPower", networkPower = "NetworkPower", sectors = "Sectors", workerKey = "WorkerKey"
        case sectorSize = "SectorSize", eligibleForMining = "EligibleForMining", epoch = "Epoch"
        case ticketRandomness = "TicketRandomness", electionRandomness = "ElectionRandomness"
        case winningPoStRandomness = "WinningPoStRandomness"
    }
}
