import ChainTypes
import APICore
import Foundation
import MeshTestKit
import SectorStorageAPI
import Testing

/// Sector storage as the markets node sees the mining node's index: paths, declarations, allocation, and the
/// sector files behind the `/remote` URLs the index hands out.
@Suite("Sector storage scenarios")
struct StorageScenarioTests {
    /// A storage path with a `sectorstore.json` and a sealed file of `bytes` for sector 7 of t01000.
    static func makePath(in root: URL, bytes: [UInt8]) throws -> (dir: String, id: String) {
        let dir = root.appendingPathComponent("store-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: dir + "/sealed", withIntermediateDirectories: true)
        let id = UUID().uuidString.lowercased()
        try JSONEncoder().encode(LocalStorageMeta(id: id, canSeal: true, canStore: true)).write(to: URL(fileURLWithPath: dir + "/sectorstore.json"))
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/sealed/s-t01000-7"))
        return (dir, id)
    }

    @Test("the mining node's index finds attached files, takes declarations from other nodes, and allocates", arguments: MeshCase.all)
    func index(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase) { mesh in
            let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let (dir, id) = try Self.makePath(in: mesh.root, bytes: bytes)
            let index = try mesh.ref(SectorStorageMethods.self, on: mesh.miningNode)
            _ = try await index.call(\.storageAddLocal, dir)
            let sector = SectorID(miner: 1000, number: 7)

            let found = try await index.call(\.storageFindSector, sector, SectorFileType.sealed, UInt64(2048), false)
            #expect(found.map(\.id) == [id])
            let url = try #require(found.first?.urls.first)
            #expect(url.hasSuffix("/remote/sealed/s-t01000-7"))

            // Another node's path (the markets node's own storage.json path), attached and declared over the API.
            let remote = StorageInfo(id: "markets-path", urls: ["http://10.0.0.2:2345/remote"], weight: 5, maxStorage: 0, canSeal: false, canStore: true)
            _ = try await index.call(\.storageAttach, remote, FsStat(capacity: 1 << 40, available: 1 << 39, used: 1 << 39))
            _ = try await index.call(\.storageDeclareSector, "markets-path", sector, SectorFileType.unsealed, false)
            let unsealed = try await index.call(\.storageFindSector, sector, SectorFileType.unsealed, UInt64(2048), false)
            #expect(unsealed.map(\.urls) == [["http://10.0.0.2:2345/remote/unsealed/s-t01000-7"]])
            #expect(try await index.call(\.storageList)["markets-path"]?.map(\.fileType) == [.unsealed])
            _ = try await index.call(\.storageDropSector, "markets-path", sector, SectorFileType.unsealed)
            #expect(try await index.call(\.storageFindSector, sector, SectorFileType.unsealed, UInt64(2048), false).isEmpty)

            let best = try await index.call(\.storageBestAlloc, SectorFileType.sealed, UInt64(2048), PathType.sealing)
            #expect(best.map(\.id) == [id], "only the local path can seal")
            #expect(try await index.call(\.storageTryLock, sector, SectorFileType.sealed, SectorFileType.none))

            let unknown = await #expect(throws: RPCError.self) {
                _ = try await index.call(\.storageDeclareSector, "nope", sector, SectorFileType.sealed, true)
            }
            #expect(unknown?.message.contains("is not attached") == true)
        }
    }

    @Test("the /remote URL serves the file with ranges to an admin token, and nothing without one", arguments: MeshCase.all.filter { $0.transport == .http2 })
    func remoteReads(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase) { mesh in
            let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
            let (dir, _) = try Self.makePath(in: mesh.root, bytes: bytes)
            let index = try mesh.ref(SectorStorageMethods.self, on: mesh.miningNode)
            _ = try await index.call(\.storageAddLocal, dir)
            let found = try await index.call(\.storageFindSector, SectorID(miner: 1000, number: 7), SectorFileType.sealed, UInt64(2048), false)
            let url = try #require(found.first?.urls.first)
            let out = mesh.root.appendingPathComponent("range.bin").path
            let auth = "Authorization: Bearer \(mesh.miningNode.token(.admin))"

            let ranged = try await Tools.run("/usr/bin/curl", ["-s", "-o", out, "-w", "%{http_code}", "-H", auth, "-r", "1000-250999", url])
            #expect(ranged.stdout == "206")
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: out))) == Array(bytes[1000...250_999]))
            let whole = try await Tools.run("/usr/bin/curl", ["-s", "--http2-prior-knowledge", "-o", out, "-w", "%{http_code}", "-H", auth, url])
            #expect(whole.stdout == "200")
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: out))) == bytes)
            let outside = try await Tools.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", auth, "-r", "400000-400010", url])
            #expect(outside.stdout == "416")
            let noToken = try await Tools.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", url])
            #expect(noToken.stdout == "401")
            let write = "Authorization: Bearer \(mesh.miningNode.token(.write))"
            #expect(try await Tools.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", write, url]).stdout == "401")
            let missing = url.replacingOccurrences(of: "s-t01000-7", with: "s-t01000-8")
            #expect(try await Tools.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", auth, missing]).stdout == "404")
            let allocated = url.replacingOccurrences(of: "/sealed/", with: "/unsealed/") + "/5/allocated/0/128"
            #expect(try await Tools.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", auth, allocated]).stdout == "404", "no unsealed copy")
        }
    }
}
