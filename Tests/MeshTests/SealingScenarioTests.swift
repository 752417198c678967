import APICore
import CLISupport
import ChainTypes
import Foundation
import FullNodeAPI
import MeshTestKit
import MinerConfig
import Multiformats
import PieceCommitment
import SealingAPI
import SectorStorageAPI
import TestScheduling
import Testing

/// `lotus-miner sectors pledge` as the runbook does it, on every topology: a committed-capacity sector is sealed on
/// the mining node and proven on the chain.
@Suite("Sealing scenarios")
struct SealingScenarioTests {
    /// Attaches a fresh path to the mining node (seal and store by default).
    static func attachPath(_ mesh: Mesh, canSeal: Bool = true, canStore: Bool = true) async throws -> String {
        let dir = mesh.root.appendingPathComponent("seal-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try JSONEncoder().encode(LocalStorageMeta(id: UUID().uuidString.lowercased(), canSeal: canSeal, canStore: canStore))
            .write(to: URL(fileURLWithPath: dir + "/sectorstore.json"))
        _ = try await mesh.ref(SectorStorageMethods.self, on: mesh.miningNode).call(\.storageAddLocal, dir)
        return dir
    }

    /// Waits until `number` is in `state` (or a failure state, which fails the test with its error).
    static func wait(for state: SectorState, sector number: UInt64, on sealing: SubsystemRef<SealingMethods>) async throws -> SectorStatus {
        for _ in 0..<TestTime.rounds(600) {
            let status = try await sealing.call(\.sectorsStatus, number, false)
            if status.state == state { return status }
            if status.state == .failedUnrecoverable { throw RPCError(.methodError, "sector \(number) gave up: \(status.lastError)") }
            try await Task.sleep(for: .milliseconds(100))
        }
        let status = try await sealing.call(\.sectorsStatus, number, false)
        throw RPCError(.methodError, "sector \(number) is \(status.state) after 60 s (last error: \(status.lastError))")
    }

    @Test("sectors pledge: a CC sector goes through the pipeline to Proving; the chain holds it with its CommR", arguments: MeshCase.all)
    func pledge(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true) { mesh in
            let miner = try #require(mesh.minerAddress)
            let dir = try await Self.attachPath(mesh)
            let sealing = try mesh.ref(SealingMethods.self, on: mesh.miningNode)
            let sector = try await sealing.call(\.pledgeSector)
            #expect(sector == SectorID(miner: 1000, number: 0))

            let status = try await Self.wait(for: .proving, sector: sector.number, on: sealing)
            let chain = SubsystemRef<FullNodeMethods>.remote(try #require(mesh.daemon).client())
            let onChain = try #require(try await chain.call(\.stateSectorGetInfo, miner, sector.number, nil))
            #expect(onChain.sealedCID == status.commR)
            #expect(onChain.unsealedCID == status.commD)
            #expect(status.commD?.description.hasPrefix("baga6ea4seaq") == true, "CommD is a piece CID")
            #expect(status.log.map(\.kind).contains("event;SectorPreCommitLanded"))
            #expect(status.preCommitMessage != nil && status.commitMessage != nil)

            #expect(FileManager.default.fileExists(atPath: "\(dir)/sealed/s-t01000-0"))
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/unsealed/s-t01000-0"), "a CC sector keeps no unsealed copy")
            #expect(try await sealing.call(\.sectorsList) == [0])
            #expect(try await sealing.call(\.sectorsSummary) == ["Proving": 1])
            #expect(try await sealing.call(\.sectorsListInStates, [SectorState.proving]) == [0])
            let found = try await mesh.ref(SectorStorageMethods.self, on: mesh.miningNode)
                .call(\.storageFindSector, sector, SectorFileType.sealed, UInt64(2048), false)
            #expect(found.count == 1)

            // proving info / deadlines: the sector sits in one deadline's partition (ProvingScenarioTests follows its
            // Window PoSts through proving periods).
            let proving = ProvingReport(chain: chain, miner: miner)
            let info = try await proving.info()
            #expect(info.first == "Miner: t01000")
            #expect(info.contains { $0.hasPrefix("Faults:      ") }, "\(info)")
            #expect(info.contains { $0.hasPrefix("Deadline Index:") })
            let deadlines = try await proving.deadlines()
            #expect(deadlines.contains("(current)"))
            #expect(deadlines.contains("1 (0)") || deadlines.contains("1 (1)"), "one deadline holds the sector: \(deadlines)")
        }
    }

    @Test("an 8 MiB sector seals to Proving too; its CommD is the 8 MiB zero commitment")
    func eightMiB() async throws {
        try await Mesh.with(MeshCase(topology: .split, transport: .http2), chain: true, sectorSize: .mib8) { mesh in
            let dir = try await Self.attachPath(mesh)
            let sealing = try mesh.ref(SealingMethods.self, on: mesh.miningNode)
            let sector = try await sealing.call(\.pledgeSector)
            let status = try await Self.wait(for: .proving, sector: sector.number, on: sealing)
            #expect(status.sealProof == SectorSize.mib8.sealProof)
            let sealed = try FileManager.default.attributesOfItem(atPath: "\(dir)/sealed/s-t01000-\(sector.number)")[.size] as? NSNumber
            #expect(sealed?.uint64Value == 8 << 20)
            #expect(status.pieces.map(\.size) == [8 << 20])
            #expect(status.commD == PieceCID.v1(ZeroCommitments.piece(try PaddedPieceSize(validating: 8 << 20))))
        }
    }

    @Test("without a storage path the sector waits in PreCommit1 and says why; attaching one lets it finish")
    func noPathYet() async throws {
        try await Mesh.with(MeshCase(topology: .monolith, transport: .inProcess), chain: true) { mesh in
            let sealing = try mesh.ref(SealingMethods.self, on: mesh.miningNode)
            let sector = try await sealing.call(\.pledgeSector)
            var status = try await sealing.call(\.sectorsStatus, sector.number, false)
            for _ in 0..<TestTime.rounds(100) where status.lastError.isEmpty {
                try await Task.sleep(for: .milliseconds(50))
                status = try await sealing.call(\.sectorsStatus, sector.number, false)
            }
            #expect(status.lastError.contains("storage attach --init --seal"), "\(status)")
            _ = try await Self.attachPath(mesh)
            _ = try await Self.wait(for: .proving, sector: sector.number, on: sealing)
        }
    }

    @Test("[Storage] Allow* honoured: with AllowPreCommit2 off the sector waits in PreCommit2; with AllowAddPiece and AllowUnseal off those calls are refused")
    func allowFlags() async throws {
        try await Mesh.with(MeshCase(topology: .monolith, transport: .inProcess), chain: true, configure: {
            $0.storage.allowPreCommit2 = false
            $0.storage.allowAddPiece = false
            $0.storage.allowUnseal = false
        }) { mesh in
            let dir = try await Self.attachPath(mesh)
            let sealing = try mesh.ref(SealingMethods.self, on: mesh.miningNode)
            let sector = try await sealing.call(\.pledgeSector)
            var state = SectorState.undefined
            for _ in 0..<TestTime.rounds(100) where state != .preCommit2 {
                try await Task.sleep(for: .milliseconds(50))
                state = try await sealing.call(\.sectorsStatus, sector.number, false).state
            }
            try await Task.sleep(for: .seconds(1))
            #expect(try await sealing.call(\.sectorsStatus, sector.number, false).state == .preCommit2, "it waits there")
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/sealed/\(sector.fileName)"))
            // `sealing jobs`: the PreCommit2 task is the node's one worker's job, waiting to be allowed.
            let jobs = try await sealing.call(\.workerJobs)
            #expect(jobs.values.flatMap { $0 }.map(\.shortName) == ["PC2"], "\(jobs)")
            #expect(jobs.values.flatMap { $0 }.map(\.sector) == [sector])

            let deal = PieceDealInfo(publishCid: nil, dealID: 1, dealProposal: nil, dealSchedule: DealSchedule(startEpoch: 1000, endEpoch: 2000))
            let refused = await #expect(throws: RPCError.self) {
                _ = try await sealing.call(\.sectorAddPieceToAny, UInt64(1016), ByteStream(bytes: [UInt8](repeating: 1, count: 1016)), deal)
            }
            #expect(refused?.message.contains("AllowAddPiece = false") == true, "\(String(describing: refused))")
            let unseal = await #expect(throws: RPCError.self) {
                _ = try await sealing.call(
                    \.sectorsUnsealPiece, SectorRef(id: sector, proofType: SectorSize.kib2.sealProof), UInt64(0), UInt64(2032), Base64Bytes([]), nil)
            }
            #expect(unseal?.message.contains("AllowUnseal = false") == true, "\(String(describing: unseal))")
        }
    }

    @Test("a sector sealed on a seal-only path moves to the store path when it is finalized, and is proven from there", arguments: [MeshCase(topology: .split, transport: .http2)])
    func movesToStore(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true) { mesh in
            let seal = try await Self.attachPath(mesh, canSeal: true, canStore: false)
            let store = try await Self.attachPath(mesh, canSeal: false, canStore: true)
            let sealing = try mesh.ref(SealingMethods.self, on: mesh.miningNode)
            let sector = try await sealing.call(\.pledgeSector)
            _ = try await Self.wait(for: .proving, sector: sector.number, on: sealing)
            #expect(FileManager.default.fileExists(atPath: "\(store)/sealed/\(sector.fileName)"))
            #expect(FileManager.default.fileExists(atPath: "\(store)/cache/\(sector.fileName)/tree-r-last"))
            #expect(!FileManager.default.fileExists(atPath: "\(seal)/sealed/\(sector.fileName)"))
            let index = try mesh.ref(SectorStorageMethods.self, on: mesh.miningNode)
            let found = try await index.call(\.storageFindSector, sector, SectorFileType.sealed, UInt64(2048), false)
            let storeID = try JSONDecoder().decode(LocalStorageMeta.self, from: Data(contentsOf: URL(fileURLWithPath: store + "/sectorstore.json"))).id
            #expect(found.map(\.id) == [storeID])
            let chain = SubsystemRef<FullNodeMethods>.remote(try #require(mesh.daemon).client())
            try await ProvingScenarioTests.waitForPartition(of: sector.number, miner: try #require(mesh.minerAddress), chain: chain, "active") {
                $0.activeSectors.contains(sector.number)
            }
        }
    }

    @Test("batching: two sectors wait in the pre-commit batcher, go out in one PreCommitSectorBatch when flushed, then in one ProveCommitAggregate", arguments: [MeshCase(topology: .split, transport: .http2)])
    func batching(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true, configure: {
            $0.sealing.batchPreCommitAboveBaseFee = .zero  // batch whatever the base fee
            $0.sealing.aggregateAboveBaseFee = .zero
            $0.sealing.preCommitBatchWait = .hours(1)
            $0.sealing.commitBatchWait = .hours(1)
            $0.sealing.minCommitBatch = 2
        }) { mesh in
            _ = try await Self.attachPath(mesh)
            let sealing = try mesh.ref(SealingMethods.self, on: mesh.miningNode)
            let a = try await sealing.call(\.pledgeSector), b = try await sealing.call(\.pledgeSector)
            _ = try await Self.wait(for: .submitPreCommitBatch, sector: a.number, on: sealing)
            _ = try await Self.wait(for: .submitPreCommitBatch, sector: b.number, on: sealing)
            var pending = try await sealing.call(\.sectorPreCommitPending)
            for _ in 0..<TestTime.rounds(50) where pending.count < 2 {
                try await Task.sleep(for: .milliseconds(50))
                pending = try await sealing.call(\.sectorPreCommitPending)
            }
            #expect(pending == [a, b], "both wait in the batcher")
            let sent = try await sealing.call(\.sectorPreCommitFlush)
            #expect(sent.count == 1 && sent.first?.sectors == [a.number, b.number] && sent.first?.error == "", "\(sent)")

            _ = try await Self.wait(for: .submitCommitAggregate, sector: a.number, on: sealing)
            _ = try await Self.wait(for: .submitCommitAggregate, sector: b.number, on: sealing)
            var commits = try await sealing.call(\.sectorCommitPending)
            for _ in 0..<TestTime.rounds(50) where commits.count < 2 {
                try await Task.sleep(for: .milliseconds(50))
                commits = try await sealing.call(\.sectorCommitPending)
            }
            #expect(commits == [a, b])
            let aggregated = try await sealing.call(\.sectorCommitFlush)
            #expect(aggregated.count == 1 && aggregated.first?.sectors == [a.number, b.number], "\(aggregated)")

            let first = try await Self.wait(for: .proving, sector: a.number, on: sealing)
            let second = try await Self.wait(for: .proving, sector: b.number, on: sealing)
            #expect(first.preCommitMessage == second.preCommitMessage && first.preCommitMessage == sent.first?.message)
            #expect(first.commitMessage == second.commitMessage && first.commitMessage == aggregated.first?.message)
            let chain = SubsystemRef<FullNodeMethods>.remote(try #require(mesh.daemon).client())
            let message = try await chain.call(\.chainGetMessage, try #require(first.commitMessage))
            #expect(message.method == MinerMethod.proveCommitAggregate.rawValue, "one ProveCommitAggregate for both, verified by the daemon")
            #expect(try await sealing.call(\.sectorCommitFlush).isEmpty)
        }
    }
}
