import APICore
import CommonAPI
import Foundation
import JSONRPC
import MarketsAPI
import MeshTestKit
import MinerConfig
import MinerNode
import MiningAPI
import Repo
import SealingAPI
import SectorStorageAPI
import Testing

/// Each scenario is written once and runs on every (topology × transport) pair.
@Suite("The actor mesh on every topology and transport")
struct MeshScenarioTests {
    @Test("Every node answers Version and names its own subsystems", arguments: MeshCase.all)
    func versionAndSubsystems(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase) { mesh in
            for node in mesh.nodes {
                let common = try mesh.ref(CommonMethods.self, on: node, permission: nil)
                let version = try await common.call(\.version)
                #expect(version.apiVersion == .minerAPI)
                let subsystems = try await common.call(\.runtimeSubsystems)
                #expect(subsystems == node.node.enabled)
            }
            let mining = try await mesh.ref(CommonMethods.self, on: mesh.miningNode).call(\.runtimeSubsystems)
            let markets = try await mesh.ref(CommonMethods.self, on: mesh.marketsNode).call(\.runtimeSubsystems)
            switch meshCase.topology {
            case .monolith:
                #expect(mining == [.mining, .sealing, .sectorStorage, .markets])
            case .split:
                #expect(mining == [.mining, .sealing, .sectorStorage])
                #expect(markets == [.markets])
            }
        }
    }

    @Test("Each subsystem's method works on the node that runs it", arguments: MeshCase.all)
    func subsystemMethodsOnTheirNode(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase) { mesh in
            let sealing = try mesh.ref(SealingMethods.self, on: mesh.miningNode)
            _ = try await sealing.call(\.sectorSetSealDelay, 90_000_000_000)
            #expect(try await sealing.call(\.sectorGetSealDelay) == 90_000_000_000)

            let mining = try mesh.ref(MiningMethods.self, on: mesh.miningNode)
            #expect(try await mining.call(\.actorAddressConfig).disableOwnerFallback == false)

            let markets = try mesh.ref(MarketsMethods.self, on: mesh.marketsNode)
            _ = try await markets.call(\.dealsSetConsiderOnlineStorageDeals, false)
            #expect(try await markets.call(\.dealsConsiderOnlineStorageDeals) == false)

            let dir = mesh.root.appendingPathComponent("store-\(meshCase.transport)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let meta = LocalStorageMeta(id: UUID().uuidString.lowercased(), canSeal: true, canStore: true)
            try JSONEncoder().encode(meta).write(to: dir.appendingPathComponent("sectorstore.json"))
            let storage = try mesh.ref(SectorStorageMethods.self, on: mesh.miningNode)
            _ = try await storage.call(\.storageAddLocal, dir.path)
            #expect(try await storage.call(\.storageLocal) == [meta.id: dir.path])
            #expect(try await storage.call(\.storageStat, meta.id).capacity > 0)
        }
    }

    @Test("Setters persist to the owning node's config.toml", arguments: MeshCase.all)
    func settersPersist(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase) { mesh in
            _ = try await mesh.ref(MarketsMethods.self, on: mesh.marketsNode).call(\.sectorSetExpectedSealDuration, 3_600_000_000_000)
            let text = try String(contentsOfFile: mesh.marketsNode.repo.configPath, encoding: .utf8)
            #expect(text.contains("ExpectedSealDuration = \"1h0m0s\""))
        }
    }

    @Test("A method of a subsystem that runs elsewhere fails clearly, naming the subsystem", arguments: MeshCase.all.filter { $0.topology == .split })
    func wrongNodeCallsFailClearly(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase) { mesh in
            let marketsOnMiner = try mesh.ref(MarketsMethods.self, on: mesh.miningNode)
            let error = await #expect(throws: RPCError.self) { try await marketsOnMiner.call(\.dealsConsiderOnlineStorageDeals) }
            #expect(error?.code == .subsystemNotEnabled)
            #expect(error?.message.contains("Markets subsystem") == true)
            #expect(error?.message.contains("markets node") == true)

            let sealingOnMarkets = try mesh.ref(SealingMethods.self, on: mesh.marketsNode)
            let other = await #expect(throws: RPCError.self) { try await sealingOnMarkets.call(\.sectorGetSealDelay) }
            #expect(other?.code == .subsystemNotEnabled)
            #expect(other?.message.contains("Sealing subsystem") == true)

            // The node keeps serving after refusing.
            #expect(try await mesh.ref(CommonMethods.self, on: mesh.miningNode).call(\.version).apiVersion == .minerAPI)
        }
    }

    @Test("The markets node reaches sealing through its remote reference", arguments: MeshCase.all)
    func marketsNodeUsesRemoteSealing(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase) { mesh in
            let viaMarkets = try #require(mesh.marketsNode.node.sealing)
            #expect(viaMarkets.isLocal == (meshCase.topology == .monolith))
            _ = try await viaMarkets.call(\.sectorSetSealDelay, 7_000_000_000)
            let onMiner = try mesh.ref(SealingMethods.self, on: mesh.miningNode)
            #expect(try await onMiner.call(\.sectorGetSealDelay) == 7_000_000_000)
        }
    }

    @Test("Permissions: no token is read-only; a missing permission names the method and the need", arguments: MeshCase.all)
    func permissions(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase) { mesh in
            let readOnly = try mesh.ref(SealingMethods.self, on: mesh.miningNode, permission: nil)
            _ = try await readOnly.call(\.sectorGetSealDelay)
            let error = await #expect(throws: RPCError.self) { try await readOnly.call(\.sectorSetSealDelay, 1) }
            #expect(error?.message == "missing permission to invoke 'SectorSetSealDelay' (need 'write')")

            let writer = try mesh.ref(CommonMethods.self, on: mesh.miningNode, permission: .write)
            let adminOnly = await #expect(throws: RPCError.self) { try await writer.call(\.authNew, [.read]) }
            #expect(adminOnly?.message == "missing permission to invoke 'AuthNew' (need 'admin')")

            let admin = try mesh.ref(CommonMethods.self, on: mesh.miningNode)
            let minted = try await admin.call(\.authNew, [.read, .write])
            #expect(try await admin.call(\.authVerify, minted.text) == [.read, .write])
        }
    }

    @Test("Closing streams end when the node shuts down via the API", arguments: MeshCase.all)
    func closingEndsOnShutdown(_ meshCase: MeshCase) async throws {
        let mesh = try await Mesh.start(meshCase)
        let node = mesh.marketsNode
        let common = try mesh.ref(CommonMethods.self, on: node)
        let closing = try await common.subscribe(\.closing)
        _ = try await common.call(\.shutdown)
        var values = 0
        for try await _ in closing { values += 1 }
        #expect(values == 0)
        await node.waitUntilStopped()
        await mesh.stop()
    }

    @Test("LogList and LogSetLevel change a logger's level at runtime", arguments: MeshCase.all)
    func logLevels(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase) { mesh in
            let common = try mesh.ref(CommonMethods.self, on: mesh.miningNode)
            #expect(try await common.call(\.logList).contains("sealing"))
            _ = try await common.call(\.logSetLevel, "sealing", "debug")
            let bad = await #expect(throws: RPCError.self) { try await common.call(\.logSetLevel, "nope", "debug") }
            #expect(bad?.message.contains("No such logger") == true)
        }
    }
}
