/// A sector's state in the sealing pipeline, by Lotus's names (`storage/pipeline/sector_state.go`): the string is
/// what `lotus-miner sectors list` shows and what the datastore keeps.
public struct SectorState: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    // Staging: pieces arrive.
    public static let undefined = SectorState(rawValue: "")
    public static let waitDeals = SectorState(rawValue: "WaitDeals")
    public static let addPiece = SectorState(rawValue: "AddPiece")
    public static let addPieceFailed = SectorState(rawValue: "AddPieceFailed")

    // Sealing.
    public static let packing = SectorState(rawValue: "Packing")
    public static let getTicket = SectorState(rawValue: "GetTicket")
    public static let preCommit1 = SectorState(rawValue: "PreCommit1")
    public static let preCommit2 = SectorState(rawValue: "PreCommit2")
    public static let preCommitting = SectorState(rawValue: "PreCommitting")
    public static let preCommitWait = SectorState(rawValue: "PreCommitWait")
    public static let submitPreCommitBatch = SectorState(rawValue: "SubmitPreCommitBatch")
    public static let preCommitBatchWait = SectorState(rawValue: "PreCommitBatchWait")
    public static let waitSeed = SectorState(rawValue: "WaitSeed")
    public static let committing = SectorState(rawValue: "Committing")
    public static let submitCommit = SectorState(rawValue: "SubmitCommit")
    public static let commitWait = SectorState(rawValue: "CommitWait")
    public static let submitCommitAggregate = SectorState(rawValue: "SubmitCommitAggregate")
    public static let commitAggregateWait = SectorState(rawValue: "CommitAggregateWait")
    public static let finalizeSector = SectorState(rawValue: "FinalizeSector")

    // Proving.
    public static let proving = SectorState(rawValue: "Proving")

    // Failures, each with its retry edge in ``SectorStateMachine``.
    public static let sealPreCommit1Failed = SectorState(rawValue: "SealPreCommit1Failed")
    public static let sealPreCommit2Failed = SectorState(rawValue: "SealPreCommit2Failed")
    public static let preCommitFailed = SectorState(rawValue: "PreCommitFailed")
    public static let computeProofFailed = SectorState(rawValue: "ComputeProofFailed")
    public static let commitFailed = SectorState(rawValue: "CommitFailed")
    public static let finalizeFailed = SectorState(rawValue: "FinalizeFailed")
    public static let failedUnrecoverable = SectorState(rawValue: "FailedUnrecoverable")

    // Faults and removal.
    public static let faulty = SectorState(rawValue: "Faulty")
    public static let faultReported = SectorState(rawValue: "FaultReported")
    public static let removing = SectorState(rawValue: "Removing")
    public static let removeFailed = SectorState(rawValue: "RemoveFailed")
    public static let removed = SectorState(rawValue: "Removed")

    /// Every state this pipeline uses, in pipeline order.
    public static let all: [SectorState] = [
        .undefined, .waitDeals, .addPiece, .addPieceFailed, .packing, .getTicket, .preCommit1, .preCommit2, .preCommitting,
        .preCommitWait, .submitPreCommitBatch, .preCommitBatchWait, .waitSeed, .committing, .submitCommit, .commitWait,
        .submitCommitAggregate, .commitAggregateWait, .finalizeSector, .proving, .sealPreCommit1Failed, .sealPreCommit2Failed,
        .preCommitFailed, .computeProofFailed, .commitFailed, .finalizeFailed, .failedUnrecoverable, .faulty, .faultReported,
        .removing, .removeFailed, .removed,
    ]

    /// Lotus's summary buckets (`toStatState`), for `SectorsSummary` and `sectors list` colours.
    public enum Bucket: String, Sendable {
        case staging, sealing, proving, failed
    }

    public var bucket: Bucket {
        switch self {
        case .undefined, .waitDeals, .addPiece, .addPieceFailed: .staging
        case .packing, .getTicket, .preCommit1, .preCommit2, .preCommitting, .preCommitWait, .submitPreCommitBatch,
            .preCommitBatchWait, .waitSeed, .committing, .submitCommit, .commitWait, .submitCommitAggregate,
            .commitAggregateWait, .finalizeSector:
            .sealing
        case .proving, .removing, .removed, .faulty, .faultReported: .proving
        default: .failed
        }
    }

    public var description: String { rawValue.isEmpty ? "Undefined" : rawValue }
}
