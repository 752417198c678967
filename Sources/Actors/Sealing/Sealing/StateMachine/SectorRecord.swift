import Multiformats
import SealingAPI

/// Everything the pipeline knows of one sector (Lotus `pipeline.SectorInfo`), persisted after every event so a
/// restart resumes the sector where it was. Its fields change only through ``SectorStateMachine``.
public struct SectorRecord: Codable, Sendable, Equatable {
    public var number: UInt64
    public var state: SectorState
    /// The seal proof type (V1_1 of the miner's sector size).
    public var sealProof: Int64
    public var pieces: [SectorPiece]
    public var ticket: [UInt8]?
    public var ticketEpoch: Int64?
    public var commD: CID?
    public var commR: CID?
    public var preCommitMessage: CID?
    public var preCommitEpoch: Int64?
    public var seed: [UInt8]?
    public var seedEpoch: Int64?
    public var proof: [UInt8]?
    public var commitMessage: CID?
    /// How many times the current failure was retried.
    public var retries: Int
    /// The last error, empty when the last step succeeded.
    public var lastError: String
    public var log: [SectorLogEntry]

    public init(number: UInt64, sealProof: Int64) {
        self.number = number
        self.state = .undefined
        self.sealProof = sealProof
        self.pieces = []
        self.retries = 0
        self.lastError = ""
        self.log = []
    }

    /// Whether the sector holds a deal's piece (not only padding or CC).
    public var hasDeals: Bool { pieces.contains { $0.dealID != nil } }

    /// The deals in the sector, in piece order.
    public var dealIDs: [UInt64] { pieces.compactMap(\.dealID) }

    /// The bytes the pieces fill (padded).
    public var filled: UInt64 { pieces.reduce(0) { $0.addingReportingOverflow($1.size).partialValue } }

    enum CodingKeys: String, CodingKey {
        case number = "SectorNumber", state = "State", sealProof = "SectorType", pieces = "Pieces", ticket = "TicketValue"
        case ticketEpoch = "TicketEpoch", commD = "CommD", commR = "CommR", preCommitMessage = "PreCommitMessage"
        case preCommitEpoch = "PreCommitEpoch", seed = "SeedValue", seedEpoch = "SeedEpoch", proof = "Proof"
        case commitMessage = "CommitMessage", retries = "Retries", lastError = "LastErr", log = "Log"
    }
}
