import APICore
import ChainTypes
import Foundation
import FullNodeAPI
import MeshTestKit
import MiningAPI
import SealingAPI
import SectorStorageAPI
import TestScheduling
import Testing

/// Window PoSt as an operator sees it on every topology: a sealed sector stays active period after period because the
/// mining node proves it from its sealed file; a sealed file that goes away turns the sector faulty, and putting it
/// back recovers it.
@Suite("Proving scenarios")
struct ProvingScenarioTests {
    /// The partition of the miner's deadlines that holds `sector`.
    static func partition(of sector: UInt64, miner: Address, chain: SubsystemRef<FullNodeMethods>) async throws -> MinerPartition? {
        let deadlines = try await chain.call(\.stateMinerDeadlines, miner, nil)
        for index in deadlines.indices {
            for partition in try await chain.call(\.stateMinerPartitions, miner, UInt64(index), nil) where partition.allSectors.contains(sector) {
                return partition
            }
        }
        return nil
    }

    /// Waits (up to 60 s, scaled by ``TestTime``) until `condition` holds for `sector`'s partition.
    static func waitForPartition(
        of sector: UInt64, miner: Address, chain: SubsystemRef<FullNodeMethods>, _ what: String,
        _ condition: (MinerPartition) -> Bool
    ) async throws {
        var last: MinerPartition?
        let held = try await TestTime.poll(within: .seconds(60), every: .milliseconds(100)) {
            last = try await partition(of: sector, miner: miner, chain: chain)
            return last.map(condition) ?? false
        }
        if held { return }
        Issue.record("sector \(sector) never became \(what); its partition: \(String(describing: last))")
        throw RPCError(.methodError, "timed out waiting for sector \(sector) to become \(what)")
    }

    /// Waits (up to 60 s, scaled by ``TestTime``) until the chain is `epochs` past where it is now.
    static func waitEpochs(_ epochs: ChainEpoch, chain: SubsystemRef<FullNodeMethods>) async throws {
        let start = try await chain.call(\.chainHead).height
        _ = try await TestTime.poll(within: .seconds(60), every: .milliseconds(50)) {
            try await chain.call(\.chainHead).height >= start + epochs
        }
    }

    /// Attaches a path, pledges a sector and waits until it is sealed and proven active on the chain.
    static func pledgeAndProve(_ mesh: Mesh) async throws -> (Address, String, SectorID, SubsystemRef<FullNodeMethods>) {
        let miner = try #require(mesh.minerAddress)
        let dir = try await SealingScenarioTests.attachPath(mesh)
        let sealing = try mesh.ref(SealingMethods.self, on: mesh.miningNode)
        let sector = try await sealing.call(\.pledgeSector)
        _ = try await SealingScenarioTests.wait(for: .proving, sector: sector.number, on: sealing)
        let chain = SubsystemRef<FullNodeMethods>.remote(try #require(mesh.daemon).client())
        try await waitForPartition(of: sector.number, miner: miner, chain: chain, "active") { $0.activeSectors.contains(sector.number) }
        return (miner, dir, sector, chain)
    }

    @Test("a pledged sector stays active through two proving periods: the mining node submits its Window PoSts", arguments: MeshCase.all)
    func staysActive(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true) { mesh in
            let (miner, _, sector, chain) = try await Self.pledgeAndProve(mesh)
            let period = try await chain.call(\.stateMinerProvingDeadline, miner, nil).wPoStProvingPeriod
            try await Self.waitEpochs(2 * period, chain: chain)
            // Each period's Window PoSt keeps it active. (A run loaded enough to miss a 1-second challenge window would
            // see it faulty and then recovered; either way it is active again within a period.)
            try await Self.waitForPartition(of: sector.number, miner: miner, chain: chain, "active after two periods") {
                $0.activeSectors.contains(sector.number) && $0.faultySectors.isEmpty
            }
            let status = try await mesh.ref(MiningMethods.self, on: mesh.miningNode).call(\.miningStatus)
            #expect(status.windowPoStsSubmitted >= 2, "a Window PoSt each period: \(status)")
            #expect(status.windowPoStFailures == 0, "\(status)")
            let power = try await chain.call(\.stateMinerPower, miner, nil)
            #expect(power.minerPower.rawBytePower == 2048, "the proven sector counts for power: \(power)")
        }
    }

