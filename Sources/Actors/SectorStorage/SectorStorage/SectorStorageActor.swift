import ChainTypes
import APICore
import Foundation
import Logging
import SectorStorageAPI
import ServiceLifecycle

/// The SectorStorage subsystem: this node's storage paths (`storage.json`, each with its `sectorstore.json`), the
/// sector index of every path attached to it (its own, and other nodes' through `StorageAttach`), and the locks on
/// sector files. It declares what its paths hold at start and re-reads their filesystems every heartbeat, so a path
/// that disappears or fills up shows in the index (and `storage list`) within one heartbeat.
public actor SectorStorageActor: SectorStorageAPI, Service {
    private let pathList: any StoragePathList
    private let remoteURL: String
    private let heartbeat: Duration
    private let logger: Logger
    private var localPaths: [String: LocalStoragePath] = [:]
    private var sectorBytes: [String: UInt64] = [:]
    private var loaded = false
    private var index = SectorIndex()
    private var locks = SectorLocks()
    private var lockWaiters: [(sector: SectorID, read: SectorFileType, write: SectorFileType, resume: CheckedContinuation<Void, Never>)] = []

    /// - Parameters:
    ///   - pathList: the repo's `storage.json`.
    ///   - remoteURL: `http://<RemoteListenAddress>/remote`, advertised for every local path.
    ///   - heartbeat: how often local paths are re-read (Lotus: 10 s).
    public init(pathList: any StoragePathList, remoteURL: String, heartbeat: Duration = .seconds(10), logger: Logger = Logger(label: "stores")) {
        self.pathList = pathList
        self.remoteURL = remoteURL
        self.heartbeat = heartbeat
        self.logger = logger
    }

    /// Opens every path in storage.json (once), attaches it and declares its files.
    func loadPaths() throws {
        guard !loaded else { return }
        for path in try pathList.load() {
            try open(try LocalStoragePath(opening: path))
        }
        loaded = true
    }

    private func open(_ path: LocalStoragePath) throws {
        let (declarations, bytes) = path.scan()
        localPaths[path.meta.id] = path
        sectorBytes[path.meta.id] = bytes
        index.attach(StorageInfo(meta: path.meta, urls: [remoteURL]), stat: try path.stat(sectorBytes: bytes))
        for declaration in declarations {
            try index.declare(path.meta.id, sector: declaration.sector, types: declaration.fileType, primary: path.meta.canStore)
        }
    }

    // MARK: Local paths

    /// Attaches a local path that holds a `sectorstore.json`, records it in storage.json and declares its files.
    public func addLocal(_ path: String) throws {
        try loadPaths()
        let absolute = (path as NSString).standardizingPath
        let opened = try LocalStoragePath(opening: absolute)
        if let existing = localPaths[opened.meta.id] {
            guard existing.path == absolute else {
                throw RPCError(.methodError, "storage path ID \(opened.meta.id) is already attached at \(existing.path)")
            }
            return
        }
        try open(opened)
        try pathList.save(localPaths.values.map(\.path).sorted())
    }

    /// Local paths by storage ID.
    public func local() throws -> [String: String] {
        try loadPaths()
        return localPaths.mapValues(\.path)
    }

    /// Filesystem capacity of a local path (`MaxStorage` applied).
    public func stat(_ id: String) throws -> FsStat {
        try loadPaths()
        guard let path = localPaths[id] else { throw SectorIndex.unknown(id) }
        return try path.stat(sectorBytes: sectorBytes[id] ?? 0)
    }

    /// Where file `type` of `sector` is on this node's disks, if a local path holds it (for `/remote` reads and the
    /// sealing pipeline).
    public func localFile(_ type: SectorFileType, of sector: SectorID) throws -> String? {
        try loadPaths()
        for holder in index.find(sector, types: type, allowFetch: false) {
            if let path = localPaths[holder.id], let file = path.file(type, of: sector), FileManager.default.fileExists(atPath: file) {
                return file
            }
        }
        return nil
    }

    /// Re-reads every local path: its filesystem and its files. A path that is gone or unreadable is reported unhealthy.
    func refreshLocalPaths() {
        for (id, path) in localPaths {
            let (declarations, bytes) = path.scan()
            sectorBytes[id] = bytes
            let report: HealthReport
            do {
                report = HealthReport(stat: try path.stat(sectorBytes: bytes))
            } catch {
                report = HealthReport(stat: FsStat(capacity: 0, available: 0, used: 0), error: "\(error)")
                if index.isHealthy(id) { logger.warning("storage path failed its heartbeat", metadata: ["id": "\(id)", "path": "\(path.path)", "error": "\(error)"]) }
            }
            try? index.reportHealth(id, report)
            for declaration in declarations {
                try? index.declare(id, sector: declaration.sector, types: declaration.fileType, primary: path.meta.canStore)
            }
        }
    }

    // MARK: The index

    public func list() throws -> [String: [SectorDecl]] {
        try loadPaths()
        return index.list()
    }

    public func info(_ id: String) throws -> StorageInfo {
        try loadPaths()
        guard let path = index.paths[id] else { throw SectorIndex.unknown(id) }
        return path.info
    }

    public func attach(_ info: StorageInfo, stat: FsStat) throws {
        try loadPaths()
        guard !info.id.isEmpty else { throw RPCError(.methodError, "StorageAttach: the storage ID is empty") }
        index.attach(info, stat: stat)
    }

    public func reportHealth(_ id: String, _ report: HealthReport) throws {
        try loadPaths()
        try index.reportHealth(id, report)
    }

    public func declareSector(_ id: String, sector: SectorID, types: SectorFileType, primary: Bool) throws {
        try loadPaths()
        try index.declare(id, sector: sector, types: types, primary: primary)
    }

    public func dropSector(_ id: String, sector: SectorID, types: SectorFileType) throws {
        try loadPaths()
        try index.drop(id, sector: sector, types: types)
    }

    public func findSector(_ sector: SectorID, types: SectorFileType, sectorSize: UInt64, allowFetch: Bool) throws -> [SectorStorageInfo] {
        try loadPaths()
        return index.find(sector, types: types, allowFetch: allowFetch)
    }

    public func bestAlloc(_ types: SectorFileType, sectorSize: UInt64, pathType: PathType) throws -> [StorageInfo] {
        try loadPaths()
        return try index.bestAlloc(types, sectorSize: sectorSize, pathType: pathType)
    }

    // MARK: Locks

    /// Waits until `read` and `write` of `sector` can be taken, then holds them until `body` returns.
    public func withLock<T: Sendable>(
        _ sector: SectorID, read: SectorFileType, write: SectorFileType, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        await lock(sector, read: read, write: write)
        defer { unlock(sector, read: read, write: write) }
        return try await body()
    }

    /// `StorageLock`: waits until the locks can be taken. Over JSON-RPC, as with Lotus's go-jsonrpc, a lock lives as long
    /// as the call, so the answer says the files were free at that moment.
    public func storageLock(_ sector: SectorID, read: SectorFileType, write: SectorFileType) async {
        await lock(sector, read: read, write: write)
        unlock(sector, read: read, write: write)
    }

    /// `StorageTryLock`: whether the locks could be taken now.
    public func storageTryLock(_ sector: SectorID, read: SectorFileType, write: SectorFileType) -> Bool {
        locks.canLock(sector, read: read, write: write)
    }

    private func lock(_ sector: SectorID, read: SectorFileType, write: SectorFileType) async {
        if locks.tryLock(sector, read: read, write: write) { return }
        await withCheckedContinuation { continuation in
            lockWaiters.append((sector, read, write, continuation))
        }
    }

    private func unlock(_ sector: SectorID, read: SectorFileType, write: SectorFileType) {
        locks.unlock(sector, read: read, write: write)
        var waiting: [(sector: SectorID, read: SectorFileType, write: SectorFileType, resume: CheckedContinuation<Void, Never>)] = []
        for waiter in lockWaiters {
            if locks.tryLock(waiter.sector, read: waiter.read, write: waiter.write) {
                waiter.resume.resume()
            } else {
                waiting.append(waiter)
            }
        }
        lockWaiters = waiting
    }

    /// Loads the paths, then re-reads them every heartbeat until graceful shutdown.
    public func run() async throws {
        do {
            try loadPaths()
        } catch {
            logger.error("opening storage paths failed", metadata: ["error": "\(error)"])
        }
        let interval = heartbeat
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                await self.refreshLocalPaths()
            }
        }
    }
}
