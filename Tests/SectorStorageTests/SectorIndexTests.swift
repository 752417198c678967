import ChainTypes
import APICore
import Foundation
import SectorStorage
import SectorStorageAPI
import Testing

/// The sector index as a value: paths, declarations, finding, allocating, health.
@Suite("Sector index")
struct SectorIndexTests {
    static func path(_ id: String, seal: Bool, store: Bool, weight: UInt64 = 10, available: Int64 = 1 << 40) -> (StorageInfo, FsStat) {
        (StorageInfo(id: id, urls: ["http://127.0.0.1:2345/remote"], weight: weight, maxStorage: 0, canSeal: seal, canStore: store),
         FsStat(capacity: 1 << 41, available: available, used: (1 << 41) - available))
    }

    let sector = SectorID(miner: 1000, number: 3)

    @Test("declared files are found with their URLs; dropping them forgets them; list shows every path")
    func declareFindDrop() throws {
        var index = SectorIndex()
        let (a, statA) = Self.path("a", seal: true, store: false)
        let (b, statB) = Self.path("b", seal: false, store: true)
        index.attach(a, stat: statA)
        index.attach(b, stat: statB)
        try index.declare("a", sector: sector, types: [.cache, .unsealed], primary: false)
        try index.declare("b", sector: sector, types: .sealed, primary: true)

        let sealed = index.find(sector, types: .sealed, allowFetch: false)
        #expect(sealed.map(\.id) == ["b"])
        #expect(sealed.first?.urls == ["http://127.0.0.1:2345/remote/sealed/s-t01000-3"])
        #expect(sealed.first?.primary == true)
        let any = index.find(sector, types: [.sealed, .unsealed], allowFetch: false)
        #expect(Set(any.map(\.id)) == ["a", "b"])
        #expect(any.first?.id == "b", "the primary copy comes first")

        #expect(index.list()["a"]?.map(\.fileType) == [.unsealed, .cache])
        try index.drop("a", sector: sector, types: [.cache, .unsealed])
        #expect(index.list()["a"] == [])
        #expect(index.find(sector, types: .unsealed, allowFetch: false).isEmpty)
        #expect(index.find(sector, types: .unsealed, allowFetch: true).map(\.id).sorted() == ["a", "b"], "with fetch, paths that could take it")
    }

    @Test("an unknown path or file type is refused with a clear error")
    func refusals() throws {
        var index = SectorIndex()
        #expect(throws: RPCError.self) { try index.declare("nope", sector: sector, types: .sealed, primary: true) }
        let (a, stat) = Self.path("a", seal: true, store: true)
        index.attach(a, stat: stat)
        let error = #expect(throws: RPCError.self) { try index.declare("a", sector: sector, types: SectorFileType(rawValue: 64), primary: true) }
        #expect(error?.message.contains("invalid sector file type") == true)
        #expect(throws: RPCError.self) { try index.reportHealth("nope", HealthReport(stat: stat)) }
    }

    @Test("best allocation: the right kind of path, healthy, with room, weighted by free space")
    func bestAlloc() throws {
        var index = SectorIndex()
        let now = Date()
        let (small, smallStat) = Self.path("small", seal: true, store: true, weight: 10, available: 4096)
        let (big, bigStat) = Self.path("big", seal: true, store: false, weight: 10, available: 1 << 30)
        let (heavy, heavyStat) = Self.path("heavy", seal: true, store: true, weight: 100, available: 1 << 29)
        for (info, stat) in [(small, smallStat), (big, bigStat), (heavy, heavyStat)] { index.attach(info, stat: stat, now: now) }

        #expect(try index.bestAlloc([.sealed, .cache], sectorSize: 2048, pathType: .sealing, now: now).map(\.id) == ["heavy", "big"], "small has 4 KiB, sealing needs 6 KiB")
        #expect(try index.bestAlloc(.sealed, sectorSize: 2048, pathType: .sealing, now: now).map(\.id) == ["heavy", "big", "small"])
        #expect(try index.bestAlloc(.sealed, sectorSize: 8 << 20, pathType: .storage, now: now).map(\.id) == ["heavy"], "small has no room, big cannot store")

        try index.reportHealth("heavy", HealthReport(stat: heavyStat, error: "stat /mnt/heavy: no such file or directory"), now: now)
        #expect(try index.bestAlloc(.sealed, sectorSize: 2048, pathType: .storage, now: now).map(\.id) == ["small"], "an unhealthy path is skipped")
        #expect(!index.isHealthy("big", now: now.addingTimeInterval(31)), "no heartbeat for 30 s: down")
        let error = #expect(throws: RPCError.self) {
            _ = try index.bestAlloc(.sealed, sectorSize: 1 << 30, pathType: .storage, now: now.addingTimeInterval(31))
        }
        #expect(error?.message.contains("storage attach --init --store") == true)
    }

    @Test("sector names and file types round-trip; malformed names are refused")
    func names() {
        #expect(SectorID(fileName: "s-t01000-3") == sector)
        #expect(sector.fileName == "s-t01000-3")
        for bad in ["s-t01000", "s-t0-3", "t01000-3", "s-t01000-3-4", "s-t0x-3", "s-t099999999999999999999-1", ""] {
            #expect(SectorID(fileName: bad) == nil, "\(bad)")
        }
        #expect(SectorFileType(folder: "update-cache") == .updateCache)
        #expect(SectorFileType([.sealed, .cache]).description == "sealed|cache")
    }
}