    @Test("deleting a sealed file turns its sector faulty at its deadline; restoring the file recovers it", arguments: MeshCase.all)
    func faultAndRecovery(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true) { mesh in
            let (miner, dir, sector, chain) = try await Self.pledgeAndProve(mesh)

            let sealed = "\(dir)/sealed/\(sector.fileName)"
            let aside = mesh.root.appendingPathComponent("aside-\(sector.fileName)").path
            try FileManager.default.moveItem(atPath: sealed, toPath: aside)
            try await Self.waitForPartition(of: sector.number, miner: miner, chain: chain, "faulty") { $0.faultySectors.contains(sector.number) }
            #expect(try await Self.partition(of: sector.number, miner: miner, chain: chain)?.activeSectors.contains(sector.number) == false)

            try FileManager.default.moveItem(atPath: aside, toPath: sealed)
            try await Self.waitForPartition(of: sector.number, miner: miner, chain: chain, "recovered") {
                $0.activeSectors.contains(sector.number) && $0.faultySectors.isEmpty
            }
        }
    }

    @Test("a corrupted sealed file fails its check: the sector is skipped or declared faulty, never proven with bad data")
    func corruptedReplica() async throws {
        try await Mesh.with(MeshCase(topology: .monolith, transport: .inProcess), chain: true) { mesh in
            let (miner, dir, sector, chain) = try await Self.pledgeAndProve(mesh)

            // Flip one bit in every node (keeping each a field element): any challenge lands on altered data.
            let sealed = "\(dir)/sealed/\(sector.fileName)"
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: sealed)))
            for node in stride(from: 0, to: bytes.count, by: 32) { bytes[node] ^= 1 }
            try Data(bytes).write(to: URL(fileURLWithPath: sealed))
            try await Self.waitForPartition(of: sector.number, miner: miner, chain: chain, "faulty") { $0.faultySectors.contains(sector.number) }
        }
    }

    @Test("sectors remove: the sector's files leave the storage paths, it is Removed, and the chain sees it faulty")
    func remove() async throws {
        try await Mesh.with(MeshCase(topology: .split, transport: .http2), chain: true) { mesh in
            let (miner, dir, sector, chain) = try await Self.pledgeAndProve(mesh)
            let sealing = try mesh.ref(SealingMethods.self, on: mesh.miningNode)
            _ = try await sealing.call(\.sectorRemove, sector.number)
            _ = try await SealingScenarioTests.wait(for: .removed, sector: sector.number, on: sealing)
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/sealed/\(sector.fileName)"))
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/cache/\(sector.fileName)"))
            let found = try await mesh.ref(SectorStorageMethods.self, on: mesh.miningNode)
                .call(\.storageFindSector, sector, SectorFileType([.sealed, .cache]), UInt64(2048), false)
            #expect(found.isEmpty, "the index forgot the sector: \(found)")
            await #expect(throws: RPCError.self) { try await sealing.call(\.sectorRemove, sector.number) }
            try await Self.waitForPartition(of: sector.number, miner: miner, chain: chain, "faulty") { $0.faultySectors.contains(sector.number) }
        }
    }

    @Test("a storage path that disappears: its sector is declared faulty before its next deadline; back again, it is declared recovered")
    func pathDisappears() async throws {
        try await Mesh.with(MeshCase(topology: .monolith, transport: .inProcess), chain: true) { mesh in
            let (miner, dir, sector, chain) = try await Self.pledgeAndProve(mesh)
            let mining = try mesh.ref(MiningMethods.self, on: mesh.miningNode)
            var holder: UInt64?
            for index in 0..<UInt64(4) where try await chain.call(\.stateMinerPartitions, miner, index, nil).contains(where: { $0.allSectors.contains(sector.number) }) {
                holder = index
            }
            let deadline = try #require(holder)
            // Just after the sector's deadline closes, the path goes away: two deadlines ahead is the sector's next one.
            var current = try await chain.call(\.stateMinerProvingDeadline, miner, nil)
            for _ in 0..<TestTime.rounds(400) where current.index != (deadline + 1) % 4 {
                try await Task.sleep(for: .milliseconds(10))
                current = try await chain.call(\.stateMinerProvingDeadline, miner, nil)
            }
            let aside = mesh.root.appendingPathComponent("aside-path").path
            try FileManager.default.moveItem(atPath: dir, toPath: aside)
            try await Self.waitForPartition(of: sector.number, miner: miner, chain: chain, "faulty") { $0.faultySectors.contains(sector.number) }
            let declaredAt = try await chain.call(\.stateMinerProvingDeadline, miner, nil)
            #expect(declaredAt.index != deadline, "declared before its deadline opened (now deadline \(declaredAt.index))")
            #expect(try await mining.call(\.miningStatus).faultsDeclared >= 1)

            try FileManager.default.moveItem(atPath: aside, toPath: dir)
            try await Self.waitForPartition(of: sector.number, miner: miner, chain: chain, "recovered") {
                $0.activeSectors.contains(sector.number) && $0.faultySectors.isEmpty
            }
            #expect(try await mining.call(\.miningStatus).recoveriesDeclared >= 1)
        }
    }
}
