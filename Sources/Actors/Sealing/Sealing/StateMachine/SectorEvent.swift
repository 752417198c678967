import Multiformats
import SealingAPI

/// What happened to a sector: the pipeline's work results, the chain's answers and the operator's commands. Each
/// moves the sector through ``SectorStateMachine``; Lotus's event names are in the comments.
public enum SectorEvent: Sendable, Equatable {
    /// `SectorStartCC`: a committed-capacity sector, straight to packing.
    case startCC
    /// `SectorStart`: a sector that waits for deal pieces.
    case startDeals
    /// `SectorAddPiece`: a piece is being written.
    case addPiece
    /// `SectorPieceAdded`.
    case pieceAdded([SectorPiece])
    /// `SectorAddPieceFailed`.
    case addPieceFailed(String)
    /// `SectorStartPacking`: no more pieces (full, or `WaitDealsDelay` passed).
    case startPacking
    /// `SectorPacked`: padding pieces fill the sector.
    case packed(fillers: [SectorPiece])
    /// `SectorTicket`: chain randomness at `epoch` for the seal.
    case ticket([UInt8], epoch: Int64)
    /// `SectorPreCommit1`.
    case preCommit1Done
    /// `SectorSealPreCommit1Failed`.
    case preCommit1Failed(String)
    /// `SectorPreCommit2`: the sector's CommD and CommR.
    case preCommit2Done(commD: CID, commR: CID)
    /// `SectorSealPreCommit2Failed`.
    case preCommit2Failed(String)
    /// `SectorPreCommitted`: the PreCommitSector message was pushed.
    case preCommitSubmitted(CID)
    /// `SectorPreCommitLanded`: it executed at `epoch`.
    case preCommitLanded(epoch: Int64)
    /// `SectorChainPreCommitFailed`.
    case preCommitFailed(String)
    /// `SectorSeedReady`: the interactive seed drawn at `epoch`.
    case seed([UInt8], epoch: Int64)
    /// `SectorCommitted`: the seal proof is computed.
    case proofReady([UInt8])
    /// `SectorComputeProofFailed`.
    case computeProofFailed(String)
    /// `SectorCommitSubmitted`: the ProveCommitSector message was pushed.
    case commitSubmitted(CID)
    /// `SectorProving`: it executed and the sector is active.
    case proven
    /// `SectorCommitFailed`.
    case commitFailed(String)
    /// `SectorFinalized`: temporary files removed, files moved to long-term storage.
    case finalized
    /// `SectorFinalizeFailed`.
    case finalizeFailed(String)
    /// `SectorRetry…`: try the failed step again.
    case retry
    /// `SectorFatalError`: nothing can be done.
    case fatal(String)
    /// `SectorFaulty` / `SectorFaultReported` / `SectorFaultRecovered`.
    case faulty, faultReported, faultRecovered
    /// `SectorRemove` / `SectorRemoved` / `SectorRemoveFailed`.
    case remove, removed, removeFailed(String)

    /// The event's name for the sector log (`sectors status --log`).
    public var name: String {
        switch self {
        case .startCC: "SectorStartCC"
        case .startDeals: "SectorStart"
        case .addPiece: "SectorAddPiece"
        case .pieceAdded: "SectorPieceAdded"
        case .addPieceFailed: "SectorAddPieceFailed"
        case .startPacking: "SectorStartPacking"
        case .packed: "SectorPacked"
        case .ticket: "SectorTicket"
        case .preCommit1Done: "SectorPreCommit1"
        case .preCommit1Failed: "SectorSealPreCommit1Failed"
        case .preCommit2Done: "SectorPreCommit2"
        case .preCommit2Failed: "SectorSealPreCommit2Failed"
        case .preCommitSubmitted: "SectorPreCommitted"
        case .preCommitLanded: "SectorPreCommitLanded"
        case .preCommitFailed: "SectorChainPreCommitFailed"
        case .seed: "SectorSeedReady"
        case .proofReady: "SectorCommitted"
        case .computeProofFailed: "SectorComputeProofFailed"
        case .commitSubmitted: "SectorCommitSubmitted"
        case .proven: "SectorProving"
        case .commitFailed: "SectorCommitFailed"
        case .finalized: "SectorFinalized"
        case .finalizeFailed: "SectorFinalizeFailed"
        case .retry: "SectorRetry"
        case .fatal: "SectorFatalError"
        case .faulty: "SectorFaulty"
        case .faultReported: "SectorFaultReported"
        case .faultRecovered: "SectorFaultedFinal"
        case .remove: "SectorRemove"
        case .removed: "SectorRemoved"
        case .removeFailed: "SectorRemoveFailed"
        }
    }

    /// The failure reason an event carries, if any.
    public var failure: String? {
        switch self {
        case .addPieceFailed(let why), .preCommit1Failed(let why), .preCommit2Failed(let why), .preCommitFailed(let why),
            .computeProofFailed(let why), .commitFailed(let why), .finalizeFailed(let why), .fatal(let why), .removeFailed(let why):
            why
        default: nil
        }
    }
}
