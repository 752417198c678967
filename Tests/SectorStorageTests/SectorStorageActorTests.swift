import ChainTypes
import APICore
import Foundation
import SectorStorage
import SectorStorageAPI
import Synchronization
import Testing

/// A `storage.json` in memory.
final class MemoryPathList: StoragePathList {
    private let paths = Mutex<[String]>([])
    func load() throws -> [String] { paths.withLock { $0 } }
    func save(_ new: [String]) throws { paths.withLock { $0 = new } }
}

/// The SectorStorage actor over real directories: attach, declare what is on disk, heartbeats, locks.
@Suite("Sector storage")
struct SectorStorageActorTests {
    static func makePath(seal: Bool = true, store: Bool = true, maxStorage: UInt64 = 0) throws -> (dir: String, id: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir + "/sealed", withIntermediateDirectories: true)
        let id = UUID().uuidString.lowercased()
        let meta = LocalStorageMeta(id: id, canSeal: seal, canStore: store, maxStorage: maxStorage)
        try JSONEncoder().encode(meta).write(to: URL(fileURLWithPath: dir + "/sectorstore.json"))
        return (dir, id)
    }

    @Test("attaching a path declares the sector files already in it; the file is found locally and through the index")
    func attachDeclares() async throws {
        let (dir, id) = try Self.makePath()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Array(repeating: UInt8(7), count: 2048).withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: dir + "/sealed/s-t01000-5")) }
        try Data("junk".utf8).write(to: URL(fileURLWithPath: dir + "/sealed/not-a-sector"))
        let actor = SectorStorageActor(pathList: MemoryPathList(), remoteURL: "http://127.0.0.1:2345/remote")
        try await actor.addLocal(dir)

        let sector = SectorID(miner: 1000, number: 5)
        #expect(try await actor.list()[id] == [SectorDecl(sector: sector, fileType: .sealed)])
        let found = try await actor.findSector(sector, types: .sealed, sectorSize: 2048, allowFetch: false)
        #expect(found.map(\.urls) == [["http://127.0.0.1:2345/remote/sealed/s-t01000-5"]])
        #expect(try await actor.localFile(.sealed, of: sector) == dir + "/sealed/s-t01000-5")
        #expect(try await actor.localFile(.unsealed, of: sector) == nil)
    }

    @Test("MaxStorage caps what a path offers by what its sectors already take")
    func maxStorage() async throws {
        let (dir, id) = try Self.makePath(maxStorage: 10_000)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(count: 4096).write(to: URL(fileURLWithPath: dir + "/sealed/s-t01000-1"))
        let actor = SectorStorageActor(pathList: MemoryPathList(), remoteURL: "http://127.0.0.1:2345/remote")
        try await actor.addLocal(dir)
        let stat = try await actor.stat(id)
        #expect(stat.max == 10_000)
        #expect(stat.used == 4096)
        #expect(stat.available == 10_000 - 4096)
        let error = await #expect(throws: RPCError.self) { _ = try await actor.bestAlloc(.sealed, sectorSize: 8 << 20, pathType: .storage) }
        #expect(error?.message.contains("no good path") == true)
    }

    @Test("a path that disappears is reported unhealthy at the next heartbeat and no longer offered")
    func disappearingPath() async throws {
        let (dir, id) = try Self.makePath()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = MemoryPathList()
        try paths.save([dir])
        let actor = SectorStorageActor(pathList: paths, remoteURL: "http://127.0.0.1:2345/remote", heartbeat: .milliseconds(50))
        let running = Task { try await actor.run() }
        defer { running.cancel() }
        #expect(try await actor.bestAlloc(.sealed, sectorSize: 2048, pathType: .storage).map(\.id) == [id])

        try FileManager.default.removeItem(atPath: dir + "/sectorstore.json")
        var offered = true
        for _ in 0..<100 where offered {
            try await Task.sleep(for: .milliseconds(50))
            offered = (try? await actor.bestAlloc(.sealed, sectorSize: 2048, pathType: .storage)) != nil
        }
        #expect(!offered, "the gone path is no longer offered for new sectors")
    }

    @Test("a writer waits for the readers of its file; StorageTryLock says whether the files are free")
    func locks() async throws {
        let actor = SectorStorageActor(pathList: MemoryPathList(), remoteURL: "http://127.0.0.1:2345/remote")
        let sector = SectorID(miner: 1000, number: 9)
        let order = Mutex<[String]>([])
        let reader = Task {
            try await actor.withLock(sector, read: .sealed, write: []) {
                try await Task.sleep(for: .milliseconds(200))
                order.withLock { $0.append("reader done") }
            }
        }
        while await actor.storageTryLock(sector, read: [], write: .sealed) { try await Task.sleep(for: .milliseconds(5)) }
        #expect(await actor.storageTryLock(sector, read: .sealed, write: []), "readers share")
        await actor.storageLock(sector, read: [], write: .sealed)
        order.withLock { $0.append("writer") }
        try await reader.value
        #expect(order.withLock { $0 } == ["reader done", "writer"])
    }
}
