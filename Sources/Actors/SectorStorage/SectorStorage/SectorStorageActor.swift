import APICore
import Foundation
import SectorStorageAPI
import ServiceLifecycle

/// The SectorStorage subsystem: local storage paths and the sector index. Sector files, locks and
/// `/remote` reads arrive with the sealing issue.
public actor SectorStorageActor: SectorStorageAPI, Service {
    private let pathList: any StoragePathList
    private let remoteURL: String
    private var paths: [String: (path: String, meta: LocalStorageMeta)] = [:]
    private var loaded = false

    /// - Parameters:
    ///   - pathList: the repo's `storage.json`.
    ///   - remoteURL: `http://<RemoteListenAddress>/remote`, advertised for every local path.
    public init(pathList: any StoragePathList, remoteURL: String) {
        self.pathList = pathList
        self.remoteURL = remoteURL
    }

    /// Opens every path in storage.json (once).
    func loadPaths() throws {
        guard !loaded else { return }
        for path in try pathList.load() {
            let meta = try Self.readMeta(at: path)
            paths[meta.id] = (path, meta)
        }
        loaded = true
    }

    static func readMeta(at path: String) throws -> LocalStorageMeta {
        let file = (path as NSString).appendingPathComponent("sectorstore.json")
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RPCError(
                .methodError,
                "opening storage path '\(path)': \(file) not found; initialise the path with `lotus-miner storage attach --init --seal|--store \(path)`")
        }
        do {
            return try JSONDecoder().decode(LocalStorageMeta.self, from: data)
        } catch {
            throw RPCError(.methodError, "opening storage path '\(path)': \(file) is not a valid sectorstore.json: \(error)")
        }
    }

    /// Attaches a local path that holds a `sectorstore.json` and records it in storage.json.
    public func addLocal(_ path: String) throws {
        try loadPaths()
        let absolute = (path as NSString).standardizingPath
        let meta = try Self.readMeta(at: absolute)
        if let existing = paths[meta.id] {
            guard existing.path == absolute else {
                throw RPCError(.methodError, "storage path ID \(meta.id) is already attached at \(existing.path)")
            }
            return
        }
        paths[meta.id] = (absolute, meta)
        try pathList.save(paths.values.map(\.path).sorted())
    }

    /// Local paths by storage ID.
    public func local() throws -> [String: String] {
        try loadPaths()
        return paths.mapValues(\.path)
    }

    /// Sector declarations per storage ID (no sectors are declared until sealing runs).
    public func list() throws -> [String: [SectorDecl]] {
        try loadPaths()
        return paths.mapValues { _ in [] }
    }

    public func info(_ id: String) throws -> StorageInfo {
        try loadPaths()
        guard let entry = paths[id] else { throw RPCError(.methodError, "storage \(id) not found; `lotus-miner storage list` shows attached paths") }
        return StorageInfo(meta: entry.meta, urls: [remoteURL])
    }

    /// Filesystem capacity of a path, from statvfs.
    public func stat(_ id: String) throws -> FsStat {
        try loadPaths()
        guard let entry = paths[id] else { throw RPCError(.methodError, "storage \(id) not found; `lotus-miner storage list` shows attached paths") }
        let attributes = try FileManager.default.attributesOfFileSystem(forPath: entry.path)
        let capacity = (attributes[.systemSize] as? NSNumber)?.int64Value ?? 0
        let free = (attributes[.systemFreeSize] as? NSNumber)?.int64Value ?? 0
        return FsStat(capacity: capacity, available: free, used: capacity - free)
    }

    public func run() async throws {
        try? await gracefulShutdown()
    }
}
