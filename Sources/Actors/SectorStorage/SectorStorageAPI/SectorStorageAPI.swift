import ChainTypes
import APICore

/// The SectorStorage subsystem's API: this node's storage paths and the sector index — which path holds which file
/// of which sector, where new files should go, and the locks on sector files. Implemented by `SectorStorageActor`
/// (target `SectorStorage`); the markets node calls the index on the mining node (`SealerApiInfo`).
public protocol SectorStorageAPI: SubsystemAPI where Methods == SectorStorageMethods {
    /// `StorageAddLocal`: attaches a path that holds a `sectorstore.json`.
    func addLocal(_ path: String) async throws
    /// `StorageLocal`: local paths by storage ID.
    func local() async throws -> [String: String]
    /// `StorageStat`: a local path's filesystem capacity.
    func stat(_ id: String) async throws -> FsStat
    /// `StorageList`: sector declarations per storage ID.
    func list() async throws -> [String: [SectorDecl]]
    /// `StorageInfo`: one path as the index knows it.
    func info(_ id: String) async throws -> StorageInfo
    /// `StorageAttach`: adds a path (another node's too) to the index.
    func attach(_ info: StorageInfo, stat: FsStat) async throws
    /// `StorageReportHealth`: a path's heartbeat.
    func reportHealth(_ id: String, _ report: HealthReport) async throws
    /// `StorageDeclareSector`: path `id` holds `types` of `sector`.
    func declareSector(_ id: String, sector: SectorID, types: SectorFileType, primary: Bool) async throws
    /// `StorageDropSector`: path `id` no longer holds `types` of `sector`.
    func dropSector(_ id: String, sector: SectorID, types: SectorFileType) async throws
    /// `StorageFindSector`: where `types` of `sector` are, with the URLs that serve them.
    func findSector(_ sector: SectorID, types: SectorFileType, sectorSize: UInt64, allowFetch: Bool) async throws -> [SectorStorageInfo]
    /// `StorageBestAlloc`: the paths that can take new files, best first.
    func bestAlloc(_ types: SectorFileType, sectorSize: UInt64, pathType: PathType) async throws -> [StorageInfo]
    /// `StorageLock`: waits until the locks on `sector`'s files can be taken.
    func storageLock(_ sector: SectorID, read: SectorFileType, write: SectorFileType) async
    /// `StorageTryLock`: whether they can be taken now.
    func storageTryLock(_ sector: SectorID, read: SectorFileType, write: SectorFileType) async -> Bool
}
