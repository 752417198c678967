import APICore

/// The SectorStorage subsystem's API: local storage paths and the sector index. Implemented by
/// `SectorStorageActor` (target `SectorStorage`); the markets node calls it on the mining node.
public protocol SectorStorageAPI: SubsystemAPI where Methods == SectorStorageMethods {
    /// `StorageAddLocal`: attaches a path that holds a `sectorstore.json`.
    func addLocal(_ path: String) async throws
    /// `StorageLocal`: local paths by storage ID.
    func local() async throws -> [String: String]
    /// `StorageList`: sector declarations per storage ID.
    func list() async throws -> [String: [SectorDecl]]
    /// `StorageInfo`: one path as the index knows it.
    func info(_ id: String) async throws -> StorageInfo
    /// `StorageStat`: a path's filesystem capacity.
    func stat(_ id: String) async throws -> FsStat
}
