import APICore
import ChainTypes
import Multiformats

/// What `SectorsStatus` answers (Lotus `api.SectorInfo`, the fields this pipeline has): the sector's state, its
/// commitments and proof, its pieces and deals, the ticket and seed, the messages, retries, last error and log.
public struct SectorStatus: Codable, Sendable, Equatable {
    /// A chain randomness draw and its epoch (Lotus `api.SealTicket` / `api.SealSeed`).
    public struct Draw: Codable, Sendable, Equatable {
        public var value: Base64Bytes
        public var epoch: Int64

        public init(value: [UInt8], epoch: Int64) {
            self.value = Base64Bytes(value)
            self.epoch = epoch
        }

        enum CodingKeys: String, CodingKey { case value = "Value", epoch = "Epoch" }
    }

    public var sectorID: UInt64
    public var state: SectorState
    public var commD: CID?
    public var commR: CID?
    public var proof: Base64Bytes
    public var deals: [UInt64]
    public var pieces: [SectorPiece]
    public var ticket: Draw?
    public var seed: Draw?
    public var preCommitMessage: CID?
    public var commitMessage: CID?
    public var retries: UInt64
    public var lastError: String
    public var log: [SectorLogEntry]
    public var sealProof: Int64

    public init(
        sectorID: UInt64, state: SectorState, commD: CID?, commR: CID?, proof: [UInt8], deals: [UInt64], pieces: [SectorPiece],
        ticket: Draw?, seed: Draw?, preCommitMessage: CID?, commitMessage: CID?, retries: UInt64, lastError: String,
        log: [SectorLogEntry], sealProof: Int64
    ) {
        self.sectorID = sectorID
        self.state = state
        self.commD = commD
        self.commR = commR
        self.proof = Base64Bytes(proof)
        self.deals = deals
        self.pieces = pieces
        self.ticket = ticket
        self.seed = seed
        self.preCommitMessage = preCommitMessage
        self.commitMessage = commitMessage
        self.retries = retries
        self.lastError = lastError
        self.log = log
        self.sealProof = sealProof
    }

    enum CodingKeys: String, CodingKey {
        case sectorID = "SectorID", state = "State", commD = "CommD", commR = "CommR", proof = "Proof", deals = "Deals"
        case pieces = "Pieces", ticket = "Ticket", seed = "Seed", preCommitMessage = "PreCommitMsg", commitMessage = "CommitMsg"
        case retries = "Retries", lastError = "LastErr", log = "Log", sealProof = "SealProof"
    }
}
