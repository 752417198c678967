import APICore
import ChainTypes
import Multiformats

/// The Sealing subsystem's API: the sealing pipeline — committed-capacity sectors, sector states and their history —
/// and its settings. Implemented by `SealingActor` (target `Sealing`); the markets node calls it on the mining node.
public protocol SealingAPI: SubsystemAPI where Methods == SealingMethods {
    /// `SectorGetSealDelay`: `[Sealing] WaitDealsDelay` in nanoseconds.
    func sealDelay() async throws -> Int64
    /// `SectorSetSealDelay`: sets and persists `[Sealing] WaitDealsDelay`.
    func setSealDelay(_ nanoseconds: Int64) async throws
    /// `PledgeSector`: starts a committed-capacity sector; returns its ID.
    func pledgeSector() async throws -> SectorID
    /// `SectorsList`: every sector's number.
    func sectorsList() async throws -> [UInt64]
    /// `SectorsListInStates`: the sectors in any of `states`.
    func sectorsList(inStates states: [SectorState]) async throws -> [UInt64]
    /// `SectorsStatus`: one sector's state and history.
    func sectorStatus(_ number: UInt64) async throws -> SectorStatus
    /// `SectorsSummary`: how many sectors are in each state.
    func sectorsSummary() async throws -> [String: Int]
    /// `SectorRemove`: removes a sector's data from this node's storage and marks it Removed (its power is lost at its
    /// next deadline; Lotus's `sectors terminate` is the gentler way out).
    func sectorRemove(_ number: UInt64) async throws
    /// `SectorAddPieceToAny`: writes a deal's piece (`size` unpadded bytes, streamed) into a sector waiting for deals
    /// — a new one if none has room — after padding pieces that align it, checks its commitment against the deal's
    /// piece CID, and returns where it landed once it is written.
    func sectorAddPieceToAny(_ size: UInt64, _ data: ByteStream, _ deal: PieceDealInfo) async throws -> SectorOffset
    /// `SectorStartSealing`: a sector waiting for deals starts sealing now (its free space is filled with padding).
    func sectorStartSealing(_ number: UInt64) async throws
    /// `SectorPreCommitPending` / `SectorCommitPending`: the sectors waiting in the pre-commit or commit batcher.
    func sectorsPendingBatch(_ kind: String) async throws -> [SectorID]
    /// `SectorPreCommitFlush` / `SectorCommitFlush`: sends the pending batch now; the messages sent.
    func sectorsFlushBatch(_ kind: String) async throws -> [BatchResult]
    /// `WorkerJobs`: the sealing tasks running now, by worker (this node's one in-process worker).
    func workerJobs() async throws -> [String: [WorkerJob]]
    /// `SectorsUnsealPiece`: makes the sector's unsealed copy again from its sealed replica, using `randomness` as the
    /// ticket (the sector's own when empty), after checking every piece in the range against its commitment.
    func sectorsUnsealPiece(_ sector: SectorRef, _ offset: UInt64, _ size: UInt64, _ randomness: Base64Bytes, _ commD: CID?) async throws
}
